import { createOffer, listOffers } from "@/db/queries/offers";
import { readJsonBody } from "@/lib/api/request";
import { defineRoute } from "@/lib/api/route";
import { offerInputSchema } from "@/lib/validations/offer";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute({
  GET: async (_request, { principal }) => Response.json(await listOffers(principal.scope)),
  POST: async (request, { principal }) => {
    const input = offerInputSchema.parse(await readJsonBody(request));
    return Response.json(await createOffer(principal.scope, input), { status: 201 });
  },
});
