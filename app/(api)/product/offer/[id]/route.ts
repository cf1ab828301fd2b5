import { defineRoute } from "@/lib/api/route";
import { getOffer } from "@/lib/services/offers";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  GET: async (_request, { params }) => Response.json(await getOffer((await params).id!)),
});
