import { inTransaction, type Executor, type Run } from "@/db/queries/runs";
import type { AlsoWrite, ClaimedLead, ScoredResult } from "@/db/queries/scoring";
import { enqueueWebhookEvent, leadScoredOutbox } from "@/db/queries/webhooks";
import type { WorkspaceScope } from "@/db/scope";
import type { RunEventData } from "@/lib/validations/webhooks";
import { wakeWebhookWorker } from "./webhook-delivery";

function runEventData(run: Run): RunEventData {
  const finishedAt = run.finishedAt ?? new Date();
  return {
    id: run.id,
    offer_id: run.offerId,
    status: run.status === "succeeded" ? "completed" : "failed",
    counts: { total: run.total, scored: run.done, fallbacks: run.fallbacks, cached: run.cached },
    tokens: { input: run.tokensIn, output: run.tokensOut, thinking: run.tokensThinking },
    cost_usd: run.costUsd,
    timings: {
      created_at: run.createdAt.toISOString(),
      started_at: run.startedAt?.toISOString() ?? null,
      finished_at: finishedAt.toISOString(),
      duration_ms: run.startedAt ? finishedAt.getTime() - run.startedAt.getTime() : null,
    },
    error: run.status === "failed" ? { code: run.errorCode ?? "run_failed", message: run.error ?? "The run failed." } : null,
  };
}

/**
 * Ends a run through `end` (which answers the run if this call ended it) and writes the webhook
 * event its end causes in the same transaction, so the two never disagree after a crash. A
 * cancelled run sends none: whoever cancelled it knows.
 */
export async function recordRunEnded(scope: WorkspaceScope, end: (tx: Executor) => Promise<Run | undefined>): Promise<Run | undefined> {
  let events = 0;
  const run = await inTransaction(async (tx) => {
    const ended = await end(tx);
    if (ended?.status === "succeeded") events = await enqueueWebhookEvent(tx, scope, { type: "run.completed", data: runEventData(ended) });
    if (ended?.status === "failed") events = await enqueueWebhookEvent(tx, scope, { type: "run.failed", data: runEventData(ended) });
    return ended;
  });
  if (events > 0) wakeWebhookWorker();
  return run;
}

/** The lead.scored events of a batch, written by the statement that saves its scores, for the scores it writes (see saveScores). */
export function scoredLeadEvents(scope: WorkspaceScope, run: Run, leads: readonly ClaimedLead[], results: readonly ScoredResult[]): AlsoWrite {
  const byId = new Map(leads.map((lead) => [lead.id, lead]));
  const events = results.map(({ leadId, score }) => {
    const lead = byId.get(leadId)!;
    return { lead_id: leadId, name: lead.name, company: lead.company, role: lead.role, intent: score.intent, score: score.score, offer_id: run.offerId!, run_id: run.id };
  });
  return {
    statement: (savedLeadIds) => leadScoredOutbox(scope, events, savedLeadIds),
    written: (rows) => {
      if (rows > 0) wakeWebhookWorker();
    },
  };
}
