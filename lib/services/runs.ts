import { findLatestOffer, type Offer } from "@/db/queries/offers";
import { cancelRun, findRun, insertRun, isFinished, listRuns, type Run } from "@/db/queries/runs";
import { countLeadsToScore, findMissingLeadIds } from "@/db/queries/scoring";
import { countLeads } from "@/db/queries/uploads";
import type { WorkspaceScope } from "@/db/scope";
import { getAnalyzer } from "@/lib/ai";
import { PROMPT_VERSION } from "@/lib/ai/prompt";
import type { Principal } from "@/lib/auth/principal";
import { env } from "@/lib/env";
import { AppError, conflict, invalidInput, notFound, offerNotFound, runNotFound } from "@/lib/errors";
import type { RunMode, RunStatus } from "@/lib/scoring/types";
import type { RunListQuery, RunRequest } from "@/lib/validations/score";
import { getOffer } from "./offers";
import { cancelBatchJob } from "./run-batch";
import { recordRunEnded } from "./run-events";
import { nextRunChange, notifyRunChanged } from "./run-changes";
import { scheduleBackgroundWork } from "./background";

/** A run as the API shows it. */
export type RunView = {
  id: number;
  /** Counts the run's changes; the id of its server-sent events. A view with a higher version is newer. */
  version: number;
  offer_id: number | null;
  offer_name: string;
  mode: RunMode;
  status: RunStatus;
  total: number;
  done: number;
  fallbacks: number;
  cached: number;
  provider: string;
  model: string;
  prompt_version: string;
  ai_calls: number;
  tokens: { input: number; output: number; thinking: number };
  estimated_cost_usd: number | null;
  rescore: boolean;
  refresh_ai: boolean;
  lead_ids: number[] | null;
  started_by: { type: "user"; id: string } | { type: "api_key"; id: number } | null;
  batch: { state: string | null } | null;
  error: string | null;
  error_code: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
};

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function runView(run: Run): RunView {
  return {
    id: run.id,
    version: run.version,
    offer_id: run.offerId,
    offer_name: run.offerName,
    mode: run.mode,
    status: run.status,
    total: run.total,
    done: run.done,
    fallbacks: run.fallbacks,
    cached: run.cached,
    provider: run.provider,
    model: run.model,
    prompt_version: run.promptVersion,
    ai_calls: run.aiCalls,
    tokens: { input: run.tokensIn, output: run.tokensOut, thinking: run.tokensThinking },
    estimated_cost_usd: run.costUsd,
    rescore: run.rescore,
    refresh_ai: run.refreshAi,
    lead_ids: run.leadIds,
    started_by: run.startedByUserId
      ? { type: "user", id: run.startedByUserId }
      : run.startedByApiKeyId
        ? { type: "api_key", id: run.startedByApiKeyId }
        : null,
    batch: run.mode === "batch" ? { state: run.batchState } : null,
    error: run.error,
    error_code: run.errorCode,
    created_at: run.createdAt.toISOString(),
    started_at: iso(run.startedAt),
    finished_at: iso(run.finishedAt),
    duration_ms: run.startedAt ? (run.finishedAt ?? new Date()).getTime() - run.startedAt.getTime() : null,
  };
}

/** The offer asked for (404 `offer_not_found` if unknown), or else the latest, as the original API did. */
async function resolveOffer(scope: WorkspaceScope, offerId: number | undefined): Promise<Offer> {
  if (offerId !== undefined) return getOffer(scope, offerId);
  const offer = await findLatestOffer(scope);
  if (!offer) throw notFound("No product offer found. Please create an offer first.", { code: "no_offer" });
  return offer;
}

/**
 * Checks the request and queues a run; the background worker of this instance (or of any other)
 * carries it out. `mode` unset: batch when Gemini judges and the run has more leads than
 * GEMINI_BATCH_MODE_THRESHOLD.
 */
