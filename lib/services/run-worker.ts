import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { setImmediate } from "node:timers/promises";
import { findOffer, type Offer } from "@/db/queries/offers";
import { findRun, findWorkableRuns, isFinished, heartbeatRun, markRunning, pauseRun, type Run, type WorkableRun } from "@/db/queries/runs";
import {
  claimHeartbeatMs,
  claimLeads,
  dailyAiLeadsUsed,
  releaseClaims,
  saveScores,
  type ClaimedLead,
} from "@/db/queries/scoring";
import type { WorkspaceScope } from "@/db/scope";
import { getAnalyzer } from "@/lib/ai";
import { addUsage, NO_USAGE } from "@/lib/ai/gemini-request";
import type { AiJudgement, IntentAnalyzer } from "@/lib/ai/types";
import { env } from "@/lib/env";
import { AppError, describeError, isDatabaseConflict, isDatabaseFailure } from "@/lib/errors";
import { log, outsideRequest } from "@/lib/log";
import { resolveRules } from "@/lib/scoring/rules";
import { cancelBatchJob, workOnBatchRun } from "./run-batch";
import { cacheKeyOf, cacheToRead, dailyAiLimit, dailyLimitMessage, endRun, jobOf, lookUpCache, reserveAiLeads, scoreLeads, succeedRunIfDone, usageProgress } from "./run-steps";
import { notifyRunChanged, notifyRunInterrupted } from "./run-changes";
import { scoredLeadEvents } from "./run-events";

/** Batches one claim query takes for the loops of a run. */
const CLAIM_AHEAD = 4;

/** A run logs its progress every this many batches (per process). */
const PROGRESS_LOG_BATCHES = 50;

/** Names this process in leases and logs. */
export const INSTANCE_ID = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

const working = new Map<number, Promise<void>>();
let persistent = false;
/** Set while the process is about to close its database: nothing new starts, runs under way stop after their batch. */
let stopping = false;
let timer: NodeJS.Timeout | undefined;
let scanning: Promise<void> | undefined;
let again = false;

/**
 * Keeps looking for runs for as long as the process lives (servers: instrumentation.ts), so this
 * instance picks up runs queued by others and runs left by an instance that died.
 */
export function startRunWorker(): void {
  if (!env.RUN_WORKER) return;
  persistent = true;
  stopping = false;
  wakeRunWorker();
}

/**
 * For a process about to close its database: stops looking for runs (until `startRunWorker`), lets
 * runs under way save the batches they hold and stop, and resolves once nothing here touches the
 * database any more. What is left of those runs goes on here later or on another instance.
 */
export async function stopRunWorker(): Promise<void> {
  persistent = false;
  stopping = true;
  clearTimeout(timer);
  timer = undefined;
  while (scanning || working.size > 0) await Promise.all([scanning, ...working.values()]);
}

/** Looks for runs now (a run was just queued here); keeps looking while there is work. */
export function wakeRunWorker(): void {
  if (!env.RUN_WORKER || stopping) return;
  if (scanning) {
    again = true;
    return;
  }
  clearTimeout(timer);
  timer = undefined;
  scanning = outsideRequest(scan)
    .catch((error: unknown) => log().warn({ err: describeError(error) }, "run worker: looking for runs failed"))
    .finally(() => {
      scanning = undefined;
      if (again) {
        again = false;
        wakeRunWorker();
      } else if (persistent || working.size > 0) {
        schedule();
      }
    });
}

function schedule() {
  if (stopping) return;
  timer ??= setTimeout(() => {
    timer = undefined;
    wakeRunWorker();
  }, env.RUN_POLL_MS).unref();
}

async function scan(deadline?: number): Promise<void> {
  const free = env.RUN_MAX_ACTIVE - working.size;
  if (free <= 0) return;
  for (const run of await findWorkableRuns(free, [...working.keys()])) {
    const task = workOnOrLog(run, deadline).then((ended) => {
      working.delete(run.id);
      // The next queued run starts at once; a run that waits (for Google, a limit or another instance) is looked at on the next poll.
      if (ended) wakeRunWorker();
      else schedule();
    });
    working.set(run.id, task.then(() => undefined));
  }
}

/**
 * Works on runs until none is left or `deadline` (epoch ms) passes — for hosts without a long-lived
 * process (a Vercel function's `after()` and its cron route). Answers how many runs it looked at.
 */
export async function workUntil(deadline: number): Promise<number> {
  let seen = 0;
  while (Date.now() < deadline) {
    const runs = await findWorkableRuns(env.RUN_MAX_ACTIVE, [...working.keys()]);
    if (runs.length === 0) break;
    seen += runs.length;
    const ended = await Promise.all(runs.map((run) => workOnOrLog(run, deadline)));
    if (!ended.some(Boolean)) break;
  }
  await Promise.all(working.values());
  return seen;
}

