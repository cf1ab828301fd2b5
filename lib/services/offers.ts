import { findOffer, type Offer } from "@/db/queries/offers";
import type { WorkspaceScope } from "@/db/scope";
import { offerNotFound } from "@/lib/errors";

/** The offer with this id; 404 `offer_not_found` when there is none, the same on every endpoint. */
export async function getOffer(scope: WorkspaceScope, id: number): Promise<Offer> {
  const offer = await findOffer(scope, id);
  if (!offer) throw offerNotFound(id);
  return offer;
}
