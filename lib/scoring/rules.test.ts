import { describe, expect, it } from "vitest";
import { combineScore } from "./combine";
import { DEFAULT_RULES, findKeyword, intentForScore, isWellFormedKeyword, resolveRules, scoreRules } from "./rules";
import type { LeadData } from "./types";

const lead = (overrides: Partial<LeadData> = {}): LeadData => ({
  name: "Ava Chen",
  role: "",
  company: "Acme",
  industry: "",
  location: "Berlin",
  linkedin_bio: "",
  ...overrides,
});

describe("role relevance", () => {
  it.each(DEFAULT_RULES.decision_maker_roles.map((keyword) => ({ keyword })))(
    "gives 20 points to decision-maker keyword '$keyword'",
    ({ keyword }) => {
      const written = keyword.replace("*", "growth");
      const result = scoreRules(lead({ role: `Regional ${written.toUpperCase()} EMEA` }), DEFAULT_RULES);
      expect(result.role).toEqual({ points: 20, match: written, tier: "decision_maker" });
    },
  );

  it.each([
    { role: "Chief Executive Officer", match: "chief executive officer" },
    { role: "Chief Marketing Officer", match: "chief marketing officer" },
    { role: "Chief Revenue Officer", match: "chief revenue officer" },
    { role: "Chief Technology Officer", match: "chief technology officer" },
    { role: "Chief Financial Officer", match: "chief financial officer" },
    { role: "Chief Operating Officer", match: "chief operating officer" },
    { role: "Chief Product Officer", match: "chief product officer" },
    { role: "Chief Data Officer", match: "chief data officer" },
    { role: "Chief People Officer", match: "chief people officer" },
    { role: "Chief Information Security Officer", match: "chief information security officer" },
    { role: "Chief Diversity & Inclusion Officer", match: "chief diversity inclusion officer" },
    { role: "Chief Technology and Innovation Officer, EMEA", match: "chief technology and innovation officer" },
    { role: "Co-Founder & Chief Revenue Officer", match: "chief revenue officer" },
    { role: "VP and Chief Customer Officer", match: "chief customer officer" },
    { role: "CHIEF-MARKETING-OFFICER", match: "chief marketing officer" },
    { role: "Chief Executive", match: "chief executive" },
    { role: "Chief Executive, Acme Group", match: "chief executive" },
  ])("counts the spelled-out C-suite title $role as a decision-maker", ({ role, match }) => {
    expect(scoreRules(lead({ role }), DEFAULT_RULES).role).toEqual({ points: 20, match, tier: "decision_maker" });
  });

  it.each([
    { role: "Chief of Staff", why: "no officer" },
    { role: "Chief Engineer", why: "no officer" },
    { role: "Executive Officer", why: "no chief" },
    { role: "Chief Officer", why: "the wildcard needs at least one word" },
    { role: "Chief Very Long Invented Title Officer", why: "at most three words between" },
    { role: "Mischief Officer", why: "chief must be a whole word" },
  ])("does not count $role ($why)", ({ role }) => {
    expect(scoreRules(lead({ role }), DEFAULT_RULES).role.tier).not.toBe("decision_maker");
  });

  it.each(DEFAULT_RULES.influencer_roles.map((keyword) => ({ keyword })))(
    "gives 10 points to influencer keyword '$keyword'",
    ({ keyword }) => {
      const result = scoreRules(lead({ role: `Senior ${keyword}` }), DEFAULT_RULES);
      expect(result.role).toEqual({ points: 10, match: keyword, tier: "influencer" });
    },
  );

  it.each([
    { role: "Marketing Manager & Analyst", points: 20, match: "manager", why: "decision-maker wins over influencer" },
    { role: "Analyst to the CEO", points: 20, match: "ceo", why: "decision-maker wins wherever it appears" },
    { role: "VP of Sales", points: 20, match: "vp", why: "vp as a word" },
    { role: "Vice-President, Sales", points: 20, match: "vice president", why: "hyphen reads as a space" },
    { role: "Head of Growth", points: 20, match: "head of", why: "a phrase" },
    { role: "Co-Founder", points: 20, match: "founder", why: "punctuation splits words" },
    { role: "MVP Engineer", points: 0, match: null, why: "vp does not match inside mvp" },
    { role: "Overhead officer", points: 0, match: null, why: "head of needs both words" },
    { role: "Head Office Lead", points: 0, match: null, why: "head of does not match head office" },
    { role: "Directorate clerk", points: 0, match: null, why: "director does not match inside directorate" },
    { role: "Software Engineer", points: 0, match: null, why: "no keyword" },
    { role: "", points: 0, match: null, why: "empty role" },
    { role: "   ", points: 0, match: null, why: "whitespace role" },
  ])("$role → $points ($why)", ({ role, points, match }) => {
    const result = scoreRules(lead({ role }), DEFAULT_RULES);
    expect(result.role.points).toBe(points);
    expect(result.role.match).toBe(match);
  });
});

