import { and, count, eq, exists, gte, inArray, not, sql, type SQL } from "drizzle-orm";
import type { LeadScore } from "@/lib/scoring/combine";
import type { LeadData } from "@/lib/scoring/types";
import { getDb } from "../index";
import { leads, scores, scoringClaims } from "../schema";
import type { WorkspaceScope } from "../scope";
import { leadColumns, leadIdIn } from "./lead-columns";

/**
 * How long a claim protects a lead without a heartbeat. A live run refreshes its claims every
 * CLAIM_HEARTBEAT_MS, however long Gemini takes; a claim older than this was left by a run that
 * died, and its leads are free for the next run.
 */
const CLAIM_TTL = sql`interval '2 minutes'`;
export const CLAIM_HEARTBEAT_MS = 30_000;

export type ScoringJob = {
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


function needsScoring(scope: WorkspaceScope, job: ScoringJob, db: Awaited<ReturnType<typeof getDb>>): SQL {
  const scored = db
    .select({ one: sql`1` })
    .from(scores)
    .where(
      and(
        eq(scores.leadId, leads.id),
        eq(scores.offerId, job.offerId),
        // A stale score (its lead or offer changed since) is scored again on the next run.
        eq(scores.stale, false),
        // A score written since the run started is done, whoever wrote it: two rescore runs at
        // once then share the work instead of overwriting each other without end.
        job.rescore ? sql`${scores.scoredAt} >= ${job.startedAt}::timestamptz` : undefined,
      ),
    );
  const inScope = job.leadIds ? leadIdIn(job.leadIds) : undefined;
  return and(eq(leads.workspaceId, scope.workspaceId), inScope, not(exists(scored)))!;
}

export async function countLeadsToScore(scope: WorkspaceScope, job: ScoringJob): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(leads).where(needsScoring(scope, job, db));
  return row?.n ?? 0;
}

/** Ids that are not leads of this workspace (another workspace's lead is unknown here). */
export async function findMissingLeadIds(scope: WorkspaceScope, ids: readonly number[]): Promise<number[]> {
  const db = await getDb();
  const found = new Set(
    (await db.select({ id: leads.id }).from(leads).where(and(eq(leads.workspaceId, scope.workspaceId), leadIdIn(ids)))).map(
      (row) => row.id,
    ),
  );
  return ids.filter((id) => !found.has(id));
}

/**
 * Claims up to `limit` leads that still need scoring and that no live run holds, and returns them.
 * SKIP LOCKED lets concurrent runs claim side by side without waiting for or taking each other's leads.
 */
export async function claimLeads(scope: WorkspaceScope, job: ScoringJob, limit: number): Promise<(LeadData & { id: number })[]> {
  const db = await getDb();
  const heldByLiveRun = db
    .select({ one: sql`1` })
    .from(scoringClaims)
    .where(
      and(
        eq(scoringClaims.leadId, leads.id),
        eq(scoringClaims.offerId, job.offerId),
        gte(scoringClaims.claimedAt, sql`now() - ${CLAIM_TTL}`),
      ),
    );
  const candidates = db
    .select({
      workspaceId: leads.workspaceId,
      leadId: sql<number>`${leads.id}`.as("lead_id"),
      offerId: sql<number>`${job.offerId}::int`.as("offer_id"),
      runId: sql<string>`${job.runId}`.as("run_id"),
      claimedAt: sql<Date>`now()`.as("claimed_at"),
    })
    .from(leads)
    .where(and(needsScoring(scope, job, db), not(exists(heldByLiveRun))))
    .orderBy(leads.id)
    .limit(limit)
    .for("update", { of: leads, skipLocked: true });
  const claimed = await db
    .insert(scoringClaims)
    .select(candidates)
    .onConflictDoUpdate({
      target: [scoringClaims.leadId, scoringClaims.offerId],
      set: { runId: job.runId, claimedAt: sql`now()` },
      setWhere: sql`${scoringClaims.claimedAt} < now() - ${CLAIM_TTL}`,
    })
    .returning({ leadId: scoringClaims.leadId });
  if (claimed.length === 0) return [];
  return db
    .select(leadColumns)
    .from(leads)
    .where(and(eq(leads.workspaceId, scope.workspaceId), inArray(leads.id, claimed.map((row) => row.leadId))))
    .orderBy(leads.id);
}

/** Saves a finished batch and releases its claims in one transaction. */
export async function saveScores(scope: WorkspaceScope, job: ScoringJob, results: readonly { leadId: number; score: LeadScore }[]): Promise<void> {
  if (results.length === 0) return;
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx
      .insert(scores)
      .values(
        results.map(({ leadId, score }) => ({
          workspaceId: scope.workspaceId,
          leadId,
          offerId: job.offerId,
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
          stale: false,
          scoredAt: sql`now()`,
        },
      });
    await releaseClaimsWith(tx, scope, job, results.map((result) => result.leadId));
  });
}

type Executor = Pick<Awaited<ReturnType<typeof getDb>>, "delete">;

function releaseClaimsWith(executor: Executor, scope: WorkspaceScope, job: ScoringJob, leadIds: readonly number[]) {
  return executor
    .delete(scoringClaims)
    .where(
      and(
        eq(scoringClaims.workspaceId, scope.workspaceId),
        eq(scoringClaims.runId, job.runId),
        eq(scoringClaims.offerId, job.offerId),
        inArray(scoringClaims.leadId, [...leadIds]),
      ),
    );
}

/** Keeps a live run's claims from expiring. */
export async function refreshClaims(scope: WorkspaceScope, job: ScoringJob): Promise<void> {
  const db = await getDb();
  await db.update(scoringClaims).set({ claimedAt: sql`now()` }).where(and(eq(scoringClaims.workspaceId, scope.workspaceId), eq(scoringClaims.runId, job.runId)));
}

/** Gives back leads a run claimed but could not score, so the next run picks them up at once. */
export async function releaseClaims(scope: WorkspaceScope, job: ScoringJob, leadIds: readonly number[]): Promise<void> {
  if (leadIds.length === 0) return;
  await releaseClaimsWith(await getDb(), scope, job, leadIds);
}
