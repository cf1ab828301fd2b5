import { and, count, eq, exists, gte, inArray, not, sql, type SQL } from "drizzle-orm";
import type { LeadScore } from "@/lib/scoring/combine";
import type { LeadData } from "@/lib/scoring/types";
import { getDb } from "../index";
import { leads, scores, scoringClaims } from "../schema";
import { leadColumns, leadIdIn } from "./lead-columns";

/**
 * How long a claim protects a lead without a heartbeat. A live run refreshes its claims every
 * CLAIM_HEARTBEAT_MS, however long Gemini takes; a claim older than this was left by a run that
 * died, and its leads are free for the next run.
 */
const CLAIM_TTL = sql`interval '2 minutes'`;
export const CLAIM_HEARTBEAT_MS = 30_000;

export type ScoringScope = {
  offerId: number;
  /** Names this run's claims. */
  runId: string;
  /** When the run started, by the database's clock (as text, to compare without rounding). */
  startedAt: string;
  /** Only these leads; all leads when absent. */
  leadIds?: readonly number[];
  /** Score again leads whose score against the offer predates this run. */
  rescore: boolean;
};

/** The database's own clock, so that comparisons with scored_at never mix two clocks. */
export async function databaseNow(): Promise<string> {
  const db = await getDb();
  const [row] = await db.select({ now: sql<string>`now()::text` }).from(sql`(select 1) as one`);
  return row!.now;
}


function needsScoring(scope: ScoringScope, db: Awaited<ReturnType<typeof getDb>>): SQL {
  const scored = db
    .select({ one: sql`1` })
    .from(scores)
    .where(
      and(
        eq(scores.leadId, leads.id),
        eq(scores.offerId, scope.offerId),
        // A score written since the run started is done, whoever wrote it: two rescore runs at
        // once then share the work instead of overwriting each other without end.
        scope.rescore ? sql`${scores.scoredAt} >= ${scope.startedAt}::timestamptz` : undefined,
      ),
    );
  const inScope = scope.leadIds ? leadIdIn(scope.leadIds) : undefined;
  return and(inScope, not(exists(scored)))!;
}

export async function countLeadsToScore(scope: ScoringScope): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(leads).where(needsScoring(scope, db));
  return row?.n ?? 0;
}

export async function findMissingLeadIds(ids: readonly number[]): Promise<number[]> {
  const db = await getDb();
  const found = new Set(
    (await db.select({ id: leads.id }).from(leads).where(leadIdIn(ids))).map((row) => row.id),
  );
  return ids.filter((id) => !found.has(id));
}

/**
 * Claims up to `limit` leads that still need scoring and that no live run holds, and returns them.
 * SKIP LOCKED lets concurrent runs claim side by side without waiting for or taking each other's leads.
 */
export async function claimLeads(scope: ScoringScope, limit: number): Promise<(LeadData & { id: number })[]> {
  const db = await getDb();
  const heldByLiveRun = db
    .select({ one: sql`1` })
    .from(scoringClaims)
    .where(
      and(
        eq(scoringClaims.leadId, leads.id),
        eq(scoringClaims.offerId, scope.offerId),
        gte(scoringClaims.claimedAt, sql`now() - ${CLAIM_TTL}`),
      ),
    );
  const candidates = db
    .select({
      leadId: sql<number>`${leads.id}`.as("lead_id"),
      offerId: sql<number>`${scope.offerId}::int`.as("offer_id"),
      runId: sql<string>`${scope.runId}`.as("run_id"),
      claimedAt: sql<Date>`now()`.as("claimed_at"),
    })
    .from(leads)
    .where(and(needsScoring(scope, db), not(exists(heldByLiveRun))))
    .orderBy(leads.id)
    .limit(limit)
    .for("update", { of: leads, skipLocked: true });
  const claimed = await db
    .insert(scoringClaims)
    .select(candidates)
    .onConflictDoUpdate({
      target: [scoringClaims.leadId, scoringClaims.offerId],
      set: { runId: scope.runId, claimedAt: sql`now()` },
      setWhere: sql`${scoringClaims.claimedAt} < now() - ${CLAIM_TTL}`,
    })
    .returning({ leadId: scoringClaims.leadId });
  if (claimed.length === 0) return [];
  return db
    .select(leadColumns)
    .from(leads)
    .where(inArray(leads.id, claimed.map((row) => row.leadId)))
    .orderBy(leads.id);
}

/** Saves a finished batch and releases its claims in one transaction. */
export async function saveScores(scope: ScoringScope, results: readonly { leadId: number; score: LeadScore }[]): Promise<void> {
  if (results.length === 0) return;
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx
      .insert(scores)
      .values(
        results.map(({ leadId, score }) => ({
          leadId,
          offerId: scope.offerId,
          ruleScore: score.ruleScore,
          aiIntent: score.aiIntent,
          aiScore: score.aiScore,
          aiProvider: score.aiProvider,
          aiModel: score.aiModel,
          reasoning: score.reasoning,
          score: score.score,
          intent: score.intent,
          breakdown: score.breakdown,
        })),
      )
      .onConflictDoUpdate({
        target: [scores.leadId, scores.offerId],
        set: {
          ruleScore: sql`excluded.rule_score`,
          aiIntent: sql`excluded.ai_intent`,
          aiScore: sql`excluded.ai_score`,
          aiProvider: sql`excluded.ai_provider`,
          aiModel: sql`excluded.ai_model`,
          reasoning: sql`excluded.reasoning`,
          score: sql`excluded.score`,
          intent: sql`excluded.intent`,
          breakdown: sql`excluded.breakdown`,
          scoredAt: sql`now()`,
        },
      });
    await releaseClaimsWith(tx, scope, results.map((result) => result.leadId));
  });
}

type Executor = Pick<Awaited<ReturnType<typeof getDb>>, "delete">;

function releaseClaimsWith(executor: Executor, scope: ScoringScope, leadIds: readonly number[]) {
  return executor
    .delete(scoringClaims)
    .where(
      and(
        eq(scoringClaims.runId, scope.runId),
        eq(scoringClaims.offerId, scope.offerId),
        inArray(scoringClaims.leadId, [...leadIds]),
      ),
    );
}

/** Keeps a live run's claims from expiring. */
export async function refreshClaims(scope: ScoringScope): Promise<void> {
  const db = await getDb();
  await db.update(scoringClaims).set({ claimedAt: sql`now()` }).where(eq(scoringClaims.runId, scope.runId));
}

/** Gives back leads a run claimed but could not score, so the next run picks them up at once. */
export async function releaseClaims(scope: ScoringScope, leadIds: readonly number[]): Promise<void> {
  if (leadIds.length === 0) return;
  await releaseClaimsWith(await getDb(), scope, leadIds);
}