/** workOn, with a failure logged and taken as "not ended": one run's error does not stop the others. */
const workOnOrLog = (run: WorkableRun, deadline?: number): Promise<boolean> =>
  workOn(run, deadline).catch((error: unknown) => {
    log().error({ err: describeError(error), run_id: run.id }, "run worker: a run stopped on an error");
    return false;
  });

/** True when the run ended (or is gone). */
async function workOn(ref: WorkableRun, deadline?: number): Promise<boolean> {
  const run = await findRun(ref.scope, ref.id);
  if (!run || isFinished(run.status)) return true;
  const analyzer = getAnalyzer();
  if (run.status === "paused" && (await aiLeadsLeftToday(ref.scope, analyzer)) === 0) return false;
  const offer = run.offerId === null ? undefined : await findOffer(ref.scope, run.offerId);
  if (!offer) {
    await endRun(ref.scope, run.id, { status: "failed", errorCode: "offer_deleted", error: "The run's offer was deleted." });
    await cancelBatchJob(run);
    return true;
  }
  if (run.model !== analyzer.model || run.provider !== analyzer.provider) {
    // Configuration changed under a queued or interrupted run (a key added, a model switched): the
    // run keeps what it recorded, and says it cannot go on here rather than mixing two models.
    await endRun(ref.scope, run.id, {
      status: "failed",
      errorCode: "analyzer_changed",
      error: `This run uses ${run.provider} ${run.model}, but this server now scores with ${analyzer.provider} ${analyzer.model}. Start a new run.`,
    });
    await cancelBatchJob(run);
    return true;
  }
  if (run.mode === "batch") return workOnBatchRun(ref.scope, run, offer, { instance: INSTANCE_ID, deadline });
  await markRunning(ref.scope, run.id);
  notifyRunChanged(run.id);
  return scoreInteractively(ref.scope, run, offer, analyzer, deadline);
}

/** How many more leads the workspace may send to the AI today (Infinity without a limit or without Gemini). */
async function aiLeadsLeftToday(scope: WorkspaceScope, analyzer: IntentAnalyzer): Promise<number> {
  const limit = dailyAiLimit(analyzer);
  return limit === undefined ? Infinity : Math.max(0, limit - (await dailyAiLeadsUsed(scope)));
}

/** The database could not serve (or gave up on a conflict): the run stays as it is, for this or another instance to go on with. */
const isTransient = (error: unknown) => (error instanceof AppError && error.kind === "unavailable") || isDatabaseFailure(error) || isDatabaseConflict(error);

/**
 * Loops, as many as the analyzer allows calls in flight, each claim a batch, judge it (or take the
 * cached judgement) and save it while judging the next, until nothing is left: a crash loses at
 * most the batches in flight, which the next instance claims again once their claims expire.
 */
