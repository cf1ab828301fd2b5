import { readJsonBody } from "@/lib/api/request";
import { defineRoute } from "@/lib/api/route";
import { editOffer, getOffer, removeOffer } from "@/lib/services/offers";
import { idPathSchema } from "@/lib/validations/common";
import { offerPatchSchema } from "@/lib/validations/offer";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute({
  GET: async (_request, { params, principal }) => Response.json(await getOffer(principal.scope, idPathSchema.parse(params).id)),
  PATCH: async (request, { params, principal }) => {
    const { id } = idPathSchema.parse(params);
    return Response.json(await editOffer(principal.scope, id, offerPatchSchema.parse(await readJsonBody(request))));
  },
  DELETE: async (_request, { params, principal }) => {
    await removeOffer(principal.scope, idPathSchema.parse(params).id);
    return new Response(null, { status: 204 });
  },
});
