import { analyzeOffline, OFFLINE_MODEL, type OfferTerms } from "./offline";
import type { AiJudgement, AnalyzerLead } from "./types";

/**
 * A run goes on when Gemini cannot judge a lead, and says so: the offline analyzer's verdict,
 * labelled as a fallback, with the reason in the reasoning.
 */
export function fallbackJudgement(terms: OfferTerms, lead: AnalyzerLead, why: string): AiJudgement {
  const offline = analyzeOffline(terms, lead);
  return {
    intent: offline.intent,
    reasoning: `${why}, so the offline analyzer scored this lead: ${offline.reasoning}`,
    provider: "fallback",
    model: OFFLINE_MODEL,
  };
}
