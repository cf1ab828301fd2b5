import { describe, expect, it } from "vitest";
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

  it("is deterministic and judges each lead on its own", async () => {
    const analyzer = createOfflineAnalyzer();
    const leads = [lead({ id: 1, role: "Head of Sales" }), lead({ id: 2, role: "Nurse" }), lead({ id: 3, role: "VP Sales", linkedin_bio: "outreach pipeline" })];
    const first = await analyzer.analyze(offer, leads);
    const again = await analyzer.analyze(offer, [...leads].reverse());
    expect([...again].sort(([a], [b]) => a - b)).toEqual([...first]);
    expect(first.get(1)).toMatchObject({ provider: "offline", model: "offline-term-overlap-v1" });
  });
});