async function scoreInteractively(scope: WorkspaceScope, run: Run, offer: Offer, analyzer: IntentAnalyzer, deadline?: number): Promise<boolean> {
  const job = jobOf(run);
  const rules = resolveRules(offer.rules);
  const key = cacheKeyOf(run, offer);
  let stop: "ended" | "paused" | undefined;
  let batches = 0;
  const logger = log().child({ run_id: run.id, workspace_id: scope.workspaceId, instance: INSTANCE_ID });
  logger.info({ mode: run.mode, total: run.total }, "run: working");

  /** Judges a claimed batch (from the cache or the AI) and answers how to save it. */
  async function judgeBatch(batch: ClaimedLead[]): Promise<() => Promise<void>> {
    const { cached, toAsk } = lookUpCache(run, batch);
    const granted = await reserveAiLeads(scope, analyzer, toAsk.length);
    if (granted < toAsk.length) {
      await releaseClaims(scope, job, toAsk.slice(granted).map((lead) => lead.id));
      stop ??= "paused";
    }
    const asked = toAsk.slice(0, granted);
    let usage = NO_USAGE;
    const judgements =
      asked.length > 0 ? await analyzer.analyze(offer, asked, { onUsage: (more) => (usage = addUsage(usage, more)) }) : new Map<number, AiJudgement>();
    // Leads given back for the daily limit have no judgement: scoreLeads leaves them out.
    const { results, remember } = scoreLeads(rules, batch, judgements, cached);
    return async () => {
      const status = await saveScores(scope, job, {
        results,
        remember,
        cacheKey: key,
        progress: usageProgress(usage, run.model, run.mode),
        alsoWrite: scoredLeadEvents(scope, run, batch, results),
      });
      notifyRunChanged(run.id, status);
      if (status !== "running") stop ??= "ended";
      if (++batches % PROGRESS_LOG_BATCHES === 0) logger.info({ batches, leads: batches * analyzer.batchSize }, "run: progress");
    };
  }

  /** A batch whose judging or saving failed is given back at once, for the next pass or instance. */
  const releasingOnFailure = <T>(batch: ClaimedLead[], work: Promise<T>) =>
    work.catch(async (error: unknown) => {
      await releaseClaims(scope, job, batch.map((lead) => lead.id)).catch(() => undefined);
      throw error;
    });

  // The loops walk the run's leads by id together, claiming a few batches at a time (one query for
  // several batches, fewer round trips to the database); one more pass from the start picks up
  // leads released on the way (a failed save, an expired claim of an instance that died).
  let afterId = 0;
  let passes = 0;
  let exhausted = false;
  const claimed: ClaimedLead[][] = [];
  let claiming: Promise<void> | undefined;
  async function refill(): Promise<void> {
    for (;;) {
      const from = afterId;
      const leads = await claimLeads(scope, job, analyzer.batchSize * CLAIM_AHEAD, { afterId: from, cache: cacheToRead(run, key) });
      if (leads.length > 0) {
        afterId = Math.max(afterId, leads.at(-1)!.id);
        for (let start = 0; start < leads.length; start += analyzer.batchSize) claimed.push(leads.slice(start, start + analyzer.batchSize));
        return;
      }
      if (from === 0 || passes > 0) {
        exhausted = true;
        return;
      }
      passes++;
      afterId = 0;
    }
  }
  async function claimNext(): Promise<ClaimedLead[]> {
    while (claimed.length === 0 && !exhausted && !stop) {
      claiming ??= refill().finally(() => (claiming = undefined));
      await claiming;
    }
    return claimed.shift() ?? [];
  }

  async function loop() {
    // A loop saves a batch while it judges the next, so its AI call does not wait on the database
    // (the embedded one holds the process while it writes); it keeps one save in flight, in order.
    let saving: Promise<void> = Promise.resolve();
    try {
      while (!stop && !stopping && (deadline === undefined || Date.now() < deadline)) {
        const batch = await claimNext();
        if (batch.length === 0) break;
        const save = await releasingOnFailure(batch, judgeBatch(batch));
        // The batch before failed to save: this one goes back too, judged but unsaved.
        await releasingOnFailure(batch, saving);
        saving = releasingOnFailure(batch, save());
        // Awaited later: marked handled now, so a failure in the meantime is not an unhandled rejection.
        saving.catch(() => undefined);
        // The embedded database and the offline analyzer never wait on I/O; give requests a turn.
        await setImmediate();
      }
    } catch (error) {
      // The save in flight ends first; the failure reported is the first one.
      await saving.catch(() => undefined);
      throw error;
    }
    await saving;
  }

  const heartbeat = setInterval(() => {
    heartbeatRun(scope, run.id)
      .then((status) => {
        if (status !== "running") stop ??= "ended";
      })
      .catch(() => undefined);
  }, claimHeartbeatMs());
  const outcomes = await Promise.allSettled(Array.from({ length: analyzer.concurrency }, loop)).finally(() => clearInterval(heartbeat));
  // Batches claimed ahead that no loop took (the run paused, ended or failed): free at once.
  await releaseClaims(scope, job, claimed.flat().map((lead) => lead.id)).catch(() => undefined);
  const failure = outcomes.find((outcome) => outcome.status === "rejected");
  if (failure) {
    if (isTransient(failure.reason)) {
      notifyRunInterrupted(run.id, failure.reason);
      throw failure.reason;
    }
    logger.error({ err: describeError(failure.reason) }, "run: failed");
    await endRun(scope, run.id, { status: "failed", errorCode: "run_failed", error: "The run stopped on an unexpected error." });
    return true;
  }
  if (stop === "paused") {
    await pauseRun(scope, run.id, dailyLimitMessage());
    notifyRunChanged(run.id);
    logger.info("run: paused at the daily AI limit");
    return false;
  }
  if (stop === "ended") return true;
  if (deadline !== undefined && Date.now() >= deadline) return false;
  const finished = await succeedRunIfDone(scope, run);
  if (!finished) return false;
  logger.info({ done: finished.done, fallbacks: finished.fallbacks, cached: finished.cached, tokens_in: finished.tokensIn, tokens_out: finished.tokensOut }, "run: succeeded");
  return true;
}
