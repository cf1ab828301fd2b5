import type { Offer } from "@/db/queries/offers";
import { finishRun, finishRunIfDone, type Run } from "@/db/queries/runs";
import { countRemaining, reserveDailyAiLeads, returnDailyAiLeads, type CacheKey, type ClaimedLead, type ScoredResult, type ScoringJob } from "@/db/queries/scoring";
import type { WorkspaceScope } from "@/db/scope";
import { estimateCostUsd } from "@/lib/ai/pricing";
import type { AiJudgement, IntentAnalyzer, TokenUsage } from "@/lib/ai/types";
import { env } from "@/lib/env";
import { combineScore } from "@/lib/scoring/combine";
import { leadHash, offerPitchHash } from "@/lib/scoring/fingerprint";
import type { RuleKeywords } from "@/lib/scoring/types";
import { notifyRunChanged } from "./run-changes";
import { recordRunEnded } from "./run-events";

// The steps both ways of running (interactive and batch) share.

export const jobOf = (run: Run): ScoringJob => ({ runId: run.id, offerId: run.offerId!, leadIds: run.leadIds, rescoreBefore: run.rescoreBefore });

export const cacheKeyOf = (run: Run, offer: Offer): CacheKey => ({ offerHash: offerPitchHash(offer), model: run.model, promptVersion: run.promptVersion });

/** The workspace's daily AI limit, when it applies: set, and the leads go to Gemini. */
export const dailyAiLimit = (analyzer: IntentAnalyzer): number | undefined => (analyzer.provider === "gemini" ? env.AI_DAILY_LEAD_LIMIT : undefined);

/** Grants up to `wanted` leads of the workspace's daily AI allowance. */
export async function reserveAiLeads(scope: WorkspaceScope, analyzer: IntentAnalyzer, wanted: number): Promise<number> {
  const limit = dailyAiLimit(analyzer);
  return limit === undefined ? wanted : reserveDailyAiLeads(scope, wanted, limit);
}

/** Gives back leads reserveAiLeads granted that were not sent after all. */
export async function returnAiLeads(scope: WorkspaceScope, analyzer: IntentAnalyzer, count: number): Promise<void> {
  if (dailyAiLimit(analyzer) !== undefined) await returnDailyAiLeads(scope, count);
}

export const dailyLimitMessage = () =>
  `The workspace reached its daily limit of ${env.AI_DAILY_LEAD_LIMIT} leads sent to the AI (AI_DAILY_LEAD_LIMIT). The run goes on by itself after 00:00 UTC, or once the limit is raised.`;

export async function endRun(scope: WorkspaceScope, id: number, end: Parameters<typeof finishRun>[2]): Promise<void> {
  const run = await recordRunEnded(scope, (executor) => finishRun(scope, id, end, executor));
  if (run) notifyRunChanged(id);
}

/** Ends the run as succeeded once nothing is left of its job (see finishRunIfDone); answers the run if this call ended it. */
export async function succeedRunIfDone(scope: WorkspaceScope, run: Run): Promise<Run | undefined> {
  const job = jobOf(run);
  const finished = await recordRunEnded(scope, (tx) => finishRunIfDone(scope, run.id, (executor) => countRemaining(scope, job, executor), tx));
  if (finished) notifyRunChanged(run.id);
  return finished;
}

/** Splits claimed leads into those the judgement cache answers (an unchanged lead) and those to ask the AI about. */
export function lookUpCache(run: Run, leads: readonly ClaimedLead[]) {
  const cached = new Map<number, AiJudgement>();
  for (const { id, stored, ...lead } of leads) {
    if (stored && stored.leadHash === leadHash(lead)) cached.set(id, { intent: stored.intent, reasoning: stored.reasoning, provider: "gemini", model: run.model });
  }
  return { cached, toAsk: leads.filter((lead) => !cached.has(lead.id)) };
}

/** What a run's claims look up in the judgement cache: nothing when it asks the AI again regardless. */
export const cacheToRead = (run: Run, key: CacheKey) => (run.refreshAi ? undefined : key);

/** Scores claimed leads from their judgements, and what of it the cache should keep. */
export function scoreLeads(rules: RuleKeywords, leads: readonly ClaimedLead[], judgements: ReadonlyMap<number, AiJudgement>, cached: ReadonlyMap<number, AiJudgement>) {
  const results: ScoredResult[] = [];
  const remember = [];
  for (const lead of leads) {
    const judgement = cached.get(lead.id) ?? judgements.get(lead.id);
    if (!judgement) continue;
    results.push({ leadId: lead.id, score: combineScore(lead, rules, judgement), cached: cached.has(lead.id) });
    if (!cached.has(lead.id) && judgement.provider === "gemini") {
      remember.push({ leadId: lead.id, leadHash: leadHash(lead), intent: judgement.intent, reasoning: judgement.reasoning });
    }
  }
  return { results, remember };
}

export const usageProgress = (usage: TokenUsage, model: string, mode: Run["mode"]) => ({
  aiCalls: usage.calls,
  tokensIn: usage.promptTokens,
  tokensOut: usage.outputTokens,
  tokensThinking: usage.thinkingTokens,
  costUsd: usage.calls > 0 ? estimateCostUsd(model, usage, mode) : null,
});