export async function createRun(principal: Principal, request: RunRequest): Promise<Run> {
  const { scope, actor } = principal;
  const offer = await resolveOffer(scope, request.offer_id);
  if ((await countLeads(scope)) === 0) {
    throw invalidInput("No leads have been uploaded yet. Upload a CSV of leads first.", { code: "no_leads" });
  }
  if (request.lead_ids) {
    const missing = await findMissingLeadIds(scope, request.lead_ids);
    if (missing.length > 0) {
      throw invalidInput(`Unknown lead ids: ${missing.slice(0, 20).join(", ")}${missing.length > 20 ? ", …" : ""}`, {
        code: "unknown_leads",
        details: { missing },
      });
    }
  }
  const analyzer = getAnalyzer();
  if (request.mode === "batch" && analyzer.provider !== "gemini") {
    throw invalidInput("Batch mode sends the run to Gemini's Batch API: set GEMINI_API_KEY first.", { code: "batch_needs_gemini" });
  }
  const leadIds = request.lead_ids ? [...new Set(request.lead_ids)] : null;
  const run = await insertRun(
    scope,
    {
      offerId: offer.id,
      offerName: offer.name,
      startedBy: actor.kind === "user" ? { userId: actor.userId } : { apiKeyId: actor.keyId },
      leadIds: leadIds ?? undefined,
      rescore: request.rescore,
      refreshAi: request.refresh_ai,
      provider: analyzer.provider,
      model: analyzer.model,
      promptVersion: PROMPT_VERSION,
    },
    async (executor, rescoreBefore) => {
      const total = await countLeadsToScore(scope, { offerId: offer.id, leadIds, rescoreBefore }, executor);
      const batch = analyzer.provider === "gemini" && total > env.GEMINI_BATCH_MODE_THRESHOLD;
      return { total, mode: request.mode ?? (batch ? "batch" : "interactive") };
    },
  );
  // Deleted since it was read above.
  if (!run) throw offerNotFound(offer.id);
  scheduleBackgroundWork();
  return run;
}

export async function getRun(scope: WorkspaceScope, id: number): Promise<Run> {
  const run = await findRun(scope, id);
  if (!run) throw runNotFound(id);
  return run;
}

export async function listRunViews(scope: WorkspaceScope, query: RunListQuery) {
  const runs = await listRuns(scope, { limit: query.limit + 1, before: query.before, offerId: query.offer_id, status: query.status });
  const page = runs.slice(0, query.limit);
  return { runs: page.map(runView), next_cursor: runs.length > query.limit ? String(page.at(-1)!.id) : null };
}

/** Cancels a run that has not ended: 409 `run_finished` for one that has. */
export async function cancel(scope: WorkspaceScope, id: number): Promise<Run> {
  const cancelled = await recordRunEnded(scope, (tx) => cancelRun(scope, id, tx));
  if (cancelled) {
    notifyRunChanged(id);
    await cancelBatchJob(cancelled);
    return cancelled;
  }
  const run = await getRun(scope, id);
  throw conflict(`Run ${id} has already ${run.status === "cancelled" ? "been cancelled" : run.status}.`, { code: "run_finished", details: { status: run.status } });
}

/**
 * Calls `onChange` with the run each time it changes after `sinceVersion` (its version counts its
 * changes), until it ends (or `until` says so of its status) — the last call is that run — or
 * `signal` aborts. Answers the last run read.
 */
export async function watchRun(
  scope: WorkspaceScope,
  id: number,
  options: { sinceVersion?: number; until?: (status: RunStatus) => boolean; signal?: AbortSignal },
  onChange?: (run: Run) => void,
): Promise<Run> {
  const { until = isFinished, signal } = options;
  let seen = options.sinceVersion ?? 0;
  let run = await getRun(scope, id);
  for (;;) {
    if (run.version > seen) {
      seen = run.version;
      onChange?.(run);
    }
    if (until(run.status) || signal?.aborted) return run;
    const status = await nextRunChange(id, signal);
    // A caller waiting only for the end need not read the run for each batch saved here.
    if (!onChange && status !== undefined && !until(status) && !signal?.aborted) continue;
    run = await getRun(scope, id);
  }
}

/** What a synchronous caller (POST /score/) gets for a run that did not succeed. */
export function runOutcomeError(run: Run): AppError | undefined {
  switch (run.status) {
    case "succeeded":
      return undefined;
    case "paused":
      return new AppError("rate_limited", `${run.error} Follow run ${run.id} at GET /runs/${run.id}/.`, {
        code: run.errorCode ?? "daily_ai_limit_reached",
        details: { run_id: run.id },
      });
    case "cancelled":
      return conflict(`Run ${run.id} was cancelled; the scores it saved are kept.`, { code: "run_cancelled", details: { run_id: run.id } });
    default:
      return new AppError("unavailable", run.error ?? "The run did not finish.", {
        code: run.errorCode ?? "run_failed",
        details: { run_id: run.id },
      });
  }
}
