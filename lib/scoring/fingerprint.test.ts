import { describe, expect, it } from "vitest";
import { leadHash, offerPitchHash } from "./fingerprint";

const lead = { name: "Ada", role: "CTO", company: "Acme", industry: "SaaS", location: "Berlin", linkedin_bio: "Builds things" };
const offer = { value_props: ["Faster outreach"], ideal_use_cases: ["B2B SaaS"] };

describe("fingerprints", () => {
  it.each([
    ["a changed bio", { ...lead, linkedin_bio: "Builds other things" }],
    ["a changed role", { ...lead, role: "CEO" }],
    ["text moved between fields", { ...lead, name: "AdaCTO", role: "" }],
  ])("a lead's hash changes with %s", (_, changed) => {
    expect(leadHash(changed)).not.toBe(leadHash(lead));
  });

  it("a lead's hash is stable", () => {
    expect(leadHash({ ...lead })).toBe(leadHash(lead));
  });

  it.each([
    ["value propositions", { ...offer, value_props: ["Slower outreach"] }],
    ["use cases", { ...offer, ideal_use_cases: ["B2C"] }],
    ["an item moved between the lists", { value_props: ["Faster outreach", "B2B SaaS"], ideal_use_cases: [] }],
  ])("an offer's pitch hash changes with its %s", (_, changed) => {
    expect(offerPitchHash(changed)).not.toBe(offerPitchHash(offer));
  });

  it("an offer's name and rules do not change its pitch hash", () => {
    expect(offerPitchHash({ ...offer, name: "Renamed", rules: { decision_maker_roles: ["ceo"] } } as typeof offer)).toBe(offerPitchHash(offer));
  });
});
