import { findOffer, type Offer } from "@/db/queries/offers";
import { notFound } from "@/lib/errors";

export async function getOffer(id: number): Promise<Offer> {
  const offer = await findOffer(id);
  if (!offer) throw notFound(`Offer ${id} was not found.`, { code: "offer_not_found" });
  return offer;
}
