import { defineRoute } from "@/lib/api/route";
import { getOffer } from "@/lib/services/offers";
import { idPathSchema } from "@/lib/validations/common";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute({
  GET: async (_request, { params, principal }) => Response.json(await getOffer(principal.scope, idPathSchema.parse(params).id)),
});
