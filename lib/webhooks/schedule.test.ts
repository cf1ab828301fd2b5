import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, retryDelayMs } from "./schedule";

describe("retryDelayMs", () => {
  it.each([
    [1, 5_000],
    [2, 300_000],
    [3, 1_800_000],
    [4, 7_200_000],
    [5, 18_000_000],
    [6, 36_000_000],
  ])("after attempt %i waits about %i ms, ±10 %%", (attempt, base) => {
    expect(retryDelayMs(attempt, () => 0.5)).toBe(base);
    expect(retryDelayMs(attempt, () => 0)).toBe(base * 0.9);
    expect(retryDelayMs(attempt, () => 1)).toBe(Math.round(base * 1.1));
  });

  it("gives up after the seventh attempt", () => {
    expect(MAX_ATTEMPTS).toBe(7);
    expect(retryDelayMs(7)).toBeUndefined();
  });
});
