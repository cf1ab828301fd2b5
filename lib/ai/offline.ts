import { stemmer } from "stemmer";
import { eng } from "stopword";
import type { Intent } from "@/lib/scoring/types";
import type { AiJudgement, AnalyzerLead, AnalyzerOffer, IntentAnalyzer } from "./types";

export const OFFLINE_MODEL = "offline-term-overlap-v1";

// Words that say nothing about fit, on top of the usual English stop words.
const NOISE = new Set([...eng, "help", "helping", "based", "using", "work", "working", "new", "year", "years", "experience", "experienced", "passionate"]);

// A hyphenated compound ("mid-market", "e-commerce") is one term, not two: its parts alone
// ("market", "commerce") mean something else.
const WORD = /[\p{L}\p{N}]+(?:[-\u2010\u2011][\p{L}\p{N}]+)*/gu;
const HYPHENS = /[-\u2010\u2011]/g;

/** Stem → the first word it was seen as, so reasoning can show readable words. */
function terms(...texts: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const text of texts) {
    for (const word of text.toLowerCase().match(WORD) ?? []) {
      // "mid-market" and "midmarket" are the same term.
      const joined = word.replace(HYPHENS, "");
      if (joined.length < 2 || NOISE.has(word) || /^\d+$/.test(joined)) continue;
      const stem = stemmer(joined);
      if (!found.has(stem)) found.set(stem, word);
    }
  }
  return found;
}

const HIGH_AT = 3;

function intentFor(matches: number): Intent {
  if (matches >= HIGH_AT) return "High";
  if (matches >= 1) return "Medium";
  return "Low";
}

const quoteList = (words: readonly string[]) => {
  const quoted = words.map((word) => `"${word}"`);
  return quoted.length <= 1 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} and ${quoted.at(-1)}`;
};

export type OfferTerms = Map<string, string>;

export const offerTerms = (offer: AnalyzerOffer): OfferTerms => terms(...offer.value_props, ...offer.ideal_use_cases);

/**
 * Deterministic stand-in for Gemini: how many of the offer's value-proposition and use-case terms
 * (stemmed, stop words dropped) the lead's role, industry and bio share. 3+ → High, 1–2 → Medium, 0 → Low.
 */
export function analyzeOffline(offer: OfferTerms, lead: AnalyzerLead): Pick<AiJudgement, "intent" | "reasoning"> {
  const leadTerms = terms(lead.role, lead.industry, lead.linkedin_bio);
  const shared = [...offer].filter(([stem]) => leadTerms.has(stem)).map(([, word]) => word);
  const intent = intentFor(shared.length);
  const reasoning =
    shared.length === 0
      ? "No term in the lead's role, industry or bio matches the offer's value propositions or use cases."
      : `The lead's role, industry or bio shares ${shared.length} term${shared.length === 1 ? "" : "s"} with the offer: ${quoteList(shared.slice(0, 8))}${shared.length > 8 ? " and more" : ""}. ${intent === "High" ? "Three or more shared terms suggest a strong fit." : "Fewer than three shared terms suggest a partial fit."}`;
  return { intent, reasoning };
}

export function createOfflineAnalyzer(): IntentAnalyzer {
  return {
    provider: "offline",
    model: OFFLINE_MODEL,
    batchSize: 200,
    concurrency: 1,
    async analyze(offer, leads) {
      const wanted = offerTerms(offer);
      return new Map(
        leads.map((lead) => [lead.id, { ...analyzeOffline(wanted, lead), provider: "offline", model: OFFLINE_MODEL }]),
      );
    },
  };
}