describe("industry alignment", () => {
  it.each([
    ...DEFAULT_RULES.high_value_industries.map((keyword) => ({ industry: `B2B ${keyword}`, points: 20, match: keyword })),
    ...DEFAULT_RULES.medium_value_industries.map((keyword) => ({ industry: `Professional ${keyword}`, points: 10, match: keyword })),
    { industry: "Software Consulting", points: 20, match: "software" },
    { industry: "Business Services", points: 10, match: "business" },
    { industry: "Biotech", points: 0, match: null },
    { industry: "Fintech", points: 0, match: null },
    { industry: "Healthcare", points: 0, match: null },
    { industry: "", points: 0, match: null },
  ])("$industry → $points", ({ industry, points, match }) => {
    const result = scoreRules(lead({ industry }), DEFAULT_RULES);
    expect(result.industry.points).toBe(points);
    expect(result.industry.match).toBe(match);
  });
});

describe("data completeness", () => {
  it.each([
    { change: {}, points: 10, missing: [] },
    { change: { linkedin_bio: "" }, points: 10, missing: [] },
    { change: { name: "" }, points: 0, missing: ["name"] },
    { change: { role: " " }, points: 0, missing: ["role"] },
    { change: { company: "\t" }, points: 0, missing: ["company"] },
    { change: { industry: "" }, points: 0, missing: ["industry"] },
    { change: { location: "", company: "" }, points: 0, missing: ["company", "location"] },
  ])("$change → $points", ({ change, points, missing }) => {
    const result = scoreRules(lead({ role: "CEO", industry: "SaaS", ...change }), DEFAULT_RULES);
    expect(result.completeness).toEqual({ points, missing });
  });
});

describe("intent bands", () => {
  it.each([
    { score: 0, intent: "Low" },
    { score: 39, intent: "Low" },
    { score: 40, intent: "Medium" },
    { score: 69, intent: "Medium" },
    { score: 70, intent: "High" },
    { score: 100, intent: "High" },
  ])("$score → $intent", ({ score, intent }) => {
    expect(intentForScore(score)).toBe(intent);
  });
});

describe("combineScore", () => {
  const ai = (intent: "High" | "Medium" | "Low") => ({ intent, reasoning: "why", provider: "gemini" as const, model: "m" });

  it.each([
    { name: "full marks", change: { role: "CEO", industry: "SaaS" }, aiIntent: "High", rule: 50, score: 100, intent: "High" },
    { name: "exactly 70 is High", change: { role: "Analyst", industry: "Services", location: "" }, aiIntent: "High", rule: 20, score: 70, intent: "High" },
    { name: "rules 40 + Low AI", change: { role: "CEO", industry: "Consulting" }, aiIntent: "Low", rule: 40, score: 50, intent: "Medium" },
    { name: "rules 30 + Low AI", change: { role: "Analyst", industry: "Consulting" }, aiIntent: "Low", rule: 30, score: 40, intent: "Medium" },
    { name: "rules 20 + Low AI", change: { role: "Intern", industry: "Consulting" }, aiIntent: "Low", rule: 20, score: 30, intent: "Low" },
    { name: "rules 30 + Medium AI", change: { role: "Analyst", industry: "Consulting" }, aiIntent: "Medium", rule: 30, score: 60, intent: "Medium" },
    { name: "rules 0 + High AI", change: { role: "Intern", industry: "Farming", location: "" }, aiIntent: "High", rule: 0, score: 50, intent: "Medium" },
  ] as const)("$name", ({ change, aiIntent, rule, score, intent }) => {
    const result = combineScore(lead(change), DEFAULT_RULES, ai(aiIntent));
    expect(result.ruleScore).toBe(rule);
    expect(result.score).toBe(score);
    expect(result.intent).toBe(intent);
    expect(result.aiIntent).toBe(aiIntent);
    expect(result.breakdown.rule_points).toBe(rule);
    expect(result.breakdown.ai).toEqual({ intent: aiIntent, points: { High: 50, Medium: 30, Low: 10 }[aiIntent], provider: "gemini", model: "m" });
  });
});

