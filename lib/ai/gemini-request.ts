import { STATUS_CODES } from "node:http";
import { ApiError, GenerateContentResponse, ThinkingLevel, type GenerateContentConfig } from "@google/genai";
import { RESPONSE_JSON_SCHEMA, SYSTEM_INSTRUCTION } from "./prompt";
import type { TokenUsage } from "./types";

/**
 * What the interactive analyzer and the batch client share: the one generateContent request,
 * how an answer's text and token usage are read, and which failures are worth trying again.
 */

export const THINKING_LEVELS = ["minimal", "low", "medium", "high"] as const;
export type ThinkingLevelName = (typeof THINKING_LEVELS)[number];

const THINKING: Record<ThinkingLevelName, ThinkingLevel> = {
  minimal: ThinkingLevel.MINIMAL,
  low: ThinkingLevel.LOW,
  medium: ThinkingLevel.MEDIUM,
  high: ThinkingLevel.HIGH,
};

/** The configuration of every judgement request, interactive or batched. Gemini 3 ignores temperature. */
export function generateContentConfig(thinkingLevel: ThinkingLevelName = "low"): GenerateContentConfig {
  return {
    systemInstruction: SYSTEM_INSTRUCTION,
    responseMimeType: "application/json",
    responseJsonSchema: RESPONSE_JSON_SCHEMA,
    thinkingConfig: { thinkingLevel: THINKING[thinkingLevel] },
  };
}

/**
 * The same request in the REST wire format (GenerateContentRequest), as the SDK would send it: the
 * lines of an uploaded batch file are not converted by the SDK.
 */
export function wireRequest(prompt: string, thinkingLevel?: ThinkingLevelName) {
  const { systemInstruction, ...generationConfig } = generateContentConfig(thinkingLevel);
  return {
    contents: [{ role: "user", parts: [{ text: prompt }] }],
    systemInstruction: { role: "user", parts: [{ text: systemInstruction as string }] },
    generationConfig,
  };
}

export const NO_USAGE: TokenUsage = { promptTokens: 0, outputTokens: 0, thinkingTokens: 0, calls: 0 };

export const addUsage = (a: TokenUsage, b: TokenUsage): TokenUsage => ({
  promptTokens: a.promptTokens + b.promptTokens,
  outputTokens: a.outputTokens + b.outputTokens,
  thinkingTokens: a.thinkingTokens + b.thinkingTokens,
  calls: a.calls + b.calls,
});

/** One response's usage; thinking tokens are counted apart from the answer's (and billed as output). */
export function responseUsage(response: Pick<GenerateContentResponse, "usageMetadata">): TokenUsage {
  const usage = response.usageMetadata;
  return {
    promptTokens: usage?.promptTokenCount ?? 0,
    outputTokens: usage?.candidatesTokenCount ?? 0,
    thinkingTokens: usage?.thoughtsTokenCount ?? 0,
    calls: 1,
  };
}

/** An answer with no text: the prompt or the candidate was blocked (safety, recitation, …). */
export class BlockedAnswer extends Error {
  constructor(readonly reason: string | undefined) {
    super(`Gemini blocked the answer${reason ? ` (${reason})` : ""}`);
  }
}

export const INVALID_ANSWER = "Gemini's answer was not valid JSON of the expected shape";

/** The answer's text; a response without any is a blocked one. Accepts the SDK's plain objects too (batch results). */
export function answerText(response: GenerateContentResponse): string {
  const typed = response instanceof GenerateContentResponse ? response : Object.assign(new GenerateContentResponse(), response);
  const text = typed.text;
  if (text) return text;
  throw new BlockedAnswer(typed.promptFeedback?.blockReason ?? typed.candidates?.[0]?.finishReason);
}

/** HTTP statuses that say "not now" rather than "not this". */
export const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

export const isTimeout = (error: unknown) => error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");

/** fetch's own failure before any HTTP status (refused, reset, DNS); not any TypeError, which may be a bug. */
const isNetworkFailure = (error: unknown) => error instanceof TypeError && error.message === "fetch failed";

/** A failure of the batch client that is not an HTTP error (a missing name, an upload that did not finish). */
export class GeminiBatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GeminiBatchError";
  }
}

/** Gemini turned the request down as such (a 4xx other than a timeout or a rate limit): sent again, it is turned down again, and nothing was created. */
export function isRefusedGeminiRequest(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500 && !RETRYABLE_STATUS.has(error.status) && error.status !== 408;
}

export const httpStatus = (status: number) => `HTTP ${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ""}`;

/**
 * A failure in words fit for a log line or a run's error: the status, never the response body
 * (which may quote the request).
 */
export function describeGeminiError(error: unknown): string {
  if (error instanceof ApiError) return `Gemini answered ${httpStatus(error.status)}`;
  if (error instanceof GeminiBatchError) return error.message;
  if (isTimeout(error)) return "Gemini did not answer in time";
  if (isNetworkFailure(error)) return "Gemini could not be reached";
  return "Gemini's client failed unexpectedly";
}
