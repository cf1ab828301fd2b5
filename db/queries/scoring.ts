import { and, count, eq, exists, gt, gte, inArray, ne, not, sql, type SQL } from "drizzle-orm";
import { env } from "@/lib/env";
import type { LeadScore } from "@/lib/scoring/combine";
import type { Intent, LeadData, RunStatus } from "@/lib/scoring/types";
import { getDb, rowsOf } from "../index";
import { aiDailyUsage, aiJudgements, leads, scores, scoringClaims, scoringRuns } from "../schema";
import type { WorkspaceScope } from "../scope";
import { leadColumns, leadIdIn } from "./lead-columns";
import { progressUpdate, type RunProgress } from "./runs";

/**
 * How long a claim protects a lead without a heartbeat. A live run refreshes its claims every
 * CLAIM_HEARTBEAT_MS, however long Gemini takes; a claim older than the TTL was left by an instance
 * that died, and its leads are free for any other.
 */
const claimTtl = () => sql`make_interval(secs => ${env.RUN_CLAIM_TTL_SECONDS})`;
export const claimHeartbeatMs = () => Math.max(1_000, Math.floor((env.RUN_CLAIM_TTL_SECONDS * 1000) / 3));

/** What a run scores: the part of scoring_runs the claim and count queries need. */
export type ScoringJob = {
  runId: number;
  offerId: number;
  /** Only these leads; all leads when null. */
  leadIds: readonly number[] | null;
  /** Score again leads whose score predates this moment (the database's clock, as text). */
  rescoreBefore: string | null;
};

type Db = Awaited<ReturnType<typeof getDb>>;
type Reader = Pick<Db, "select">;

function needsScoring(scope: WorkspaceScope, job: Omit<ScoringJob, "runId">, db: Reader): SQL {
  const scored = db
    .select({ one: sql`1` })
    .from(scores)
    .where(
      and(
        eq(scores.leadId, leads.id),
        eq(scores.offerId, job.offerId),
        // A stale score (its lead or offer changed since) is scored again on the next run.
        eq(scores.stale, false),
        // A score written since the cut-off is done, whoever wrote it: overlapping rescore runs
        // share the cut-off (insertRun), so together they score each lead once.
        job.rescoreBefore === null ? undefined : sql`${scores.scoredAt} >= ${job.rescoreBefore}::timestamptz`,
      ),
    );
  const inScope = job.leadIds ? leadIdIn(job.leadIds) : undefined;
  return and(eq(leads.workspaceId, scope.workspaceId), inScope, not(exists(scored)))!;
}

/** A live claim on the lead for the job's offer, by another run (`runId`) or by any run. */
function heldByLiveRun(db: Reader, offerId: number, otherThan?: number) {
  return exists(
    db
      .select({ one: sql`1` })
      .from(scoringClaims)
      .where(
        and(
          eq(scoringClaims.leadId, leads.id),
          eq(scoringClaims.offerId, offerId),
          gte(scoringClaims.claimedAt, sql`now() - ${claimTtl()}`),
          otherThan === undefined ? undefined : ne(scoringClaims.runId, otherThan),
        ),
      ),
  );
}

/** Leads the job would score now. */
export async function countLeadsToScore(scope: WorkspaceScope, job: Omit<ScoringJob, "runId">, executor: Reader): Promise<number> {
  const [row] = await executor.select({ n: count() }).from(leads).where(needsScoring(scope, job, executor));
  return row?.n ?? 0;
}