describe("custom rules", () => {
  it("replaces only the lists an offer gives", () => {
    const rules = resolveRules({ high_value_industries: ["healthcare"], decision_maker_roles: [] });
    expect(rules.influencer_roles).toEqual(DEFAULT_RULES.influencer_roles);
    expect(scoreRules(lead({ role: "CEO", industry: "Healthcare" }), rules)).toMatchObject({
      role: { points: 0, match: null },
      industry: { points: 20, match: "healthcare" },
    });
  });

  it("falls back to the defaults without rules", () => {
    expect(resolveRules(null)).toEqual(DEFAULT_RULES);
    expect(resolveRules(undefined)).toEqual(DEFAULT_RULES);
  });

  it("keeps spelled-out titles to the lists an offer gives", () => {
    const acronymsOnly = resolveRules({ decision_maker_roles: ["cro", "vp"] });
    expect(scoreRules(lead({ role: "Chief Revenue Officer" }), acronymsOnly).role).toEqual({ points: 0, match: null, tier: null });
    expect(scoreRules(lead({ role: "CRO" }), acronymsOnly).role.match).toBe("cro");
    const ownWildcard = resolveRules({ decision_maker_roles: ["head of * sales"], influencer_roles: ["chief * officer"] });
    expect(scoreRules(lead({ role: "Head of Inside Sales" }), ownWildcard).role).toEqual({ points: 20, match: "head of inside sales", tier: "decision_maker" });
    expect(scoreRules(lead({ role: "Chief Data Officer" }), ownWildcard).role).toEqual({ points: 10, match: "chief data officer", tier: "influencer" });
  });

  it.each([
    { keyword: "chief * officer", wellFormed: true },
    { keyword: "head of * sales", wellFormed: true },
    { keyword: "vp", wellFormed: true },
    { keyword: "* officer", wellFormed: false },
    { keyword: "chief *", wellFormed: false },
    { keyword: "chief ** officer", wellFormed: false },
    { keyword: "*", wellFormed: false },
    { keyword: "!!!", wellFormed: false },
  ])("judges '$keyword' well formed: $wellFormed, and a malformed one never matches", ({ keyword, wellFormed }) => {
    expect(isWellFormedKeyword(keyword)).toBe(wellFormed);
    if (!wellFormed) expect(findKeyword("chief officer of sales !!! *", [keyword])).toBeNull();
  });

  it("matches multi-word custom keywords as phrases", () => {
    expect(findKeyword("Chief Revenue Officer", ["revenue officer"])).toBe("revenue officer");
    expect(findKeyword("Revenue operations officer", ["revenue officer"])).toBeNull();
  });
});

describe("the README's worked example", () => {
  it("scores Sarah Chen, Head of Marketing in Technology, at 80 with a Medium AI judgement", () => {
    const sarah = { name: "Sarah Chen", role: "Head of Marketing", company: "DataDrive Solutions", industry: "Technology", location: "New York", linkedin_bio: "" };
    const result = combineScore(sarah, DEFAULT_RULES, { intent: "Medium", reasoning: "r", provider: "gemini", model: "m" });
    expect(result.breakdown.role).toEqual({ points: 20, match: "head of", tier: "decision_maker" });
    expect(result.breakdown.industry).toEqual({ points: 20, match: "technology", tier: "high_value" });
    expect(result.breakdown.completeness.points).toBe(10);
    expect(result).toMatchObject({ ruleScore: 50, aiScore: 30, score: 80, intent: "High" });
  });
});
