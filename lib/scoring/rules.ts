import type { Intent, LeadData, LeadField, RuleBreakdown, RuleKeywords } from "./types";

/**
 * The documented defaults; an offer's own `rules` replace any of the four lists. In a keyword, `*`
 * stands for one to three words, so "chief * officer" covers every C-suite title spelled out
 * ("Chief Revenue Officer", "Chief Information Security Officer") as its acronym is covered.
 */
export const DEFAULT_RULES: RuleKeywords = {
  decision_maker_roles: [
    "chief * officer",
    "chief executive",
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

export const WILDCARD = "*";
const WILDCARD_WORDS = "(?:[^ ]+ ){1,3}";

/** A keyword is well formed when every `*` stands between words: "chief * officer", not "* officer". */
export const isWellFormedKeyword = (keyword: string) =>
  keyword.split(WILDCARD).every((part) => normalise(part).trim() !== "");

const patterns = new Map<string, RegExp | null>();

/** The padded, normalised pattern of a wildcard keyword (cached: the same few are asked for every lead). */
function wildcardPattern(keyword: string): RegExp | null {
  let pattern = patterns.get(keyword);
  if (pattern === undefined) {
    pattern = isWellFormedKeyword(keyword)
      ? // Normalised parts hold only letters, digits and spaces: nothing to escape.
        new RegExp(` ${keyword.split(WILDCARD).map((part) => normalise(part).trim()).join(` ${WILDCARD_WORDS}`)} `)
      : null;
    patterns.set(keyword, pattern);
  }
  return pattern;
}

/** The words of the text that a keyword matches, as written in the list (or as found, for a wildcard). */
function matchKeyword(haystack: string, keyword: string): string | null {
  if (keyword.includes(WILDCARD)) return wildcardPattern(keyword)?.exec(haystack)?.[0].trim() ?? null;
  const needle = normalise(keyword);
  return needle.trim() !== "" && haystack.includes(needle) ? keyword : null;
}

/**
 * The keyword of the list that appears in the text as whole words; when several do, the longest
 * (most specific) one, so "Vice President" is reported as "vice president", not "president". A
 * wildcard keyword is reported as the words it matched: "chief revenue officer".
 */
export function findKeyword(text: string, keywords: readonly string[]): string | null {
  const haystack = normalise(text);
  let best: string | null = null;
  for (const keyword of keywords) {
    const match = matchKeyword(haystack, keyword);
    if (match !== null && (best === null || match.length > best.length)) best = match;
  }
  return best;
}

type Tier<T extends string> = { keywords: readonly string[]; points: number; tier: T };

/** The first tier (strongest first) with a keyword in the text decides the points. */
function matchTiers<T extends string>(text: string, tiers: readonly Tier<T>[]): { points: number; match: string | null; tier: T | null } {
  for (const { keywords, points, tier } of tiers) {
    const match = findKeyword(text, keywords);
    if (match) return { points, match, tier };
  }
  return { points: 0, match: null, tier: null };
}

export function scoreRules(lead: LeadData, rules: RuleKeywords): RuleBreakdown & { points: number } {
  const role = matchTiers(lead.role, [
    { keywords: rules.decision_maker_roles, points: POINTS.decisionMaker, tier: "decision_maker" },
    { keywords: rules.influencer_roles, points: POINTS.influencer, tier: "influencer" },
  ]);
  const industry = matchTiers(lead.industry, [
    { keywords: rules.high_value_industries, points: POINTS.highValueIndustry, tier: "high_value" },
    { keywords: rules.medium_value_industries, points: POINTS.mediumValueIndustry, tier: "medium_value" },
  ]);
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
