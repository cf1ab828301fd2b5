import { and, desc, eq } from "drizzle-orm";
import type { RuleKeywords } from "@/lib/scoring/types";
import type { OfferInput, OfferPatch } from "@/lib/validations/offer";
import { getDb } from "../index";
import { offers, scores } from "../schema";
import type { WorkspaceScope } from "../scope";

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

/** Changes an offer and marks every score against it stale, in one transaction. Undefined when there is no such offer here. */
export async function updateOffer(scope: WorkspaceScope, id: number, patch: OfferPatch): Promise<Offer | undefined> {
  const db = await getDb();
  return db.transaction(async (tx) => {
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
    if (!offer) return undefined;
    // Name, lists and rules all go into a score (the name into the AI's prompt): every score is out of date.
    await tx.update(scores).set({ stale: true }).where(and(eq(scores.workspaceId, scope.workspaceId), eq(scores.offerId, id)));
    return offer;
  });
}

/** Deletes an offer and, by cascade, its scores and scoring claims. False when there is no such offer here. */
export async function deleteOffer(scope: WorkspaceScope, id: number): Promise<boolean> {
  const db = await getDb();
  const deleted = await db
    .delete(offers)
    .where(and(eq(offers.workspaceId, scope.workspaceId), eq(offers.id, id)))
    .returning({ id: offers.id });
  return deleted.length > 0;
}
