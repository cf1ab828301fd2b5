import { defineRoute } from "@/lib/api/route";
import { getOffer } from "@/lib/services/offers";
import { offerPathSchema } from "@/lib/validations/offer";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute({
  GET: async (_request, { params }) => Response.json(await getOffer(offerPathSchema.parse(await params).id)),
});