/** Leads still to do for the run, leaving out those another live run is scoring right now. */
export async function countRemaining(scope: WorkspaceScope, job: ScoringJob, executor: Reader): Promise<number> {
  const [row] = await executor
    .select({ n: count() })
    .from(leads)
    .where(and(needsScoring(scope, job, executor), not(heldByLiveRun(executor, job.offerId, job.runId))));
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

export type CacheKey = { offerHash: string; model: string; promptVersion: string };
export type CachedJudgement = { leadHash: string; intent: Intent; reasoning: string };

/** A claimed lead, with the judgement the cache holds for it under the run's key (the caller checks its hash). */
export type ClaimedLead = LeadData & { id: number; stored?: CachedJudgement };

/**
 * Claims up to `limit` leads that still need scoring and that no live run holds, for a run that is
 * still running (a cancelled run claims nothing more), and returns them with what the judgement
 * cache holds for them under `cache` (none without it), in one statement. SKIP LOCKED lets
 * instances and runs claim side by side without waiting for or taking each other's leads.
 * `holdSeconds` dates the claim ahead: a batch run holds its leads while Google works on them.
 * `reclaimOwn` takes again the run's own live claims (a batch run, whose lease allows one instance
 * at a time: claims it holds with no job recorded were left by an instance that died in between).
 * `afterId` starts the search after the leads a worker has already been through, so a run's claims
 * walk its leads once instead of rescanning the scored ones each time.
 */
export async function claimLeads(
  scope: WorkspaceScope,
  job: ScoringJob,
  limit: number,
  options: { holdSeconds?: number; afterId?: number; cache?: CacheKey; reclaimOwn?: boolean } = {},
): Promise<ClaimedLead[]> {
  const { holdSeconds = 0, afterId = 0, cache, reclaimOwn = false } = options;
  const db = await getDb();
  const claimedAt = sql`now() + make_interval(secs => ${holdSeconds})`;
  const runIsRunning = exists(
    db
      .select({ one: sql`1` })
      .from(scoringRuns)
      .where(and(eq(scoringRuns.id, job.runId), eq(scoringRuns.status, "running"))),
  );
  const candidates = db
    .select({
      workspaceId: leads.workspaceId,
      leadId: sql<number>`${leads.id}`.as("lead_id"),
      offerId: sql<number>`${job.offerId}::int`.as("offer_id"),
      runId: sql<number>`${job.runId}::int`.as("run_id"),
      claimedAt: sql<Date>`${claimedAt}`.as("claimed_at"),
      leadChanged: sql<boolean>`false`.as("lead_changed"),
    })
    .from(leads)
    .where(and(runIsRunning, gt(leads.id, afterId), needsScoring(scope, job, db), not(heldByLiveRun(db, job.offerId, reclaimOwn ? job.runId : undefined))))
    .orderBy(leads.id)
    .limit(limit)
    .for("update", { of: leads, skipLocked: true });
  const claimed = db.$with("claimed", { leadId: scoringClaims.leadId }).as(
    db
      .insert(scoringClaims)
      .select(candidates)
      .onConflictDoUpdate({
        target: [scoringClaims.leadId, scoringClaims.offerId],
        // Claimed again, the lead is read again: what an import changed before now is in what the run reads.
        set: { runId: job.runId, claimedAt, leadChanged: false },
        setWhere: reclaimOwn
          ? sql`${scoringClaims.claimedAt} < now() - ${claimTtl()} or ${scoringClaims.runId} = ${job.runId}`
          : sql`${scoringClaims.claimedAt} < now() - ${claimTtl()}`,
      })
      .returning({ leadId: scoringClaims.leadId })
      .getSQL(),
  );
  const storedFor = cache
    ? and(
        eq(aiJudgements.workspaceId, scope.workspaceId),
        eq(aiJudgements.leadId, leads.id),
        eq(aiJudgements.offerHash, cache.offerHash),
        eq(aiJudgements.model, cache.model),
        eq(aiJudgements.promptVersion, cache.promptVersion),
      )
    : sql`false`;
  const rows = await db
    .with(claimed)
    .select({ ...leadColumns, leadHash: aiJudgements.leadHash, intent: aiJudgements.intent, reasoning: aiJudgements.reasoning })
    .from(claimed)
    .innerJoin(leads, and(eq(leads.workspaceId, scope.workspaceId), eq(leads.id, claimed.leadId)))
    .leftJoin(aiJudgements, storedFor)
    .orderBy(leads.id);
  return rows.map(({ leadHash, intent, reasoning, ...lead }) => (leadHash === null || intent === null || reasoning === null ? lead : { ...lead, stored: { leadHash, intent, reasoning } }));
}

/** The leads with these ids that still exist, by id. */
export async function readLeads(scope: WorkspaceScope, ids: readonly number[]): Promise<ClaimedLead[]> {
  if (ids.length === 0) return [];
  const db = await getDb();
  return db
    .select(leadColumns)
    .from(leads)
    .where(and(eq(leads.workspaceId, scope.workspaceId), inArray(leads.id, [...ids])))
    .orderBy(leads.id);
}

export type ScoredResult = { leadId: number; score: LeadScore; cached: boolean };

/**
 * Something to write in the save's statement, so that it is written with the scores or not at all
 * (webhook events): a data-modifying statement over the ids of the leads whose scores the save
 * wrote, returning a row per row it wrote; `written` hears how many once the save is done.
 */
export type AlsoWrite = { statement: (savedLeadIds: SQL) => SQL; written: (rows: number) => void };

export type SaveBatch = {
  results: readonly ScoredResult[];
  /** Fresh AI judgements to keep for next time. */
  remember: readonly ({ leadId: number } & CachedJudgement)[];
  cacheKey: CacheKey;
  progress: Omit<RunProgress, "done" | "fallbacks" | "cached">;
  /**
   * Count `progress` only if this save writes a score: a batch job's usage comes with its first
   * page of answers, which a run resumed after a crash may save again (writing nothing new).
   */
  progressIfWritten?: boolean;
  alsoWrite: AlsoWrite;
};

/**
 * Saves a finished batch — its scores, the fresh judgements for the cache, the run's counts, what
 * `alsoWrite` adds — and releases its claims, in one statement (atomic, and one round trip: the
 * embedded database holds the process for each): after a crash a lead is either saved and counted
 * or still to do. A score this run already wrote (a batch saved again after a crash) is neither
 * written nor counted twice. Answers the run's status, so a worker sees a cancel at once.
 */
export async function saveScores(scope: WorkspaceScope, job: ScoringJob, batch: SaveBatch): Promise<RunStatus | undefined> {
  const db = await getDb();
  // Rows go in as one JSON parameter each: a batch is one short statement, whatever its size.
  const results = JSON.stringify(
    batch.results.map(({ leadId, score, cached }) => ({
      lead_id: leadId,
      ai_cached: cached,
      rule_score: score.ruleScore,
      ai_intent: score.aiIntent,
      ai_score: score.aiScore,
      ai_provider: score.aiProvider,
      ai_model: score.aiModel,
      reasoning: score.reasoning,
      score: score.score,
      intent: score.intent,
      breakdown: score.breakdown,
    })),
  );
  const judgements = JSON.stringify(batch.remember.map(({ leadId, leadHash, intent, reasoning }) => ({ lead_id: leadId, lead_hash: leadHash, intent, reasoning })));
  const { offerHash, model, promptVersion } = batch.cacheKey;
  const leadIds = batch.results.map((result) => result.leadId);
  const ifWritten = (value: number, type: SQL) => sql`(case when exists (select 1 from written) then ${value}::${type} else 0 end)`;
  const { aiCalls, tokensIn, tokensOut, tokensThinking, costUsd } = batch.progress;
  const usage = batch.progressIfWritten
    ? {
        aiCalls: ifWritten(aiCalls, sql`bigint`),
        tokensIn: ifWritten(tokensIn, sql`bigint`),
        tokensOut: ifWritten(tokensOut, sql`bigint`),
        tokensThinking: ifWritten(tokensThinking, sql`bigint`),
        costUsd: costUsd === null ? null : ifWritten(costUsd, sql`numeric`),
      }
    : batch.progress;
  const progress = progressUpdate(db, scope, job.runId, {
    ...usage,
    done: sql`(select count(*) from written)`,
    fallbacks: sql`(select count(*) from written where ai_provider = 'fallback')`,
    cached: sql`(select count(*) from written where ai_cached)`,
  });
  const [row] = rowsOf<{ status: RunStatus | null; also_written: number }>(
    await db.execute(sql`
      -- The leads of this batch that still exist, held until the save commits: one erased meanwhile
      -- is left out (an erasure under way waits for this statement, then takes the new score too).
      with live as (
        select id from ${leads} where workspace_id = ${scope.workspaceId}
          and id in (select (jsonb_array_elements_text(${JSON.stringify(leadIds)}::jsonb))::integer)
        for key share
      ),
      written as (
        insert into ${scores} (workspace_id, lead_id, offer_id, run_id, ai_cached, rule_score, ai_intent, ai_score, ai_provider, ai_model, reasoning, score, intent, breakdown, stale)
        select ${scope.workspaceId}, r.lead_id, ${job.offerId}, ${job.runId}, r.ai_cached, r.rule_score, r.ai_intent, r.ai_score, r.ai_provider, r.ai_model, r.reasoning, r.score, r.intent, r.breakdown,
          -- Scored from what the lead was when the run read it: stale if an import refreshed it since.
          exists (select 1 from ${scoringClaims} c where c.lead_id = r.lead_id and c.offer_id = ${job.offerId} and c.run_id = ${job.runId} and c.lead_changed)
        from jsonb_to_recordset(${results}::jsonb) as r(lead_id integer, ai_cached boolean, rule_score integer, ai_intent intent, ai_score integer, ai_provider ai_provider,
          ai_model text, reasoning text, score integer, intent intent, breakdown jsonb)
        where r.lead_id in (select id from live)
        on conflict (lead_id, offer_id) do update set
          run_id = excluded.run_id, ai_cached = excluded.ai_cached, rule_score = excluded.rule_score, ai_intent = excluded.ai_intent, ai_score = excluded.ai_score,
          ai_provider = excluded.ai_provider, ai_model = excluded.ai_model, reasoning = excluded.reasoning, score = excluded.score, intent = excluded.intent,
          breakdown = excluded.breakdown, stale = excluded.stale, scored_at = now()
        where ${scores}.run_id is distinct from excluded.run_id or ${scores}.stale
        returning lead_id, ai_provider, ai_cached
      ),
      remembered as (
        insert into ${aiJudgements} (workspace_id, lead_id, offer_hash, model, prompt_version, lead_hash, intent, reasoning)
        select ${scope.workspaceId}, j.lead_id, ${offerHash}, ${model}, ${promptVersion}, j.lead_hash, j.intent, j.reasoning
        from jsonb_to_recordset(${judgements}::jsonb) as j(lead_id integer, lead_hash text, intent intent, reasoning text)
        where j.lead_id in (select id from live)
        on conflict (lead_id, offer_hash, model, prompt_version) do update set
          lead_hash = excluded.lead_hash, intent = excluded.intent, reasoning = excluded.reasoning, created_at = now()
      ),
      released as (${releaseClaimsWith(db, scope, job, leadIds).getSQL()}),
      also as (${batch.alsoWrite.statement(sql`select lead_id from written`)}),
      progress as (${progress})
      select (select status from progress) as status, (select count(*)::integer from also) as also_written`),
  );
  batch.alsoWrite.written(Number(row?.also_written ?? 0));
  return row?.status ?? undefined;
}

function releaseClaimsWith(executor: Pick<Db, "delete">, scope: WorkspaceScope, job: ScoringJob, leadIds: readonly number[]) {
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

/** Gives back leads a run claimed but could not score, so the next claim picks them up at once. */
export async function releaseClaims(scope: WorkspaceScope, job: ScoringJob, leadIds: readonly number[]): Promise<void> {
  if (leadIds.length === 0) return;
  await releaseClaimsWith(await getDb(), scope, job, leadIds);
}

const utcToday = sql`(now() at time zone 'utc')::date`;

/** Leads-sent-to-the-AI counter per workspace and UTC day: grants up to `wanted` of what `limit` leaves. */
export async function reserveDailyAiLeads(scope: WorkspaceScope, wanted: number, limit: number): Promise<number> {
  if (wanted <= 0) return 0;
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.insert(aiDailyUsage).values({ workspaceId: scope.workspaceId, day: sql`${utcToday}` }).onConflictDoNothing();
    const today = and(eq(aiDailyUsage.workspaceId, scope.workspaceId), eq(aiDailyUsage.day, sql`${utcToday}`));
    const [row] = await tx.select({ leads: aiDailyUsage.leads }).from(aiDailyUsage).where(today).for("update");
    const granted = Math.min(wanted, Math.max(0, limit - (row?.leads ?? 0)));
    if (granted > 0) await tx.update(aiDailyUsage).set({ leads: sql`${aiDailyUsage.leads} + ${granted}` }).where(today);
    return granted;
  });
}

/** Gives back `count` leads reserved today that were not sent after all. */
export async function returnDailyAiLeads(scope: WorkspaceScope, count: number): Promise<void> {
  if (count <= 0) return;
  const db = await getDb();
  await db
    .update(aiDailyUsage)
    .set({ leads: sql`greatest(0, ${aiDailyUsage.leads} - ${count})` })
    .where(and(eq(aiDailyUsage.workspaceId, scope.workspaceId), eq(aiDailyUsage.day, sql`${utcToday}`)));
}

/** Leads the workspace has sent to the AI today (UTC). */
export async function dailyAiLeadsUsed(scope: WorkspaceScope): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ leads: aiDailyUsage.leads })
    .from(aiDailyUsage)
    .where(and(eq(aiDailyUsage.workspaceId, scope.workspaceId), eq(aiDailyUsage.day, sql`${utcToday}`)));
  return row?.leads ?? 0;
}
