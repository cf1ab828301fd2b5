import { deleteOffer, findOffer, updateOffer, type Offer } from "@/db/queries/offers";
import type { WorkspaceScope } from "@/db/scope";
import { conflict, offerNotFound } from "@/lib/errors";
import type { OfferPatch } from "@/lib/validations/offer";

/** The offer with this id; 404 `offer_not_found` when there is none, the same on every endpoint. */
export async function getOffer(scope: WorkspaceScope, id: number): Promise<Offer> {
  const offer = await findOffer(scope, id);
  if (!offer) throw offerNotFound(id);
  return offer;
}

const inUse = (id: number, what: string) =>
  conflict(`Offer ${id} is being scored by a run that has not ended; ${what} it once the run ends, or cancel the run.`, { code: "offer_in_use" });

/** Edits an offer; its scores become stale, so the next scoring run redoes them. 409 `offer_in_use` while a run that has not ended scores against it. */
export async function editOffer(scope: WorkspaceScope, id: number, patch: OfferPatch): Promise<Offer> {
  const offer = await updateOffer(scope, id, patch);
  if (offer === "not_found") throw offerNotFound(id);
  if (offer === "in_use") throw inUse(id, "edit");
  return offer;
}

/** Deletes an offer with its scores; 409 `offer_in_use` as for an edit. */
export async function removeOffer(scope: WorkspaceScope, id: number): Promise<void> {
  const deleted = await deleteOffer(scope, id);
  if (deleted === "not_found") throw offerNotFound(id);
  if (deleted === "in_use") throw inUse(id, "delete");
}
