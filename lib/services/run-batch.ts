import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { Offer } from "@/db/queries/offers";
import { findRun, isFinished, leaseRun, markRunning, pauseRun, setRunBatch, type Run } from "@/db/queries/runs";
import { claimLeads, readLeads, releaseClaims, saveScores, type ClaimedLead } from "@/db/queries/scoring";
import type { WorkspaceScope } from "@/db/scope";
import { getAnalyzer, getGeminiBatchClient } from "@/lib/ai";
import { fallbackJudgement } from "@/lib/ai/fallback";
import { describeGeminiError, isRefusedGeminiRequest, type BatchItem, type BatchItemResult, type GeminiBatchClient } from "@/lib/ai/gemini-batch";
import { NO_USAGE } from "@/lib/ai/gemini-request";
import { offerTerms } from "@/lib/ai/offline";
import type { AiJudgement, TokenUsage } from "@/lib/ai/types";
import { env } from "@/lib/env";
import { describeError } from "@/lib/errors";
import { log } from "@/lib/log";
import { resolveRules } from "@/lib/scoring/rules";
import { notifyRunChanged } from "./run-changes";
import { scoredLeadEvents } from "./run-events";
import { cacheKeyOf, cacheToRead, dailyLimitMessage, endRun, jobOf, lookUpCache, reserveAiLeads, returnAiLeads, scoreLeads, succeedRunIfDone, usageProgress } from "./run-steps";

/** How long an instance holds a batch run between polls; another takes over when it lapses. */
const LEASE_SECONDS = 120;
/** A batch job at Google ends within 24 h; its leads stay claimed a little longer than that. */
const HOLD_SECONDS = 25 * 3600;
const CLAIM_PAGE = 1_000;
const SAVE_PAGE = 500;

const chunk = <T>(items: readonly T[], size: number) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));

/**
 * One step of a batch run, by whichever instance holds its lease: submit its leads as a Gemini
 * batch job, or poll the job it waits for and save the answers. True when the run ended.
 */
export async function workOnBatchRun(scope: WorkspaceScope, run: Run, offer: Offer, worker: { instance: string; deadline?: number }): Promise<boolean> {
  const leased = await leaseRun(scope, run.id, worker.instance, LEASE_SECONDS);
  if (!leased) return false;
  if (leased.status !== "running") {
    await markRunning(scope, run.id);
    notifyRunChanged(run.id);
  }
  const logger = log().child({ run_id: run.id, workspace_id: scope.workspaceId });
  const client = getGeminiBatchClient();
  if (!client) {
    await endRun(scope, run.id, { status: "failed", errorCode: "batch_needs_gemini", error: "Batch runs need GEMINI_API_KEY on the server." });
    return true;
  }
  if (leased.batchState === SUBMITTING) return recoverSubmission(scope, leased, offer, client, worker.instance, logger);
  if (leased.batchName) {
    if (leased.nextPollAt && leased.nextPollAt.getTime() > Date.now()) return false;
    let status: Awaited<ReturnType<GeminiBatchClient["check"]>>;
    try {
      status = await client.check(leased.batchName);
    } catch (error) {
      if (isRefusedGeminiRequest(error)) {
        // The job is gone for this key (deleted, or the key now belongs to another project): asked
        // again, Google answers the same. Ending the run frees its leads for the next.
        await endRun(scope, run.id, {
          status: "failed",
          errorCode: "batch_failed",
          error: `Google no longer gives out the batch job (${describeGeminiError(error)}). The leads are unscored: start the run again.`,
        });
        return true;
      }
      // Not now (a 429, a 5xx, the network): asked again at the next poll, not at once.
      logger.warn({ err: describeGeminiError(error) }, "run: polling the batch job failed; trying again at the next poll");
      await setRunBatch(scope, run.id, { name: leased.batchName, state: leased.batchState, nextPollAt: nextPoll() });
      return false;
    }
    logger.info({ batch_state: status.state }, "run: batch polled");
    switch (status.state) {
      case "pending":
      case "running":
        await setRunBatch(scope, run.id, { name: leased.batchName, state: status.state, nextPollAt: nextPoll() });
        notifyRunChanged(run.id);
        return false;
      case "succeeded":
        await saveBatchAnswers(scope, leased, offer, status.results ?? new Map(), status.usage ?? NO_USAGE);
        // Only while this instance still holds the run and this job: one that took over meanwhile may have recorded the next.
        await setRunBatch(scope, run.id, { name: null, state: "succeeded", keys: null, nextPollAt: null }, { owner: worker.instance, name: leased.batchName });
        break;
      case "cancelled":
        await endRun(scope, run.id, { status: "cancelled", error: "The batch job was cancelled at Google." });
        return true;
      default:
        // Ending the run frees its leads for the next.
        await endRun(scope, run.id, {
          status: "failed",
          errorCode: status.state === "expired" ? "batch_expired" : "batch_failed",
          error:
            status.state === "expired"
              ? "Google did not finish the batch job within 24 hours, so nothing was charged. The leads are unscored: start the run again."
              : `Google's batch job failed${status.error ? ` (${status.error})` : ""}. The leads are unscored: start the run again.`,
        });
        return true;
    }
  }
  return submitNextBatch(scope, leased, offer, client, worker.instance);
}

