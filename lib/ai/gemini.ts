import {
  GoogleGenerativeAI,
  GoogleGenerativeAIAbortError,
  GoogleGenerativeAIError,
  GoogleGenerativeAIFetchError,
  GoogleGenerativeAIResponseError,
  type GenerativeModel,
} from "@google/generative-ai";
import pLimit from "p-limit";
import { analyzeOffline, OFFLINE_MODEL, offerTerms, type OfferTerms } from "./offline";
import { buildPrompt, parseAnswer, RESPONSE_SCHEMA, SYSTEM_INSTRUCTION, type ParsedAnswer } from "./prompt";
import { withRetry, type RetryDecision } from "./retry";
import type { AiJudgement, AnalyzerLead, AnalyzerOffer, IntentAnalyzer } from "./types";

export type GeminiConfig = {
  apiKey: string;
  model: string;
  baseUrl?: string;
  batchSize: number;
  concurrency: number;
  maxAttempts: number;
  timeoutMs: number;
  retryBaseMs: number;
  /** For tests: replaces the wait between retries. */
  sleep?: (ms: number) => Promise<void>;
};

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

/** "1.5s" (protobuf Duration JSON) → 1500. */
function parseDuration(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const match = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}

function serverRetryDelay(error: GoogleGenerativeAIFetchError): number | undefined {
  const retryInfo = error.errorDetails?.find((detail) => String(detail["@type"] ?? "").endsWith("google.rpc.RetryInfo"));
  return parseDuration(retryInfo?.["retryDelay"]);
}

function classify(error: unknown): RetryDecision {
  if (error instanceof GoogleGenerativeAIFetchError) {
    return error.status !== undefined && RETRYABLE_STATUS.has(error.status)
      ? { retry: true, serverDelayMs: serverRetryDelay(error) }
      : { retry: false };
  }
  // Timeouts, and network failures before any HTTP status (connection reset, refused).
  if (error instanceof GoogleGenerativeAIAbortError) return { retry: true };
  if (error instanceof GoogleGenerativeAIError && !(error instanceof GoogleGenerativeAIResponseError)) {
    return { retry: true };
  }
  return { retry: false };
}

function describeFailure(error: unknown, attempts: number): string {
  if (error instanceof GoogleGenerativeAIFetchError) {
    const status = `HTTP ${error.status ?? "error"}${error.statusText ? ` ${error.statusText}` : ""}`;
    return classify(error).retry ? `Gemini kept failing (${status}) after ${attempts} attempts` : `Gemini refused the request (${status})`;
  }
  if (error instanceof GoogleGenerativeAIAbortError) return `Gemini did not answer in time after ${attempts} attempts`;
  if (error instanceof GoogleGenerativeAIResponseError) {
    const reason = error.response?.promptFeedback?.blockReason ?? error.response?.candidates?.[0]?.finishReason;
    return `Gemini blocked the answer${reason ? ` (${reason})` : ""}`;
  }
  if (error instanceof GoogleGenerativeAIError) return `Gemini could not be reached after ${attempts} attempts`;
  return "Gemini failed unexpectedly";
}

type BatchOutcome = { answers: ParsedAnswer; problem?: string } | { failed: string };

export function createGeminiAnalyzer(config: GeminiConfig): IntentAnalyzer {
  const model: GenerativeModel = new GoogleGenerativeAI(config.apiKey).getGenerativeModel(
    {
      model: config.model,
      systemInstruction: SYSTEM_INSTRUCTION,
      generationConfig: { responseMimeType: "application/json", responseSchema: RESPONSE_SCHEMA },
    },
    { baseUrl: config.baseUrl, timeout: config.timeoutMs },
  );

  // Shared by every scoring run in this process, so concurrent runs together stay within the limit.
  const inFlight = pLimit(config.concurrency);

  /** One generateContent call (with retries) for some leads; never throws. */
  async function ask(offer: AnalyzerOffer, leads: readonly AnalyzerLead[]): Promise<BatchOutcome> {
    let text: string;
    try {
      text = await withRetry(
        () => inFlight(async () => (await model.generateContent(buildPrompt(offer, leads))).response.text()),
        { attempts: config.maxAttempts, baseDelayMs: config.retryBaseMs, classify, sleep: config.sleep },
      );
    } catch (error) {
      // A safety block concerns what is in this batch; asking about each lead alone can still succeed.
      if (error instanceof GoogleGenerativeAIResponseError) return { answers: new Map(), problem: describeFailure(error, 1) };
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
    concurrency: config.concurrency,
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
