import { describe, expect, it } from "vitest";
import { OFFLINE_MODEL } from "./offline";
import { estimateCostUsd, GEMINI_PRICES } from "./pricing";
import type { TokenUsage } from "./types";

const usage = (promptTokens: number, outputTokens: number, thinkingTokens = 0): TokenUsage => ({ promptTokens, outputTokens, thinkingTokens, calls: 1 });
const DEC_2026 = new Date("2026-12-31T23:00:00Z");
const JAN_2027 = new Date("2027-01-01T00:00:00Z");

describe("estimateCostUsd", () => {
  it.each([
    { case: "1M prompt tokens, Flash, interactive", model: "gemini-3.8-flash", use: usage(1_000_000, 0), mode: "interactive", at: DEC_2026, usd: 0.75 },
    { case: "1M output tokens, Flash, interactive", model: "gemini-3.8-flash", use: usage(0, 1_000_000), mode: "interactive", at: DEC_2026, usd: 3.75 },
    { case: "thinking tokens are billed as output", model: "gemini-3.8-flash", use: usage(0, 400_000, 600_000), mode: "interactive", at: DEC_2026, usd: 3.75 },
    { case: "batch is half price", model: "gemini-3.8-flash", use: usage(1_000_000, 500_000, 500_000), mode: "batch", at: DEC_2026, usd: (0.75 + 3.75) / 2 },
    { case: "Flash's launch price ends with 2026", model: "gemini-3.8-flash", use: usage(1_000_000, 1_000_000), mode: "interactive", at: JAN_2027, usd: 1.5 + 7.5 },
    { case: "a typical 10-lead call", model: "gemini-3.8-flash", use: usage(2_000, 600, 400), mode: "interactive", at: DEC_2026, usd: (2_000 * 0.75 + 1_000 * 3.75) / 1e6 },
    { case: "the API's models/ prefix", model: "models/gemini-3.5-flash", use: usage(1_000_000, 1_000_000), mode: "interactive", at: DEC_2026, usd: 10.5 },
    { case: "Flash-Lite", model: "gemini-3.5-flash-lite", use: usage(1_000_000, 1_000_000), mode: "batch", at: DEC_2026, usd: (0.3 + 2.5) / 2 },
    { case: "Pro", model: "gemini-3.1-pro-preview", use: usage(1_000_000, 1_000_000), mode: "interactive", at: DEC_2026, usd: 14 },
    { case: "no tokens cost nothing", model: "gemini-3.8-flash", use: usage(0, 0), mode: "batch", at: DEC_2026, usd: 0 },
    { case: "an unknown model has no estimate", model: "gemini-test", use: usage(1_000, 1_000), mode: "interactive", at: DEC_2026, usd: null },
    { case: "the offline analyzer has no estimate", model: OFFLINE_MODEL, use: usage(1_000, 1_000), mode: "interactive", at: DEC_2026, usd: null },
    { case: "a model whose price was not found has none", model: "gemini-2.5-flash", use: usage(1_000, 1_000), mode: "interactive", at: DEC_2026, usd: null },
    { case: "an inherited property is not a model", model: "constructor", use: usage(1_000, 1_000), mode: "interactive", at: DEC_2026, usd: null },
  ] as const)("$case", ({ model, use, mode, at, usd }) => {
    const cost = estimateCostUsd(model, use, mode, at);
    if (usd === null) expect(cost).toBeNull();
    else expect(cost).toBeCloseTo(usd, 10);
  });

  it("prices the default model", () => {
    expect(GEMINI_PRICES["gemini-3.8-flash"]).not.toBeNull();
    expect(estimateCostUsd("gemini-3.8-flash", usage(1, 1), "interactive")).toBeGreaterThan(0);
  });

  it("keeps each model's periods in order, only the first without a start", () => {
    for (const periods of Object.values(GEMINI_PRICES)) {
      if (!periods) continue;
      expect(periods[0]!.from).toBeUndefined();
      const starts = periods.slice(1).map((period) => period.from!);
      expect(starts.every((from) => /^\d{4}-\d{2}-\d{2}$/.test(from))).toBe(true);
      expect([...starts].sort()).toEqual(starts);
    }
  });
});
