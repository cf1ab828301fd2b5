export type RetryDecision = { retry: false } | { retry: true; serverDelayMs?: number };

export type RetryOptions = {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs?: number;
  classify: (error: unknown) => RetryDecision;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The delay before retry number `retry` (1-based). When the server says how long to wait
 * (RetryInfo), that, plus up to 10% so that calls refused together do not all come back at once;
 * otherwise exponential with "equal jitter" (half fixed, half random).
 */
export function backoffDelay(retry: number, options: Pick<RetryOptions, "baseDelayMs" | "maxDelayMs" | "random">, serverDelayMs = 0): number {
  const random = (options.random ?? Math.random)();
  if (serverDelayMs > 0) return Math.round(serverDelayMs * (1 + 0.1 * random));
  const exponential = Math.min(options.baseDelayMs * 2 ** (retry - 1), options.maxDelayMs ?? 60_000);
  return Math.round(exponential / 2 + (exponential / 2) * random);
}

/** Runs `task` until it succeeds, a failure is not retryable, or the attempts run out (then the last error is thrown). */
export async function withRetry<T>(task: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await task(attempt);
    } catch (error) {
      const decision = options.classify(error);
      if (!decision.retry || attempt >= options.attempts) throw error;
      await sleep(backoffDelay(attempt, options, decision.serverDelayMs));
    }
  }
}
