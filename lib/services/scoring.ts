import { randomUUID } from "node:crypto";
import { setImmediate } from "node:timers/promises";
import { findLatestOffer, type Offer } from "@/db/queries/offers";
import type { ResultRow } from "@/db/queries/results";
import {
  CLAIM_HEARTBEAT_MS,
  claimLeads,
  countLeadsToScore,
  databaseNow,
  findMissingLeadIds,
  refreshClaims,
  releaseClaims,
  saveScores,
  type ScoringJob,
} from "@/db/queries/scoring";
import { countLeads } from "@/db/queries/uploads";
import type { WorkspaceScope } from "@/db/scope";
import { getAnalyzer } from "@/lib/ai";
import type { IntentAnalyzer } from "@/lib/ai/types";
import { invalidInput, notFound } from "@/lib/errors";
import { combineScore } from "@/lib/scoring/combine";
import { resolveRules } from "@/lib/scoring/rules";
import type { AiProvider, Intent } from "@/lib/scoring/types";
import type { ScoreRequest } from "@/lib/validations/score";
import { getOffer } from "./offers";

/** What POST /score/ returns per lead; the original API's clients read the first nine fields. */
export type ScoredLead = Pick<ResultRow, "id" | "name" | "role" | "company" | "industry" | "location"> & {
  intent: Intent;
  score: number;
  reasoning: string;
  rule_score: number;
  ai_score: number;
  ai_provider: AiProvider;
};

export type ScoringProgress = { done: number; total: number };

export type ScoringRun = {
  offer: Offer;
  /** Leads this run set out to score (another run working at the same time may take some). */
  total: number;
  execute: (onProgress?: (progress: ScoringProgress) => void) => Promise<ScoredLead[]>;
};

/** The offer asked for (404 `offer_not_found` if unknown), or else the latest, as the original API did. */
async function resolveOffer(scope: WorkspaceScope, offerId: number | undefined): Promise<Offer> {
  if (offerId !== undefined) return getOffer(scope, offerId);
  const offer = await findLatestOffer(scope);
  if (!offer) throw notFound("No product offer found. Please create an offer first.", { code: "no_offer" });
  return offer;
}

/** Checks the request and counts the work; nothing is scored until `execute` is called. */
export async function startScoring(
  scope: WorkspaceScope,
  request: ScoreRequest,
  analyzer: IntentAnalyzer = getAnalyzer(),
): Promise<ScoringRun> {
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
  const job: ScoringJob = {
    offerId: offer.id,
    runId: randomUUID(),
    startedAt: await databaseNow(),
    leadIds: request.lead_ids,
    rescore: request.rescore,
  };
  const total = await countLeadsToScore(scope, job);
  return { offer, total, execute: (onProgress) => execute(scope, job, offer, total, analyzer, onProgress) };
}

/**
 * Workers (as many as the analyzer allows requests in flight) each claim a batch, judge it and
 * save it at once, until nothing is left: a crash loses at most the batches in flight, and a
 * concurrent run never scores the same lead.
 */
async function execute(
  scope: WorkspaceScope,
  job: ScoringJob,
  offer: Offer,
  total: number,
  analyzer: IntentAnalyzer,
  onProgress?: (progress: ScoringProgress) => void,
): Promise<ScoredLead[]> {
  const rules = resolveRules(offer.rules);
  const scored: ScoredLead[] = [];

  async function worker() {
    for (;;) {
      const batch = await claimLeads(scope, job, analyzer.batchSize);
      if (batch.length === 0) return;
      try {
        const judgements = await analyzer.analyze(offer, batch);
        const results = batch.map((lead) => ({ lead, score: combineScore(lead, rules, judgements.get(lead.id)!) }));
        await saveScores(scope, job, results.map(({ lead, score }) => ({ leadId: lead.id, score })));
        for (const { lead: { linkedin_bio: _bio, ...lead }, score } of results) {
          scored.push({
            ...lead,
            intent: score.intent,
            score: score.score,
            reasoning: score.reasoning,
            rule_score: score.ruleScore,
            ai_score: score.aiScore,
            ai_provider: score.aiProvider,
          });
        }
      } catch (error) {
        await releaseClaims(scope, job, batch.map((lead) => lead.id)).catch(() => undefined);
        throw error;
      }
      onProgress?.({ done: scored.length, total: Math.max(total, scored.length) });
      // The embedded database and the offline analyzer never wait on I/O; give other requests a turn.
      await setImmediate();
    }
  }

  const heartbeat = setInterval(() => void refreshClaims(scope, job).catch(() => undefined), CLAIM_HEARTBEAT_MS);
  const outcomes = await Promise.allSettled(Array.from({ length: analyzer.concurrency }, worker)).finally(() =>
    clearInterval(heartbeat),
  );
  const failure = outcomes.find((outcome) => outcome.status === "rejected");
  if (failure) throw failure.reason;
  return scored.sort((a, b) => a.id - b.id);
}

type ScoringEvent =
  | { type: "start"; offer_id: number; total: number }
  | ({ type: "progress" } & ScoringProgress)
  | { type: "done"; scored: number; total: number };

/** The progress protocol of POST /score/ for clients that accept NDJSON: start, one line per batch, done. */
export async function reportScoring(run: ScoringRun, send: (event: ScoringEvent) => void): Promise<void> {
  send({ type: "start", offer_id: run.offer.id, total: run.total });
  const scored = await run.execute((progress) => send({ type: "progress", ...progress }));
  send({ type: "done", scored: scored.length, total: run.total });
}
