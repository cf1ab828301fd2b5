/**
 * When a failed delivery is tried again: Svix's schedule, the first retry within seconds. After the
 * last retry fails the delivery is given up (status failed). Each wait varies by ±10 %, so a
 * receiver that was down is not hit by every retry at the same instant.
 */
export const RETRY_DELAYS_MS = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000] as const;

/** Attempts in all: the first and one per retry. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** How long after failed attempt number `attempt` (1-based) to try again; undefined when that was the last. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number | undefined {
  const base = RETRY_DELAYS_MS[attempt - 1];
  return base === undefined ? undefined : Math.round(base * (0.9 + 0.2 * random()));
}

/** An endpoint whose every attempt has failed for this long is disabled. */
export const DISABLE_AFTER_FAILING_MS = 24 * 3_600_000;
