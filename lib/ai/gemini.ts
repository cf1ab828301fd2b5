import { ApiError, GoogleGenAI } from "@google/genai";
import { AdaptiveLimit } from "./adaptive-limit";
import {
  addUsage,
  answerText,
  BlockedAnswer,
  generateContentConfig,
  httpStatus,
  INVALID_ANSWER,
  isTimeout,
  NO_USAGE,
  responseUsage,
  RETRYABLE_STATUS,
  type ThinkingLevelName,
} from "./gemini-request";
import { fallbackJudgement } from "./fallback";
import { offerTerms, type OfferTerms } from "./offline";
import { buildPrompt, parseAnswer, type ParsedAnswer } from "./prompt";
import { withRetry, type RetryDecision } from "./retry";
import type { AiJudgement, AnalyzerLead, AnalyzerOffer, IntentAnalyzer, TokenUsage } from "./types";

export { THINKING_LEVELS, type ThinkingLevelName } from "./gemini-request";

export type GeminiConfig = {
  apiKey: string;
  model: string;
  baseUrl?: string;
  batchSize: number;
  /** Requests in flight start low and grow while Gemini keeps up; never more than this. */
  maxConcurrency: number;
  maxAttempts: number;
  timeoutMs: number;
  retryBaseMs: number;
  /** Gemini 3 ignores temperature; how hard it thinks is what can be set. */
  thinkingLevel?: ThinkingLevelName;
  /** For tests: replaces the wait between retries. */
  sleep?: (ms: number) => Promise<void>;
};

/** "1.5s" (protobuf Duration JSON) → 1500. */
function parseDuration(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const match = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}

/** The SDK puts the error body, JSON, in the message; its RetryInfo says how long to wait. */
function serverRetryDelay(error: ApiError): number | undefined {
  try {
    const details = (JSON.parse(error.message) as { error?: { details?: Record<string, unknown>[] } }).error?.details;
    const retryInfo = details?.find((detail) => String(detail["@type"] ?? "").endsWith("google.rpc.RetryInfo"));
    return parseDuration(retryInfo?.["retryDelay"]);
  } catch {
    return undefined;
  }
}

/** Gemini's "slow down": too many requests, or overloaded. */
const isOverloaded = (error: unknown) => error instanceof ApiError && (error.status === 429 || error.status === 503);

function classify(error: unknown): RetryDecision {
  if (error instanceof ApiError) {
    return RETRYABLE_STATUS.has(error.status) ? { retry: true, serverDelayMs: serverRetryDelay(error) } : { retry: false };
  }
  if (error instanceof BlockedAnswer) return { retry: false };
  // Timeouts, and network failures before any HTTP status (connection reset, refused).
  return { retry: true };
}

function describeFailure(error: unknown, attempts: number): string {
  if (error instanceof ApiError) {
    const status = httpStatus(error.status);
    return classify(error).retry ? `Gemini kept failing (${status}) after ${attempts} attempts` : `Gemini refused the request (${status})`;
  }
  if (error instanceof BlockedAnswer) return error.message;
  if (isTimeout(error)) return `Gemini did not answer in time after ${attempts} attempts`;
  return `Gemini could not be reached after ${attempts} attempts`;
}

type BatchOutcome = { answers: ParsedAnswer; problem?: string } | { failed: string };

export function createGeminiAnalyzer(config: GeminiConfig): IntentAnalyzer {
  const ai = new GoogleGenAI({ apiKey: config.apiKey, httpOptions: { baseUrl: config.baseUrl, timeout: config.timeoutMs } });
  /** One call; every response counts towards `usage`, even one whose answer turns out blocked or invalid. */
  const generate = async (prompt: string, usage: { total: TokenUsage }) => {
    const response = await ai.models.generateContent({ model: config.model, contents: prompt, config: generateContentConfig(config.thinkingLevel) });
    usage.total = addUsage(usage.total, responseUsage(response));
    return answerText(response);
  };

  // Shared by every scoring run in this process, so concurrent runs together find and keep to the
  // provider's limit instead of each guessing at it. It starts at half the ceiling (8 of the default
  // 16: even Gemini's free tier takes that many requests in its first minute) and slow start finds
  // the rest within a round or two.
  const inFlight = new AdaptiveLimit({ initial: Math.ceil(config.maxConcurrency / 2), max: config.maxConcurrency });

  /** One generateContent call (with retries) for some leads; never throws. */
  async function ask(offer: AnalyzerOffer, leads: readonly AnalyzerLead[], usage: { total: TokenUsage }): Promise<BatchOutcome> {
    let text: string;
    try {
      const prompt = buildPrompt(offer, leads);
      text = await withRetry(
        () => inFlight.run(() => generate(prompt, usage), isOverloaded),
        { attempts: config.maxAttempts, baseDelayMs: config.retryBaseMs, classify, sleep: config.sleep },
      );
    } catch (error) {
      // A safety block concerns what is in this batch; asking about each lead alone can still succeed.
      if (error instanceof BlockedAnswer) return { answers: new Map(), problem: describeFailure(error, 1) };
      return { failed: describeFailure(error, config.maxAttempts) };
    }
    try {
      return { answers: parseAnswer(text, new Set(leads.map((lead) => lead.id))) };
    } catch {
      return { answers: new Map(), problem: INVALID_ANSWER };
    }
  }

  const judged = (answer: { intent: AiJudgement["intent"]; reasoning: string }): AiJudgement => ({
    ...answer,
    provider: "gemini",
    model: config.model,
  });

  /** Every lead's judgement: from the batch answer, else from asking about the lead alone, else the fallback. */
  async function judge(offer: AnalyzerOffer, leads: readonly AnalyzerLead[], usage: { total: TokenUsage }) {
    // The offer's terms are only needed for a fallback, which most batches never use.
    let terms: OfferTerms | undefined;
    const fallback = (lead: AnalyzerLead, reason: string) => fallbackJudgement((terms ??= offerTerms(offer)), lead, reason);
    const judgements = new Map<number, AiJudgement>();
    const outcome = await ask(offer, leads, usage);
    if ("failed" in outcome) {
      for (const lead of leads) judgements.set(lead.id, fallback(lead, outcome.failed));
      return judgements;
    }
    for (const lead of leads) {
      const answer = outcome.answers.get(lead.id);
      if (answer) {
        judgements.set(lead.id, judged(answer));
        continue;
      }
      // Missing or invalid in the batch answer: ask about this lead on its own.
      const alone = leads.length > 1 ? await ask(offer, [lead], usage) : outcome;
      const single = "failed" in alone ? undefined : alone.answers.get(lead.id);
      judgements.set(
        lead.id,
        single
          ? judged(single)
          : fallback(lead, "failed" in alone ? alone.failed : (alone.problem ?? "Gemini's answer left this lead out")),
      );
    }
    return judgements;
  }

  return {
    provider: "gemini",
    model: config.model,
    batchSize: config.batchSize,
    concurrency: config.maxConcurrency,
    stats: () => inFlight.stats(),
    async analyze(offer, leads, options) {
      const usage = { total: NO_USAGE };
      try {
        return await judge(offer, leads, usage);
      } finally {
        if (usage.total.calls > 0) options?.onUsage?.(usage.total);
      }
    },
  };
}
