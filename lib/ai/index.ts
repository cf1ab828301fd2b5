import { env } from "@/lib/env";
import { createGeminiAnalyzer } from "./gemini";
import { createGeminiBatchClient, type GeminiBatchClient } from "./gemini-batch";
import { createOfflineAnalyzer } from "./offline";
import type { IntentAnalyzer } from "./types";

let analyzer: IntentAnalyzer | undefined;

/** Gemini when GEMINI_API_KEY is set, otherwise the offline analyzer. */
export function getAnalyzer(): IntentAnalyzer {
  analyzer ??= env.GEMINI_API_KEY
    ? createGeminiAnalyzer({
        apiKey: env.GEMINI_API_KEY,
        model: env.GEMINI_MODEL,
        baseUrl: env.GEMINI_BASE_URL,
        batchSize: env.GEMINI_BATCH_SIZE,
        maxConcurrency: env.GEMINI_MAX_CONCURRENCY,
        maxAttempts: env.GEMINI_MAX_ATTEMPTS,
        timeoutMs: env.GEMINI_TIMEOUT_MS,
        retryBaseMs: env.GEMINI_RETRY_BASE_MS,
        thinkingLevel: env.GEMINI_THINKING_LEVEL,
      })
    : createOfflineAnalyzer();
  return analyzer;
}

let batchClient: GeminiBatchClient | undefined;

/** The Gemini Batch API client when GEMINI_API_KEY is set; without a key there is no batch mode. */
export function getGeminiBatchClient(): GeminiBatchClient | undefined {
  if (!env.GEMINI_API_KEY) return undefined;
  batchClient ??= createGeminiBatchClient({
    apiKey: env.GEMINI_API_KEY,
    model: env.GEMINI_MODEL,
    baseUrl: env.GEMINI_BASE_URL,
    timeoutMs: env.GEMINI_TIMEOUT_MS,
    thinkingLevel: env.GEMINI_THINKING_LEVEL,
  });
  return batchClient;
}
