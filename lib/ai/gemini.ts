import { STATUS_CODES } from "node:http";
import { ApiError, GoogleGenAI, ThinkingLevel, type GenerateContentResponse } from "@google/genai";
import { AdaptiveLimit } from "./adaptive-limit";
import { analyzeOffline, OFFLINE_MODEL, offerTerms, type OfferTerms } from "./offline";
import { buildPrompt, parseAnswer, RESPONSE_JSON_SCHEMA, SYSTEM_INSTRUCTION, type ParsedAnswer } from "./prompt";
import { withRetry, type RetryDecision } from "./retry";
import type { AiJudgement, AnalyzerLead, AnalyzerOffer, IntentAnalyzer } from "./types";

export const THINKING_LEVELS = ["minimal", "low", "medium", "high"] as const;
export type ThinkingLevelName = (typeof THINKING_LEVELS)[number];

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

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

const THINKING: Record<ThinkingLevelName, ThinkingLevel> = {
  minimal: ThinkingLevel.MINIMAL,
  low: ThinkingLevel.LOW,
  medium: ThinkingLevel.MEDIUM,
  high: ThinkingLevel.HIGH,
};

/** An answer with no text: the prompt or the candidate was blocked (safety, recitation, …). */
class BlockedAnswer extends Error {
  constructor(readonly reason: string | undefined) {
    super(`Gemini blocked the answer${reason ? ` (${reason})` : ""}`);
  }
}

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

const isTimeout = (error: unknown) => error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");

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
    const status = `HTTP ${error.status}${STATUS_CODES[error.status] ? ` ${STATUS_CODES[error.status]}` : ""}`;
    return classify(error).retry ? `Gemini kept failing (${status}) after ${attempts} attempts` : `Gemini refused the request (${status})`;
  }
  if (error instanceof BlockedAnswer) return error.message;
  if (isTimeout(error)) return `Gemini did not answer in time after ${attempts} attempts`;
  return `Gemini could not be reached after ${attempts} attempts`;
}

function answerText(response: GenerateContentResponse): string {
  const text = response.text;
  if (text) return text;
  throw new BlockedAnswer(response.promptFeedback?.blockReason ?? response.candidates?.[0]?.finishReason);
}

type BatchOutcome = { answers: ParsedAnswer; problem?: string } | { failed: string };

export function createGeminiAnalyzer(config: GeminiConfig): IntentAnalyzer {
  const ai = new GoogleGenAI({ apiKey: config.apiKey, httpOptions: { baseUrl: config.baseUrl, timeout: config.timeoutMs } });
  const generate = async (prompt: string) =>
    answerText(
      await ai.models.generateContent({
        model: config.model,
        contents: prompt,
        config: {
          systemInstruction: SYSTEM_INSTRUCTION,
          responseMimeType: "application/json",
          responseJsonSchema: RESPONSE_JSON_SCHEMA,
          thinkingConfig: { thinkingLevel: THINKING[config.thinkingLevel ?? "low"] },
        },
      }),
    );

  // Shared by every scoring run in this process, so concurrent runs together find and keep to the
  // provider's limit instead of each guessing at it.
  const inFlight = new AdaptiveLimit({ initial: Math.min(4, config.maxConcurrency), max: config.maxConcurrency });

  /** One generateContent call (with retries) for some leads; never throws. */
  async function ask(offer: AnalyzerOffer, leads: readonly AnalyzerLead[]): Promise<BatchOutcome> {
    let text: string;
    try {
      text = await withRetry(
        () => inFlight.run(() => generate(buildPrompt(offer, leads)), isOverloaded),
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
      return { answers: new Map(), problem: "Gemini's answer was not valid JSON of the expected shape" };
    }
  }

  const judged = (answer: { intent: AiJudgement["intent"]; reasoning: string }): AiJudgement => ({
    ...answer,
    provider: "gemini",
    model: config.model,
  });

  // The run goes on when Gemini cannot judge a lead, and says so: the offline analyzer's verdict,
  // labelled as a fallback, with the reason in the reasoning.
  const fallback = (terms: OfferTerms, lead: AnalyzerLead, why: string): AiJudgement => {
    const offline = analyzeOffline(terms, lead);
    return {
      intent: offline.intent,
      reasoning: `${why}, so the offline analyzer scored this lead: ${offline.reasoning}`,
      provider: "fallback",
      model: OFFLINE_MODEL,
    };
  };

  return {
    provider: "gemini",
    model: config.model,
    batchSize: config.batchSize,
    concurrency: config.maxConcurrency,
    stats: () => inFlight.stats(),
    async analyze(offer, leads) {
      const terms = offerTerms(offer);
      const judgements = new Map<number, AiJudgement>();
      const outcome = await ask(offer, leads);
      if ("failed" in outcome) {
        for (const lead of leads) judgements.set(lead.id, fallback(terms, lead, outcome.failed));
        return judgements;
      }
      for (const lead of leads) {
        const answer = outcome.answers.get(lead.id);
        if (answer) {
          judgements.set(lead.id, judged(answer));
          continue;
        }
        // Missing or invalid in the batch answer: ask about this lead on its own.
        const alone = leads.length > 1 ? await ask(offer, [lead]) : outcome;
        const single = "failed" in alone ? undefined : alone.answers.get(lead.id);
        judgements.set(
          lead.id,
          single
            ? judged(single)
            : fallback(terms, lead, "failed" in alone ? alone.failed : (alone.problem ?? "Gemini's answer left this lead out")),
        );
      }
      return judgements;
    },
  };
}
