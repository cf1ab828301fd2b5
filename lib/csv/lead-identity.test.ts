import { describe, expect, it } from "vitest";
import { leadIdentity } from "./lead-identity";

const lead = (name: string, company: string, linkedin_url: string | null = null) => ({ name, company, linkedin_url });

describe("leadIdentity", () => {
  it.each([
    { case: "case", a: lead("Ava Chen", "Acme"), b: lead("AVA CHEN", "acme") },
    { case: "whitespace", a: lead("Ava Chen", "Acme Corp"), b: lead("  Ava   Chen ", "Acme\tCorp") },
    { case: "punctuation", a: lead("Ava Chen", "Acme, Inc."), b: lead("Ava Chen", "Acme Inc") },
    { case: "accented capitals", a: lead("José Núñez", "Açme"), b: lead("JOSÉ NÚÑEZ", "AÇME") },
    { case: "the same profile URL written differently", a: lead("Ava", "Acme", "https://www.linkedin.com/in/ava/"), b: lead("A. Chen", "Beta", "linkedin.com/in/AVA?trk=x") },
  ])("folds $case", ({ a, b }) => {
    expect(leadIdentity(a)).toBe(leadIdentity(b));
  });

  it.each([
    { case: "another company", a: lead("Ava Chen", "Acme"), b: lead("Ava Chen", "Beta") },
    { case: "another name", a: lead("Ava Chen", "Acme"), b: lead("Ava Cheng", "Acme") },
    { case: "name and company run together", a: lead("Ava", "Chen Acme"), b: lead("Ava Chen", "Acme") },
    { case: "another profile", a: lead("Ava", "Acme", "linkedin.com/in/ava"), b: lead("Ava", "Acme", "linkedin.com/in/ava-2") },
    { case: "a URL against none", a: lead("Ava", "Acme", "linkedin.com/in/ava"), b: lead("Ava", "Acme") },
  ])("tells apart $case", ({ a, b }) => {
    expect(leadIdentity(a)).not.toBe(leadIdentity(b));
  });

  it("uses name and company when the URL cell is only whitespace", () => {
    expect(leadIdentity(lead("Ava", "Acme", "  "))).toBe("name:ava|acme");
  });
});
