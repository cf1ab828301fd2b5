import type { TokenUsage } from "./types";

/**
 * What Gemini charges, in USD per 1M tokens, per model (paid tier, standard rates). Thinking tokens
 * are billed as output; the Batch API costs half of these rates.
 *
 * Source: Google's Gemini Developer API pricing page, https://ai.google.dev/gemini-api/docs/pricing,
 * read on 2026-11-26 through a verbatim transcription of it dated 2026-10-07
 * (https://raw.githubusercontent.com/api-evangelist/deepmind/refs/heads/main/plans/deepmind-plans-pricing.yml);
 * the page itself could not be fetched from here. Update the rates and both dates together.
 *
 * `null`: the model is current but its two rates could not both be found. Not guessed: no estimate.
 */
export const GEMINI_PRICES: Readonly<Record<string, readonly PricePeriod[] | null>> = {
  "gemini-3.8-flash": [
    // "$0.75 through December 31, 2026" / "$3.75 through December 31, 2026".
    { inputPerMillion: 0.75, outputPerMillion: 3.75 },
    // "$1.50 starting January 1, 2027" / "$7.50 starting January 1, 2027".
    { from: "2027-01-01", inputPerMillion: 1.5, outputPerMillion: 7.5 },
  ],
  "gemini-3.5-flash": [{ inputPerMillion: 1.5, outputPerMillion: 9 }],
  // Input "$0.30 (text / image / video / audio)".
  "gemini-3.5-flash-lite": [{ inputPerMillion: 0.3, outputPerMillion: 2.5 }],
  // Prompts up to 200k tokens ($4.00 / $18.00 above): one request of ours is far below that.
  "gemini-3.1-pro-preview": [{ inputPerMillion: 2, outputPerMillion: 12 }],
  // Only the input rate was found ($1.25 for prompts up to 200k tokens).
  "gemini-2.5-pro": null,
  // Only the input rate was found ($0.30 text / image / video).
  "gemini-2.5-flash": null,
  // Only the output rate was found ($0.40).
  "gemini-2.5-flash-lite": null,
};

/** A model's rates from `from` (a UTC date, inclusive) until the next period's; the first has none. */
export type PricePeriod = { from?: string; inputPerMillion: number; outputPerMillion: number };

export const BATCH_DISCOUNT = 0.5;

/**
 * The estimated cost of some usage, or null when the model has no price here (an unknown model, one
 * whose price was not found, the offline analyzer). `at` picks the rates in force (today by default).
 */
export function estimateCostUsd(model: string, usage: TokenUsage, mode: "interactive" | "batch", at: Date = new Date()): number | null {
  const id = model.replace(/^models\//, "");
  const periods = Object.hasOwn(GEMINI_PRICES, id) ? GEMINI_PRICES[id] : null;
  if (!periods) return null;
  const day = at.toISOString().slice(0, 10);
  const rate = periods.filter((period) => !period.from || period.from <= day).at(-1);
  if (!rate) return null;
  const usd = (usage.promptTokens * rate.inputPerMillion + (usage.outputTokens + usage.thinkingTokens) * rate.outputPerMillion) / 1_000_000;
  return mode === "batch" ? usd * BATCH_DISCOUNT : usd;
}
