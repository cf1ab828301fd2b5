import { findOffer, type Offer } from "@/db/queries/offers";
import { notFound } from "@/lib/errors";
import { idSchema } from "@/lib/validations/common";

/** The offer with this id (as a number or as it appears in a URL); 404 when there is none. */
export async function getOffer(id: number | string): Promise<Offer> {
  const parsed = idSchema.safeParse(id);
  const offer = parsed.success ? await findOffer(parsed.data) : undefined;
  if (!offer) throw notFound(`Offer ${id} was not found.`, { code: "offer_not_found" });
  return offer;
}
