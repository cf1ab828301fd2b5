import { describe, expect, it } from "vitest";
import { AdaptiveLimit } from "./adaptive-limit";

class Overloaded extends Error {}
const overloaded = (error: unknown) => error instanceof Overloaded;
const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

/** A provider that takes one tick per call and refuses calls beyond `capacity` in flight. */
function provider(capacity: number) {
  let inFlight = 0;
  const seen = { refused: 0, maxInFlight: 0 };
  const call = async () => {
    inFlight++;
    seen.maxInFlight = Math.max(seen.maxInFlight, inFlight);
    try {
      await tick();
      if (inFlight > capacity) {
        seen.refused++;
        throw new Overloaded();
      }
    } finally {
      inFlight--;
    }
  };
  return { call, seen };
}

/** `calls` calls through the limit, `workers` at a time, each retried until it succeeds. */
async function drive(limit: AdaptiveLimit, call: () => Promise<void>, calls: number, workers: number) {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next++ < calls) {
        for (;;) {
          try {
            await limit.run(call, overloaded);
            break;
          } catch {
            await tick();
          }
        }
      }
    }),
  );
}

/** `count` calls through the limit that stay in flight until finished, in the order they started. */
function heldCalls(limit: AdaptiveLimit, count: number) {
  const release: (() => void)[] = [];
  const calls: Promise<void>[] = [];
  const start = () => calls.push(limit.run(() => new Promise<void>((resolve) => release.push(resolve)), overloaded));
  for (let i = 0; i < count; i++) start();
  return {
    start,
    finish: async (index: number) => {
      release[index]!();
      await calls[index];
    },
    finishAll: async () => {
      for (const resolve of release) resolve();
      await Promise.all(calls);
    },
  };
}

/** One call the provider refuses as overloaded. */
const refuse = (limit: AdaptiveLimit) => limit.run(async () => Promise.reject(new Overloaded()), overloaded).catch(() => undefined);

describe("AdaptiveLimit", () => {
  it.each([
    { capacity: 8, max: 16, initial: 2 },
    { capacity: 4, max: 16, initial: 16 },
    { capacity: 12, max: 16, initial: 1 },
  ])("converges near a provider limit of $capacity (start $initial, ceiling $max), and every call succeeds", async ({ capacity, max, initial }) => {
    const limit = new AdaptiveLimit({ initial, max });
    const { call, seen } = provider(capacity);
    await drive(limit, call, 600, max);
    const { limit: final, highest } = limit.stats();
    expect(final).toBeGreaterThanOrEqual(Math.floor(capacity / 2));
    expect(final).toBeLessThanOrEqual(capacity + 1);
    expect(highest).toBeGreaterThanOrEqual(capacity);
    // Refusals are the probing at the edge, not a steady share of the traffic.
    expect(seen.refused).toBeLessThan(600 / 4);
  });

  it("doubles each round until the first refusal (slow start)", async () => {
    const limit = new AdaptiveLimit({ initial: 2, max: 64 });
    for (const expected of [4, 8, 16]) {
      const round = limit.stats().limit;
      await Promise.all(Array.from({ length: round }, () => limit.run(async () => undefined, overloaded)));
      expect(limit.stats().limit).toBe(expected);
    }
  });

  it("never goes above its ceiling, however well calls go", async () => {
    const limit = new AdaptiveLimit({ initial: 1, max: 5 });
    const { call, seen } = provider(100);
    await drive(limit, call, 300, 20);
    expect(seen.maxInFlight).toBeLessThanOrEqual(5);
    expect(limit.stats().limit).toBe(5);
  });

  it("halves once for a burst of refusals from calls started together, and ignores other failures", async () => {
    const limit = new AdaptiveLimit({ initial: 8, max: 16 });
    await Promise.allSettled(Array.from({ length: 8 }, () => limit.run(async () => Promise.reject(new Overloaded()), overloaded)));
    expect(limit.stats()).toMatchObject({ limit: 4, decreases: 1 });
    await limit.run(async () => Promise.reject(new Error("bad request")), overloaded).catch(() => undefined);
    expect(limit.stats()).toMatchObject({ limit: 4, decreases: 1 });
  });

  it("leaving slow start goes back to the most calls it saw succeed at once, when that is more than half", async () => {
    const limit = new AdaptiveLimit({ initial: 8, max: 16 });
    const calls = heldCalls(limit, 8);
    // The eighth of eight calls in flight succeeds: the limit grows to 9; an eighth call takes its
    // place, and the ninth is refused.
    await calls.finish(7);
    expect(limit.stats().limit).toBe(9);
    calls.start();
    await refuse(limit);
    expect(limit.stats()).toMatchObject({ limit: 8, decreases: 1 });
    await calls.finishAll();
  });

  it("shrinks below the calls in flight when the provider refused one that made fewer", async () => {
    const limit = new AdaptiveLimit({ initial: 16, max: 16 });
    const calls = heldCalls(limit, 10);
    await calls.finish(9);
    // Ten succeeded together, but a provider that now refuses the tenth call in flight takes nine at most.
    await refuse(limit);
    expect(limit.stats()).toMatchObject({ limit: 9, decreases: 1 });
    await calls.finishAll();
  });

  it("after slow start keeps 70% on a refusal instead of halving", async () => {
    const limit = new AdaptiveLimit({ initial: 10, max: 16 });
    await refuse(limit);
    expect(limit.stats()).toMatchObject({ limit: 5, decreases: 1 });
    await Promise.all(Array.from({ length: 5 }, () => limit.run(async () => undefined, overloaded)));
    const before = limit.stats().limit;
    await refuse(limit);
    // About 6 (5 plus a fifth a call) → 70% is 4, where halving would have left 2 or 3.
    expect(before).toBe(5);
    expect(limit.stats()).toMatchObject({ limit: 4, decreases: 2 });
  });
});
