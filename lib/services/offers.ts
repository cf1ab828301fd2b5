import { deleteOffer, findOffer, updateOffer, type Offer } from "@/db/queries/offers";
import type { WorkspaceScope } from "@/db/scope";
import { hasActiveRun } from "@/db/queries/runs";
import { conflict, offerNotFound } from "@/lib/errors";
import type { OfferPatch } from "@/lib/validations/offer";

/** The offer with this id; 404 `offer_not_found` when there is none, the same on every endpoint. */
export async function getOffer(scope: WorkspaceScope, id: number): Promise<Offer> {
  const offer = await findOffer(scope, id);
  if (!offer) throw offerNotFound(id);
  return offer;
}

/** 409 `offer_in_use` while a run that has not ended scores against the offer. */
async function refuseWhileScoring(scope: WorkspaceScope, id: number, what: string): Promise<void> {
  if (await hasActiveRun(scope, id)) {
    throw conflict(`Offer ${id} is being scored by a run that has not ended; ${what} it once the run ends, or cancel the run.`, { code: "offer_in_use" });
  }
}

/** Edits an offer; its scores become stale, so the next scoring run redoes them. */
export async function editOffer(scope: WorkspaceScope, id: number, patch: OfferPatch): Promise<Offer> {
  await refuseWhileScoring(scope, id, "edit");
  const offer = await updateOffer(scope, id, patch);
  if (!offer) throw offerNotFound(id);
  return offer;
}

/** Deletes an offer with its scores. */
export async function removeOffer(scope: WorkspaceScope, id: number): Promise<void> {
  await refuseWhileScoring(scope, id, "delete");
  if (!(await deleteOffer(scope, id))) throw offerNotFound(id);
}
