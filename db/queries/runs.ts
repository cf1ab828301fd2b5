import { and, asc, desc, eq, gt, inArray, lt, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { RunMode, RunStatus } from "@/lib/scoring/types";
import { getDb } from "../index";
import { leads, offers, scores, scoringClaims, scoringRuns } from "../schema";
import { workspaceScope, type WorkspaceScope } from "../scope";
import { leadColumns } from "./lead-columns";

export type Run = typeof scoringRuns.$inferSelect;

export const ACTIVE_STATUSES = ["queued", "running", "paused"] as const satisfies readonly RunStatus[];
export const isFinished = (status: RunStatus) => !(ACTIVE_STATUSES as readonly RunStatus[]).includes(status);

export type NewRun = {
  offerId: number;
  offerName: string;
  startedBy: { userId?: string; apiKeyId?: number };
  leadIds?: readonly number[];
  rescore: boolean;
  refreshAi: boolean;
  provider: string;
  model: string;
  promptVersion: string;
};

export type Executor = Parameters<Parameters<Awaited<ReturnType<typeof getDb>>["transaction"]>[0]>[0];

/** Runs `work` in one transaction (a run's state change and the events it causes are written together). */
export async function inTransaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
  return (await getDb()).transaction(work);
}

const inWorkspace = (scope: WorkspaceScope, id: number) => and(eq(scoringRuns.workspaceId, scope.workspaceId), eq(scoringRuns.id, id));

/**
 * Stores a queued run, with its total and mode planned by `plan` in the same transaction; undefined
 * when the offer is gone. The offer is held (FOR SHARE) until the run is stored, so that an edit or
 * a deletion of it, which first takes it FOR UPDATE, sees the run and refuses (see updateOffer and deleteOffer).
 * A rescore run takes the cut-off of a rescore run of the same offer that is still going, so that
 * runs asked for at the same time share one piece of work instead of each redoing what the other
 * just did.
 */