const nextPoll = () => new Date(Date.now() + env.GEMINI_BATCH_POLL_SECONDS * 1000);

/**
 * A run's batch_state while its job is being submitted; its batch_name is then the display name
 * the job goes under, and batch_keys which leads each request holds. Recorded before the job is
 * sent, so that an instance that died on the way leaves enough to find the job instead of paying
 * for it twice.
 */
const SUBMITTING = "submitting";

/**
 * The instance that submitted the run's job stopped before it recorded the job's name (it died, or
 * the create call failed on the way): adopt the job Google holds under the recorded display name,
 * or, if Google has none, send the recorded requests again (their leads are still claimed, and were
 * counted against the daily limit when first sent).
 */
async function recoverSubmission(scope: WorkspaceScope, run: Run, offer: Offer, client: GeminiBatchClient, instance: string, logger: Logger): Promise<boolean> {
  const found = await client.find(run.batchName!);
  if (found) {
    await setRunBatch(scope, run.id, { name: found.name, state: "pending", keys: run.batchKeys, nextPollAt: new Date() }, { owner: instance, name: run.batchName! });
    logger.info("run: adopted the batch job submitted before an interruption");
    notifyRunChanged(run.id);
    return false;
  }
  const keys = run.batchKeys ?? {};
  const stored = new Map((await readLeads(scope, Object.values(keys).flat())).map((lead) => [lead.id, lead]));
  // A lead erased in the meantime is left out.
  const items = Object.entries(keys)
    .map(([key, ids]) => ({ key, leads: ids.flatMap((id) => stored.get(id) ?? []) }))
    .filter((item) => item.leads.length > 0);
  if (items.length > 0) return submitJob(scope, run, offer, client, items, instance);
  await setRunBatch(scope, run.id, { name: null, state: null, keys: null, nextPollAt: null }, { owner: instance, name: run.batchName! });
  return submitNextBatch(scope, { ...run, batchName: null, batchState: null, batchKeys: null }, offer, client, instance);
}

/** How long an instance holds a run while it claims and submits: a large file takes a while to upload, and no other instance may take the run meanwhile. */
const SUBMIT_LEASE_SECONDS = 15 * 60;

/**
 * Sends the requests as one job at Google: the submission is recorded first (see SUBMITTING), the
 * job's name after. Only a request Google turned down as such fails the run; after any other
 * failure the job may exist, so the submission stays recorded for the next poll to recover. A run
 * cancelled meanwhile gets its new job cancelled at once. `reserved`: leads counted against the
 * daily limit for this job, given back if it does not go out.
 */
async function submitJob(scope: WorkspaceScope, run: Run, offer: Offer, client: GeminiBatchClient, items: BatchItem[], instance: string, reserved = 0): Promise<boolean> {
  const keys = Object.fromEntries(items.map((item) => [item.key, item.leads.map((lead) => lead.id)]));
  // Unique per job: a run that paused at the daily limit sends its leads in several.
  const displayName = `intentscore-run-${run.id}-${randomUUID().slice(0, 8)}`;
  const recordedSubmission =
    (await leaseRun(scope, run.id, instance, SUBMIT_LEASE_SECONDS)) &&
    (await setRunBatch(scope, run.id, { name: displayName, state: SUBMITTING, keys, nextPollAt: null }, { owner: instance }));
  if (!recordedSubmission) {
    // Cancelled, or taken over, since the leads were claimed: nothing goes out from here.
    await returnAiLeads(scope, getAnalyzer(), reserved);
    return false;
  }
  let name: string;
  try {
    ({ name } = await client.submit(offer, items, displayName));
  } catch (error) {
    if (!isRefusedGeminiRequest(error)) throw error;
    await returnAiLeads(scope, getAnalyzer(), reserved);
    await endRun(scope, run.id, {
      status: "failed",
      errorCode: "batch_failed",
      error: `Google refused the batch job (${describeGeminiError(error)}). The leads are unscored: start the run again.`,
    });
    return true;
  }
  const recorded = await setRunBatch(scope, run.id, { name, state: "pending", keys, nextPollAt: nextPoll() }, { owner: instance, name: displayName });
  if (!recorded) {
    // Cancelled while the job went in, or taken over by an instance that sent its own: nothing is
    // to be charged for this one. (One that adopted this very job keeps it.)
    const now = await findRun(scope, run.id);
    if (!now || isFinished(now.status) || now.batchName !== name) await cancelJob(client, run.id, name);
    return now === undefined || isFinished(now.status);
  }
  await leaseRun(scope, run.id, instance, LEASE_SECONDS);
  notifyRunChanged(run.id);
  log().info({ run_id: run.id, requests: items.length, leads: items.reduce((sum, item) => sum + item.leads.length, 0) }, "run: batch submitted");
  return false;
}

