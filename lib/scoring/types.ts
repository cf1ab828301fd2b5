export const INTENTS = ["High", "Medium", "Low"] as const;
export type Intent = (typeof INTENTS)[number];

/** Where the AI half of a score came from: Gemini, the offline analyzer, or the offline analyzer standing in after Gemini failed. */
export const AI_PROVIDERS = ["gemini", "offline", "fallback"] as const;
export type AiProvider = (typeof AI_PROVIDERS)[number];

export const RUN_MODES = ["interactive", "batch"] as const;
export type RunMode = (typeof RUN_MODES)[number];
/** `paused`: the workspace's daily AI lead limit was reached; the run goes on once it allows more. */
export const RUN_STATUSES = ["queued", "running", "paused", "succeeded", "failed", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const LEAD_FIELDS = ["name", "role", "company", "industry", "location", "linkedin_bio"] as const;
export type LeadField = (typeof LEAD_FIELDS)[number];
export type LeadData = Record<LeadField, string>;

export type RuleKeywords = {
  decision_maker_roles: readonly string[];
  influencer_roles: readonly string[];
  high_value_industries: readonly string[];
  medium_value_industries: readonly string[];
};

export type RuleBreakdown = {
  role: { points: number; match: string | null; tier: "decision_maker" | "influencer" | null };
  industry: { points: number; match: string | null; tier: "high_value" | "medium_value" | null };
  completeness: { points: number; missing: LeadField[] };
};

export type ScoreBreakdown = RuleBreakdown & {
  rule_points: number;
  ai: { intent: Intent; points: number; provider: AiProvider; model: string };
};
