import { createOffer, listOffers } from "@/db/queries/offers";
import { readJsonBody } from "@/lib/api/request";
import { defineRoute } from "@/lib/api/route";
import { offerInputSchema } from "@/lib/validations/offer";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute({
  GET: async () => Response.json(await listOffers()),
  POST: async (request) => {
    const input = offerInputSchema.parse(await readJsonBody(request));
    return Response.json(await createOffer(input), { status: 201 });
  },
});
