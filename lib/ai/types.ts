import type { AiJudgement } from "@/lib/scoring/combine";
import type { AdaptiveLimitStats } from "./adaptive-limit";
import type { LeadData } from "@/lib/scoring/types";

export type { AiJudgement };

export type AnalyzerLead = LeadData & { id: number };
export type AnalyzerOffer = {
  name: string;
  value_props: readonly string[];
  ideal_use_cases: readonly string[];
};

/** Tokens a provider billed: `calls` is how many responses they were read from. */
export type TokenUsage = { promptTokens: number; outputTokens: number; thinkingTokens: number; calls: number };

export type AnalyzeOptions = {
  /** Called once per `analyze` call that received any response: the sum over every response, retries and re-asks included. */
  onUsage?: (usage: TokenUsage) => void;
};

/**
 * The AI half of a score. `analyze` never rejects and answers for every lead it is given:
 * a provider that cannot judge a lead says so in that lead's judgement instead of failing the run.
 */
export interface IntentAnalyzer {
  readonly provider: "gemini" | "offline";
  readonly model: string;
  /** How many leads one `analyze` call should receive. */
  readonly batchSize: number;
  /** How many `analyze` calls may run at once. */
  readonly concurrency: number;
  /** Where an adaptive concurrency limit stands (Gemini). */
  stats?(): AdaptiveLimitStats;
  analyze(offer: AnalyzerOffer, leads: readonly AnalyzerLead[], options?: AnalyzeOptions): Promise<Map<number, AiJudgement>>;
}
