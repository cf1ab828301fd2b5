import { and, desc, eq, inArray } from "drizzle-orm";
import type { RuleKeywords } from "@/lib/scoring/types";
import type { OfferInput, OfferPatch } from "@/lib/validations/offer";
import { getDb } from "../index";
import { offers, scores, scoringRuns } from "../schema";
import type { WorkspaceScope } from "../scope";
import { ACTIVE_STATUSES, type Executor } from "./runs";

const offerColumns = {
  id: offers.id,
  name: offers.name,
  value_props: offers.valueProps,
  ideal_use_cases: offers.idealUseCases,
  rules: offers.rules,
  created_at: offers.createdAt,
};

export type Offer = {
  id: number;
  name: string;
  value_props: string[];
  ideal_use_cases: string[];
  rules: Partial<RuleKeywords> | null;
  created_at: Date;
};

export async function createOffer(scope: WorkspaceScope, input: OfferInput): Promise<Offer> {
  const db = await getDb();
  const [offer] = await db
    .insert(offers)
    .values({
      workspaceId: scope.workspaceId,
      name: input.name,
      valueProps: input.value_props,
      idealUseCases: input.ideal_use_cases,
      rules: input.rules ?? null,
    })
    .returning(offerColumns);
  return offer!;
}

export async function listOffers(scope: WorkspaceScope): Promise<Offer[]> {
  const db = await getDb();
  return db
    .select(offerColumns)
    .from(offers)
    .where(eq(offers.workspaceId, scope.workspaceId))
    .orderBy(desc(offers.createdAt), desc(offers.id));
}

export async function findOffer(scope: WorkspaceScope, id: number): Promise<Offer | undefined> {
  const db = await getDb();
  const [offer] = await db
    .select(offerColumns)
    .from(offers)
    .where(and(eq(offers.workspaceId, scope.workspaceId), eq(offers.id, id)));
  return offer;
}

export async function findLatestOffer(scope: WorkspaceScope): Promise<Offer | undefined> {
  const db = await getDb();
  const [offer] = await db
    .select(offerColumns)
    .from(offers)
    .where(eq(offers.workspaceId, scope.workspaceId))
    .orderBy(desc(offers.createdAt), desc(offers.id))
    .limit(1);
  return offer;
}

/**
 * In a transaction that edits or deletes an offer: takes the offer FOR UPDATE (waiting for a run
 * being stored against it, see insertRun) and answers whether it is there and no run that has not
 * ended scores against it.
 */
async function lockOfferIfIdle(tx: Executor, scope: WorkspaceScope, offerId: number): Promise<"idle" | "not_found" | "in_use"> {
  const [offer] = await tx
    .select({ id: offers.id })
    .from(offers)
    .where(and(eq(offers.workspaceId, scope.workspaceId), eq(offers.id, offerId)))
    .for("update");
  if (!offer) return "not_found";
  const [run] = await tx
    .select({ id: scoringRuns.id })
    .from(scoringRuns)
    .where(and(eq(scoringRuns.workspaceId, scope.workspaceId), eq(scoringRuns.offerId, offerId), inArray(scoringRuns.status, [...ACTIVE_STATUSES])))
    .limit(1);
  return run ? "in_use" : "idle";
}

/** What an edit or a deletion found: the offer gone, or scored by a run that has not ended (409). */
export type OfferChange<T> = T | "not_found" | "in_use";

/** Edits an offer; its scores become stale, so the next scoring run redoes them. */
export async function updateOffer(scope: WorkspaceScope, id: number, patch: OfferPatch): Promise<OfferChange<Offer>> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const state = await lockOfferIfIdle(tx, scope, id);
    if (state !== "idle") return state;
    const [offer] = await tx
      .update(offers)
      .set({
        name: patch.name,
        valueProps: patch.value_props,
        idealUseCases: patch.ideal_use_cases,
        rules: patch.rules === undefined ? undefined : (patch.rules ?? null),
      })
      .where(and(eq(offers.workspaceId, scope.workspaceId), eq(offers.id, id)))
      .returning(offerColumns);
    // Name, lists and rules all go into a score (the name into the AI's prompt): every score is out of date.
    await tx.update(scores).set({ stale: true }).where(and(eq(scores.workspaceId, scope.workspaceId), eq(scores.offerId, id)));
    return offer!;
  });
}

/** Deletes an offer and, by cascade, its scores and scoring claims. */
export async function deleteOffer(scope: WorkspaceScope, id: number): Promise<OfferChange<"deleted">> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const state = await lockOfferIfIdle(tx, scope, id);
    if (state !== "idle") return state;
    await tx.delete(offers).where(and(eq(offers.workspaceId, scope.workspaceId), eq(offers.id, id)));
    return "deleted" as const;
  });
}
