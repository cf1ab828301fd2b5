import type { Intent, LeadData, LeadField, RuleBreakdown, RuleKeywords } from "./types";

/** The documented defaults; an offer's own `rules` replace any of the four lists. */
export const DEFAULT_RULES: RuleKeywords = {
  decision_maker_roles: [
    "ceo",
    "cfo",
    "cto",
    "cmo",
    "coo",
    "president",
    "vp",
    "vice president",
    "director",
    "head of",
    "manager",
    "founder",
    "owner",
  ],
  influencer_roles: ["specialist", "analyst", "coordinator", "assistant", "associate"],
  high_value_industries: ["saas", "tech", "technology", "software"],
  medium_value_industries: ["business", "services", "consulting"],
};

export const POINTS = {
  decisionMaker: 20,
  influencer: 10,
  highValueIndustry: 20,
  mediumValueIndustry: 10,
  complete: 10,
} as const;

export const AI_POINTS: Record<Intent, number> = { High: 50, Medium: 30, Low: 10 };

export const COMPLETENESS_FIELDS = ["name", "role", "company", "industry", "location"] as const satisfies readonly LeadField[];

export function resolveRules(custom: Partial<RuleKeywords> | null | undefined): RuleKeywords {
  return { ...DEFAULT_RULES, ...Object.fromEntries(Object.entries(custom ?? {}).filter(([, list]) => list !== undefined)) };
}

/**
 * Lower-cases and turns every run of non-alphanumeric characters into one space, padded, so that
 * a keyword matches only as whole words: " vp " is in " vp of sales " but not in " mvp ",
 * and "Vice-President" matches "vice president".
 */
const normalise = (text: string) => ` ${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim()} `;

/**
 * The keyword of the list that appears in the text as whole words; when several do, the longest
 * (most specific) one, so "Vice President" is reported as "vice president", not "president".
 */
export function findKeyword(text: string, keywords: readonly string[]): string | null {
  const haystack = normalise(text);
  let best: string | null = null;
  for (const keyword of keywords) {
    const needle = normalise(keyword);
    if (needle.trim() !== "" && haystack.includes(needle) && (best === null || keyword.length > best.length)) {
      best = keyword;
    }
  }
  return best;
}

export function scoreRules(lead: LeadData, rules: RuleKeywords): RuleBreakdown & { points: number } {
  const decisionMaker = findKeyword(lead.role, rules.decision_maker_roles);
  const influencer = decisionMaker ? null : findKeyword(lead.role, rules.influencer_roles);
  const role: RuleBreakdown["role"] = decisionMaker
    ? { points: POINTS.decisionMaker, match: decisionMaker, tier: "decision_maker" }
    : influencer
      ? { points: POINTS.influencer, match: influencer, tier: "influencer" }
      : { points: 0, match: null, tier: null };

  const highValue = findKeyword(lead.industry, rules.high_value_industries);
  const mediumValue = highValue ? null : findKeyword(lead.industry, rules.medium_value_industries);
  const industry: RuleBreakdown["industry"] = highValue
    ? { points: POINTS.highValueIndustry, match: highValue, tier: "high_value" }
    : mediumValue
      ? { points: POINTS.mediumValueIndustry, match: mediumValue, tier: "medium_value" }
      : { points: 0, match: null, tier: null };

  const missing = COMPLETENESS_FIELDS.filter((field) => lead[field].trim() === "");
  const completeness = { points: missing.length === 0 ? POINTS.complete : 0, missing };

  return { role, industry, completeness, points: role.points + industry.points + completeness.points };
}

/** The documented bands of the 0–100 total: 70–100 High, 40–69 Medium, 0–39 Low. */
export function intentForScore(score: number): Intent {
  if (score >= 70) return "High";
  if (score >= 40) return "Medium";
  return "Low";
}
