import { describe, expect, it } from "vitest";
import { backoffDelay, withRetry } from "./retry";

describe("backoffDelay", () => {
  it.each([
    { retry: 1, random: 0, server: 0, expected: 50 },
    { retry: 1, random: 1, server: 0, expected: 100 },
    { retry: 3, random: 0, server: 0, expected: 200 },
    { retry: 3, random: 1, server: 0, expected: 400 },
    { retry: 20, random: 1, server: 0, expected: 1_000 },
    { retry: 1, random: 0, server: 5_000, expected: 5_000 },
    { retry: 1, random: 0.5, server: 5_000, expected: 5_250 },
    { retry: 4, random: 1, server: 200, expected: 220 },
  ])("retry $retry, random $random, server asks $server → $expected ms", ({ retry, random, server, expected }) => {
    expect(backoffDelay(retry, { baseDelayMs: 100, maxDelayMs: 1_000, random: () => random }, server)).toBe(expected);
  });
});

describe("withRetry", () => {
  const options = (sleeps: number[], retryable = true) => ({
    attempts: 3,
    baseDelayMs: 10,
    random: () => 0,
    classify: () => (retryable ? { retry: true as const } : { retry: false as const }),
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
  });

  it("returns the first success", async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const result = await withRetry(async () => {
      calls++;
      if (calls < 3) throw new Error("busy");
      return "ok";
    }, options(sleeps));
    expect(result).toBe("ok");
    expect(sleeps).toEqual([5, 10]);
  });

  it("gives up after the last attempt with the last error", async () => {
    const sleeps: number[] = [];
    let calls = 0;
    await expect(withRetry(async () => Promise.reject(new Error(`fail ${++calls}`)), options(sleeps))).rejects.toThrow("fail 3");
    expect(sleeps).toHaveLength(2);
  });

  it("does not retry what is not retryable", async () => {
    const sleeps: number[] = [];
    let calls = 0;
    await expect(withRetry(async () => Promise.reject(new Error(`fail ${++calls}`)), options(sleeps, false))).rejects.toThrow("fail 1");
    expect(sleeps).toEqual([]);
  });
});
