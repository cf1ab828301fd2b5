import { describe, expect, it, vi } from "vitest";
import { analyzeOffline, createOfflineAnalyzer, offerTerms } from "./offline";
import type { AnalyzerLead } from "./types";

const offer = {
  name: "AI Outreach Automation",
  value_props: ["24/7 outreach", "6x more meetings", "Automated sales pipeline"],
  ideal_use_cases: ["B2B SaaS mid-market sales teams"],
};
const lead = (overrides: Partial<AnalyzerLead>): AnalyzerLead => ({
  id: 1,
  name: "Ava",
  role: "",
  company: "Acme",
  industry: "",
  location: "Berlin",
  linkedin_bio: "",
  ...overrides,
});

describe("offline analyzer", () => {
  it.each([
    { role: "Head of Sales", industry: "SaaS", bio: "Automating outreach pipelines for B2B teams", intent: "High", terms: ["outreach", "sales", "pipeline", "b2b", "saas", "teams"] },
    { role: "Sales Manager", industry: "Retail", bio: "", intent: "Medium", terms: ["sales"] },
    { role: "Nurse", industry: "Healthcare", bio: "Caring for patients", intent: "Low", terms: [] },
    { role: "", industry: "", bio: "", intent: "Low", terms: [] },
    { role: "Meeting planner", industry: "Events", bio: "Automated schedules", intent: "Medium", terms: ["meetings", "automated"] },
  ])("$role / $industry → $intent", ({ role, industry, bio, intent, terms }) => {
    const result = analyzeOffline(offerTerms(offer), lead({ role, industry, linkedin_bio: bio }));
    expect(result.intent).toBe(intent);
    for (const term of terms) expect(result.reasoning).toContain(`"${term}"`);
    if (terms.length === 0) expect(result.reasoning).toBe("No term in the lead's role, industry or bio matches the offer's value propositions or use cases.");
  });

  it.each([
    { case: "a hyphenated compound is one shared term", uses: ["Mid-market sales"], text: "Selling to mid-market firms", terms: ["mid-market"], not: ["market"] },
    { case: "its parts alone do not match it", uses: ["mid-market"], text: "Market leader in the mid tier", terms: [], not: ["mid-market"] },
    { case: "the unhyphenated spelling matches", uses: ["e-commerce brands"], text: "Ecommerce growth", terms: ["e-commerce"], not: [] },
    { case: "the hyphenated spelling matches an unhyphenated offer", uses: ["ecommerce brands"], text: "E-commerce growth", terms: ["ecommerce"], not: [] },
    { case: "a Unicode hyphen joins like a hyphen-minus", uses: ["mid\u2010market"], text: "mid-market", terms: ["mid\u2010market"], not: [] },
    { case: "stems still apply to compounds", uses: ["co-founders"], text: "Co-founder of two startups", terms: ["co-founders"], not: [] },
    { case: "B2B stays one term", uses: ["B2B SaaS"], text: "b2b", terms: ["b2b"], not: ["saas"] },
    { case: "number ranges are not terms", uses: ["2020-2024 growth"], text: "2020-2024", terms: [], not: ["2020-2024"] },
  ])("$case", ({ uses, text, terms, not }) => {
    const result = analyzeOffline(offerTerms({ ...offer, value_props: ["unrelated"], ideal_use_cases: uses }), lead({ linkedin_bio: text }));
    const count = terms.length;
    expect(result.intent).toBe(count >= 3 ? "High" : count >= 1 ? "Medium" : "Low");
    if (count > 0) expect(result.reasoning).toContain(`shares ${count} term${count === 1 ? "" : "s"} with the offer`);
    for (const term of terms) expect(result.reasoning).toContain(`"${term}"`);
    for (const term of not) expect(result.reasoning).not.toContain(`"${term}"`);
  });

  it("counts the original sample's mid-market use case as one shared term, not two", () => {
    const result = analyzeOffline(offerTerms(offer), lead({ linkedin_bio: "mid-market" }));
    expect(result.reasoning).toContain('shares 1 term with the offer: "mid-market"');
  });

  it("is deterministic and judges each lead on its own", async () => {
    const analyzer = createOfflineAnalyzer();
    const leads = [lead({ id: 1, role: "Head of Sales" }), lead({ id: 2, role: "Nurse" }), lead({ id: 3, role: "VP Sales", linkedin_bio: "outreach pipeline" })];
    const first = await analyzer.analyze(offer, leads);
    const again = await analyzer.analyze(offer, [...leads].reverse());
    expect([...again].sort(([a], [b]) => a - b)).toEqual([...first]);
    expect(first.get(1)).toMatchObject({ provider: "offline", model: "offline-term-overlap-v1" });
  });

  it("reports no token usage: nothing is billed", async () => {
    const onUsage = vi.fn();
    await createOfflineAnalyzer().analyze(offer, [lead({ id: 1 })], { onUsage });
    expect(onUsage).not.toHaveBeenCalled();
  });
});