export async function insertRun(
  scope: WorkspaceScope,
  values: NewRun,
  plan: (executor: Executor, rescoreBefore: string | null) => Promise<{ total: number; mode: RunMode }>,
): Promise<Run | undefined> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [offer] = await tx
      .select({ id: offers.id })
      .from(offers)
      .where(and(eq(offers.workspaceId, scope.workspaceId), eq(offers.id, values.offerId)))
      .for("share");
    if (!offer) return undefined;
    let rescoreBefore: string | null = null;
    if (values.rescore) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('rescore'), ${values.offerId})`);
      const [shared] = await tx
        .select({ before: scoringRuns.rescoreBefore })
        .from(scoringRuns)
        .where(
          and(
            eq(scoringRuns.workspaceId, scope.workspaceId),
            eq(scoringRuns.offerId, values.offerId),
            eq(scoringRuns.rescore, true),
            inArray(scoringRuns.status, [...ACTIVE_STATUSES]),
          ),
        )
        .orderBy(scoringRuns.rescoreBefore)
        .limit(1);
      // A rescore already under way sets the cut-off; else it is now.
      rescoreBefore = shared?.before ?? (await tx.select({ now: sql<string>`now()::text` }).from(sql`(select 1) as one`))[0]!.now;
    }
    const { total, mode } = await plan(tx, rescoreBefore);
    const [run] = await tx
      .insert(scoringRuns)
      .values({
        workspaceId: scope.workspaceId,
        offerId: values.offerId,
        offerName: values.offerName,
        startedByUserId: values.startedBy.userId,
        startedByApiKeyId: values.startedBy.apiKeyId,
        mode,
        leadIds: values.leadIds ? [...values.leadIds] : null,
        rescore: values.rescore,
        refreshAi: values.refreshAi,
        rescoreBefore,
        total,
        provider: values.provider,
        model: values.model,
        promptVersion: values.promptVersion,
      })
      .returning();
    return run!;
  });
}

export async function findRun(scope: WorkspaceScope, id: number): Promise<Run | undefined> {
  const db = await getDb();
  const [run] = await db.select().from(scoringRuns).where(inWorkspace(scope, id));
  return run;
}

/** Newest first; `before` (a run id) continues a page. */
export async function listRuns(scope: WorkspaceScope, page: { limit: number; before?: number; offerId?: number; status?: readonly RunStatus[] }): Promise<Run[]> {
  const db = await getDb();
  return db
    .select()
    .from(scoringRuns)
    .where(
      and(
        eq(scoringRuns.workspaceId, scope.workspaceId),
        page.before === undefined ? undefined : lt(scoringRuns.id, page.before),
        page.offerId === undefined ? undefined : eq(scoringRuns.offerId, page.offerId),
        page.status === undefined ? undefined : inArray(scoringRuns.status, [...page.status]),
      ),
    )
    .orderBy(desc(scoringRuns.id))
    .limit(page.limit);
}

/** Whether a run that has not finished holds this offer (editing or deleting it then would pull the ground from under it). */
type Finish = { status: Extract<RunStatus, "succeeded" | "failed" | "cancelled">; error?: string; errorCode?: string };

const finishedValues = (finish: Finish) => ({
  status: finish.status,
  error: finish.error ?? null,
  errorCode: finish.errorCode ?? null,
  finishedAt: sql`now()`,
  version: sql`${scoringRuns.version} + 1`,
  leaseOwner: null,
  leaseUntil: null,
});

/** Ends a run that has not ended yet, in the caller's transaction (a second call, or a race with another instance, changes nothing). */
export async function finishRun(scope: WorkspaceScope, id: number, finish: Finish, tx: Executor): Promise<Run | undefined> {
  const [run] = await tx
    .update(scoringRuns)
    .set(finishedValues(finish))
    .where(and(inWorkspace(scope, id), inArray(scoringRuns.status, [...ACTIVE_STATUSES])))
    .returning();
  // An ended run holds no lead: those it claimed (a batch run's for a day) are free at once.
  if (run) await tx.delete(scoringClaims).where(and(eq(scoringClaims.workspaceId, scope.workspaceId), eq(scoringClaims.runId, id)));
  return run;
}

/** Cancels a run: no lead is claimed for it from now on, and leads it held are free at once. */
export const cancelRun = (scope: WorkspaceScope, id: number, tx: Executor): Promise<Run | undefined> => finishRun(scope, id, { status: "cancelled" }, tx);

/**
 * Marks a run succeeded once no lead is left for it and no claim of it is live (another instance
 * may still be saving the last batches). Undefined while work remains or if the run already ended.
 */
export async function finishRunIfDone(
  scope: WorkspaceScope,
  id: number,
  remaining: (executor: Executor) => Promise<number>,
  tx: Executor,
): Promise<Run | undefined> {
  const [locked] = await tx
      .select({ status: scoringRuns.status })
      .from(scoringRuns)
      .where(inWorkspace(scope, id))
      .for("update");
  if (!locked || isFinished(locked.status)) return undefined;
  const [claim] = await tx.select({ one: sql`1` }).from(scoringClaims).where(eq(scoringClaims.runId, id)).limit(1);
  if (claim || (await remaining(tx)) > 0) return undefined;
  const [run] = await tx
    .update(scoringRuns)
    // Another run of the same offer may have scored some of what this one set out to: its total is what it did.
    .set({ ...finishedValues({ status: "succeeded" }), total: scoringRuns.done })
    .where(inWorkspace(scope, id))
    .returning();
  return run;
}

/** A queued (or paused) run that an instance starts on is running from now. */
export async function markRunning(scope: WorkspaceScope, id: number): Promise<void> {
  const db = await getDb();
  await db
    .update(scoringRuns)
    .set({
      status: "running",
      startedAt: sql`coalesce(${scoringRuns.startedAt}, now())`,
      heartbeatAt: sql`now()`,
      attempts: sql`${scoringRuns.attempts} + 1`,
      error: null,
      errorCode: null,
      version: sql`${scoringRuns.version} + 1`,
    })
    .where(and(inWorkspace(scope, id), inArray(scoringRuns.status, ["queued", "paused"])));
}

/** The workspace's daily AI limit is used up: the run waits, saying why, until the limit allows more. */
export async function pauseRun(scope: WorkspaceScope, id: number, error: string): Promise<void> {
  const db = await getDb();
  await db
    .update(scoringRuns)
    .set({ status: "paused", error, errorCode: "daily_ai_limit_reached", version: sql`${scoringRuns.version} + 1` })
    .where(and(inWorkspace(scope, id), eq(scoringRuns.status, "running")));
}

/**
 * Keeps a running run's heartbeat and its live claims fresh; answers its status (a cancel shows here).
 * The run's row is locked before its claims, in the order a batch's save and a cancel lock them:
 * the other way round, a heartbeat and a save could each wait for the other.
 */
export async function heartbeatRun(scope: WorkspaceScope, id: number): Promise<RunStatus | undefined> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [run] = await tx
      .update(scoringRuns)
      .set({ heartbeatAt: sql`now()` })
      .where(inWorkspace(scope, id))
      .returning({ status: scoringRuns.status });
    await tx
      .update(scoringClaims)
      .set({ claimedAt: sql`greatest(${scoringClaims.claimedAt}, now())` })
      .where(and(eq(scoringClaims.workspaceId, scope.workspaceId), eq(scoringClaims.runId, id)));
    return run?.status;
  });
}

export type RunProgress = {
  done: number;
  fallbacks: number;
  cached: number;
  aiCalls: number;
  tokensIn: number;
  tokensOut: number;
  tokensThinking: number;
  costUsd: number | null;
};

/**
 * The statement that adds a saved batch's counts to its run and answers its status; the counts may
 * be SQL (counted from the rows the save's own statement wrote).
 */
export function progressUpdate(db: Pick<Awaited<ReturnType<typeof getDb>>, "update">, scope: WorkspaceScope, id: number, add: { [K in keyof RunProgress]: RunProgress[K] | SQL }): SQL {
  return db
    .update(scoringRuns)
    .set({
      done: sql`${scoringRuns.done} + ${add.done}`,
      fallbacks: sql`${scoringRuns.fallbacks} + ${add.fallbacks}`,
      cached: sql`${scoringRuns.cached} + ${add.cached}`,
      aiCalls: sql`${scoringRuns.aiCalls} + ${add.aiCalls}`,
      tokensIn: sql`${scoringRuns.tokensIn} + ${add.tokensIn}`,
      tokensOut: sql`${scoringRuns.tokensOut} + ${add.tokensOut}`,
      tokensThinking: sql`${scoringRuns.tokensThinking} + ${add.tokensThinking}`,
      costUsd: add.costUsd === null ? undefined : sql`coalesce(${scoringRuns.costUsd}, 0) + ${add.costUsd}`,
      heartbeatAt: sql`now()`,
      version: sql`${scoringRuns.version} + 1`,
    })
    .where(inWorkspace(scope, id))
    .returning({ status: scoringRuns.status })
    .getSQL();
}

export type WorkableRun = { scope: WorkspaceScope; id: number; mode: RunMode };

/**
 * Runs this instance should work on, across workspaces (the worker makes each run's scope from it):
 * queued and running ones — every live instance shares a running run's leads — and paused ones, to
 * see whether their workspace's AI limit allows more now. Runs that can go on now come first,
 * oldest first; those that wait (paused, or a batch job not due for a poll) only take the slots
 * left, so that they never hold back a run queued after them.
 */
export async function findWorkableRuns(limit: number, skip: readonly number[]): Promise<WorkableRun[]> {
  const db = await getDb();
  const waiting = sql`(${scoringRuns.status} = 'paused' or coalesce(${scoringRuns.nextPollAt} > now(), false))`;
  const rows = await db
    .select({ workspaceId: scoringRuns.workspaceId, id: scoringRuns.id, mode: scoringRuns.mode })
    .from(scoringRuns)
    .where(and(inArray(scoringRuns.status, [...ACTIVE_STATUSES]), skip.length > 0 ? notInArray(scoringRuns.id, [...skip]) : undefined))
    .orderBy(waiting, scoringRuns.id)
    .limit(limit);
  return rows.map((row) => ({ scope: workspaceScope(row.workspaceId), id: row.id, mode: row.mode }));
}

/**
 * Takes (or keeps) the lease of a batch run for `seconds`: one instance at a time submits and polls
 * its job at Google. Undefined when another live instance holds it.
 */
export async function leaseRun(scope: WorkspaceScope, id: number, owner: string, seconds: number): Promise<Run | undefined> {
  const db = await getDb();
  const free: SQL = or(sql`${scoringRuns.leaseUntil} is null`, lt(scoringRuns.leaseUntil, sql`now()`), eq(scoringRuns.leaseOwner, owner))!;
  const [run] = await db
    .update(scoringRuns)
    .set({ leaseOwner: owner, leaseUntil: sql`now() + make_interval(secs => ${seconds})`, heartbeatAt: sql`now()` })
    .where(and(inWorkspace(scope, id), inArray(scoringRuns.status, [...ACTIVE_STATUSES]), free))
    .returning();
  return run;
}

/**
 * Records the batch job a run is waiting for (or, with nulls, that it has none now). With `only`,
 * only while the run is active, `only.owner` holds its lease and (with `only.name`) the recorded
 * job is still that one; answers whether it recorded.
 */
export async function setRunBatch(
  scope: WorkspaceScope,
  id: number,
  batch: { name: string | null; state: string | null; keys?: Record<string, number[]> | null; nextPollAt: Date | null },
  only?: { owner: string; name?: string },
): Promise<boolean> {
  const db = await getDb();
  const updated = await db
    .update(scoringRuns)
    .set({
      batchName: batch.name,
      batchState: batch.state,
      batchKeys: batch.keys,
      nextPollAt: batch.nextPollAt,
      version: sql`${scoringRuns.version} + 1`,
    })
    .where(
      and(
        inWorkspace(scope, id),
        only && inArray(scoringRuns.status, [...ACTIVE_STATUSES]),
        only && eq(scoringRuns.leaseOwner, only.owner),
        only?.name === undefined ? undefined : eq(scoringRuns.batchName, only.name),
      ),
    )
    .returning({ id: scoringRuns.id });
  return updated.length > 0;
}

// The lead as the original API showed it: its fields without the bio.
const { linkedin_bio: _bio, ...leadShown } = leadColumns;

const runScoreColumns = {
  ...leadShown,
  intent: scores.intent,
  score: scores.score,
  reasoning: scores.reasoning,
  rule_score: scores.ruleScore,
  ai_score: scores.aiScore,
  ai_provider: scores.aiProvider,
  ai_cached: scores.aiCached,
};

/** A lead as POST /score/ answers it; the original API's clients read the first nine fields. */
export type RunScore = { [K in keyof typeof runScoreColumns]: (typeof runScoreColumns)[K]["_"]["data"] };

/** The scores a run wrote (and that no later run has replaced), by lead id after `afterLeadId`. */
export async function readRunScores(scope: WorkspaceScope, runId: number, afterLeadId: number, limit: number): Promise<RunScore[]> {
  const db = await getDb();
  return db
    .select(runScoreColumns)
    .from(scores)
    .innerJoin(leads, eq(leads.id, scores.leadId))
    .where(and(eq(scores.workspaceId, scope.workspaceId), eq(scores.runId, runId), gt(scores.leadId, afterLeadId)))
    .orderBy(asc(scores.leadId))
    .limit(limit);
}
