import type { AnalyzerLead } from "@/lib/ai/types";

/** An offer and leads as the analyzers take them, for tests that call a provider directly. */
export const ANALYZER_OFFER = { name: "Outreach AI", value_props: ["24/7 outreach", "automated sales pipeline"], ideal_use_cases: ["B2B SaaS sales teams"] };

export const analyzerLead = (id: number, role: string, linkedin_bio = ""): AnalyzerLead => ({
  id,
  name: `Lead ${id}`,
  role,
  company: "Acme",
  industry: "SaaS",
  location: "Oslo",
  linkedin_bio,
});
