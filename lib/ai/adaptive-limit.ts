/**
 * A concurrency limit that finds the provider's own (AIMD, as TCP does): until the provider first
 * says it is overloaded it doubles each round of calls (slow start), after that it grows by about
 * one slot per round. When the provider says it is overloaded (429, 503) it shrinks — once per
 * round: calls already in flight then do not shrink it again. It goes back to the most calls it
 * has seen succeed at once since it last shrank — the provider's own limit, when that is what
 * refused — but always loses at least one slot, and keeps at least half leaving slow start (the
 * doubling overshot by up to half) and 70% after it (CUBIC's factor): a provider that keeps
 * refusing pulls it down round by round.
 * One is shared by every scoring run in a process.
 */
export type AdaptiveLimitOptions = { initial: number; max: number; min?: number };

export type AdaptiveLimitStats = { limit: number; highest: number; inFlight: number; decreases: number };

/** What is kept of the limit on a refusal once out of slow start. */
const DECREASE = 0.7;

export class AdaptiveLimit {
  private limit: number;
  private highest: number;
  private inFlight = 0;
  private epoch = 0;
  private decreases = 0;
  /** The most calls in flight at once when one succeeded, since the limit last shrank. */
  private succeededAt = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly max: number;
  private readonly min: number;

  constructor({ initial, max, min = 1 }: AdaptiveLimitOptions) {
    this.max = max;
    this.min = min;
    this.limit = Math.min(Math.max(initial, min), max);
    this.highest = this.limit;
  }

  stats(): AdaptiveLimitStats {
    return { limit: Math.floor(this.limit), highest: Math.floor(this.highest), inFlight: this.inFlight, decreases: this.decreases };
  }

  /** Runs `task` when a slot is free; `overloaded` tells a provider's "slow down" from other failures. */
  async run<T>(task: () => Promise<T>, overloaded: (error: unknown) => boolean): Promise<T> {
    while (this.inFlight >= Math.floor(this.limit)) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.inFlight++;
    const epoch = this.epoch;
    const together = this.inFlight;
    try {
      const result = await task();
      if (epoch === this.epoch) this.succeededAt = Math.max(this.succeededAt, together);
      this.limit = Math.min(this.max, this.limit + (this.decreases === 0 ? 1 : 1 / this.limit));
      this.highest = Math.max(this.highest, this.limit);
      return result;
    } catch (error) {
      if (overloaded(error) && epoch === this.epoch) {
        const floor = this.decreases === 0 ? this.limit / 2 : this.limit * DECREASE;
        // The provider refused the call that made `together` in flight: it took one fewer at most.
        this.limit = Math.max(this.min, floor, Math.min(this.limit - 1, this.succeededAt, together - 1));
        this.succeededAt = 0;
        this.epoch++;
        this.decreases++;
      }
      throw error;
    } finally {
      this.inFlight--;
      // Wake as many waiters as there are free slots (the limit may have grown by one).
      for (let free = Math.floor(this.limit) - this.inFlight; free > 0 && this.waiting.length > 0; free--) this.waiting.shift()!();
    }
  }
}
