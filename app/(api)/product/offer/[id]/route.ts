import { defineRoute } from "@/lib/api/route";
import { notFound } from "@/lib/errors";
import { getOffer } from "@/lib/services/offers";
import { idSchema } from "@/lib/validations/common";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoute({
  GET: async (_request, { params }) => {
    const { id } = await params;
    const parsed = idSchema.safeParse(id);
    if (!parsed.success) throw notFound(`Offer ${id} was not found.`, { code: "offer_not_found" });
    return Response.json(await getOffer(parsed.data));
  },
});