async function cancelJob(client: GeminiBatchClient, runId: number, name: string): Promise<void> {
  try {
    await client.cancel(name);
  } catch (error) {
    log().warn({ run_id: runId, err: describeError(error) }, "run: cancelling the batch job at Google failed");
  }
}

/** Claims what the run still has to score; scores the cached part now and sends the rest to Google. */
async function submitNextBatch(scope: WorkspaceScope, run: Run, offer: Offer, client: GeminiBatchClient, instance: string): Promise<boolean> {
  // Claiming a large run's leads takes a while: held long enough that no other instance takes them back meanwhile.
  if (!(await leaseRun(scope, run.id, instance, SUBMIT_LEASE_SECONDS))) return false;
  const job = jobOf(run);
  const key = cacheKeyOf(run, offer);
  const rules = resolveRules(offer.rules);
  const toAsk: ClaimedLead[] = [];
  for (let afterId = 0; ; ) {
    // Leads this run holds with no job recorded were claimed by an instance that died before it
    // recorded one: they are claimed again now, not when their 25 h hold runs out.
    const claimed = await claimLeads(scope, job, CLAIM_PAGE, { holdSeconds: HOLD_SECONDS, afterId, cache: cacheToRead(run, key), reclaimOwn: true });
    if (claimed.length === 0) break;
    afterId = claimed.at(-1)!.id;
    const lookup = lookUpCache(run, claimed);
    if (lookup.cached.size > 0) {
      const { results } = scoreLeads(rules, claimed, new Map(), lookup.cached);
      await saveScores(scope, job, {
        results,
        remember: [],
        cacheKey: key,
        progress: usageProgress(NO_USAGE, run.model, run.mode),
        alsoWrite: scoredLeadEvents(scope, run, claimed, results),
      });
      notifyRunChanged(run.id);
    }
    toAsk.push(...lookup.toAsk);
  }
  const analyzer = getAnalyzer();
  const granted = await reserveAiLeads(scope, analyzer, toAsk.length);
  if (granted < toAsk.length) await releaseClaims(scope, job, toAsk.slice(granted).map((lead) => lead.id));
  if (granted === 0) {
    if (toAsk.length > 0) {
      await pauseRun(scope, run.id, dailyLimitMessage());
      notifyRunChanged(run.id);
      return false;
    }
    return (await succeedRunIfDone(scope, run)) !== undefined;
  }
  const items = chunk(toAsk.slice(0, granted), analyzer.batchSize).map((leads, index) => ({ key: `r${index}`, leads }));
  return submitJob(scope, run, offer, client, items, instance, granted);
}

/**
 * An ended batch run's job at Google is cancelled too (best effort), so that nothing more is
 * charged for it; a job whose submission was never recorded is looked up by its display name.
 */
export async function cancelBatchJob(run: Run): Promise<void> {
  const client = getGeminiBatchClient();
  if (!client || run.mode !== "batch" || !run.batchName) return;
  if (run.batchState === SUBMITTING) {
    const found = await client.find(run.batchName).catch(() => undefined);
    if (found) await cancelJob(client, run.id, found.name);
  } else if (run.batchState === "pending" || run.batchState === "running") {
    await cancelJob(client, run.id, run.batchName);
  }
}

/** Saves a finished job's answers; a lead without an answer gets the labelled offline fallback, as on the interactive path. */
async function saveBatchAnswers(scope: WorkspaceScope, run: Run, offer: Offer, results: ReadonlyMap<string, BatchItemResult>, usage: TokenUsage) {
  const job = jobOf(run);
  const key = cacheKeyOf(run, offer);
  const rules = resolveRules(offer.rules);
  const terms = offerTerms(offer);
  const entries = Object.entries(run.batchKeys ?? {});
  let usageToCount = usage;
  for (const page of chunk(entries, Math.max(1, Math.floor(SAVE_PAGE / Math.max(1, getAnalyzer().batchSize))))) {
    const leads = await readLeads(scope, page.flatMap(([, ids]) => ids));
    const byId = new Map(leads.map((lead) => [lead.id, lead]));
    const judgements = new Map<number, AiJudgement>();
    for (const [requestKey, ids] of page) {
      const result = results.get(requestKey);
      for (const id of ids) {
        const lead = byId.get(id);
        if (!lead) continue;
        const answer = result && "answers" in result ? result.answers.get(id) : undefined;
        judgements.set(
          id,
          answer
            ? { ...answer, provider: "gemini", model: run.model }
            : fallbackJudgement(terms, lead, result && "problem" in result ? result.problem : "Gemini's batch answer left this lead out"),
        );
      }
    }
    const { results: scored, remember } = scoreLeads(rules, leads, judgements, new Map());
    await saveScores(scope, job, {
      results: scored,
      remember,
      cacheKey: key,
      progress: usageProgress(usageToCount, run.model, "batch"),
      progressIfWritten: true,
      alsoWrite: scoredLeadEvents(scope, run, leads, scored),
    });
    usageToCount = NO_USAGE;
    notifyRunChanged(run.id);
  }
}
