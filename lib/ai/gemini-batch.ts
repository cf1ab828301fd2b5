import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { GoogleGenAI, JobState, type GenerateContentResponse, type InlinedRequest } from "@google/genai";
import {
  addUsage,
  answerText,
  BlockedAnswer,
  generateContentConfig,
  GeminiBatchError,
  INVALID_ANSWER,
  NO_USAGE,
  responseUsage,
  wireRequest,
  type ThinkingLevelName,
} from "./gemini-request";
import { buildPrompt, parseAnswer, type ParsedAnswer } from "./prompt";
import type { AnalyzerLead, AnalyzerOffer, TokenUsage } from "./types";

export { describeGeminiError, GeminiBatchError, isRefusedGeminiRequest } from "./gemini-request";

/**
 * The Gemini Batch API (half price, answered within 24 hours): one generateContent request per
 * item, submitted inline or, when too large for that, as an uploaded JSONL file; polled by name.
 * Errors are thrown as they are, for the durable worker: `isRefusedGeminiRequest` tells a request
 * Google turned down as such (sent again, it is turned down again) from a failure a later attempt
 * may get past (429, 5xx, network, timeouts).
 */

export type BatchItem = { key: string; leads: readonly AnalyzerLead[] };
export type BatchState = "pending" | "running" | "succeeded" | "failed" | "cancelled" | "expired";
/**
 * `answers` holds every valid result in the item's answer, keyed by lead id: the caller keeps those
 * of the item's leads (the batch answer does not say which leads an item asked about).
 */
export type BatchItemResult = { answers: ParsedAnswer } | { problem: string };
export type BatchStatus = {
  state: BatchState;
  /** Why a batch failed or expired. */
  error?: string;
  /** Only when succeeded: every key found in the output; a key Google left out is absent. */
  results?: Map<string, BatchItemResult>;
  /** Only when succeeded: summed over every response in the output. */
  usage?: TokenUsage;
};

export interface GeminiBatchClient {
  submit(offer: AnalyzerOffer, items: readonly BatchItem[], displayName: string): Promise<{ name: string }>;
  /** The job submitted under `displayName`, among the first FIND_LIMIT jobs the project's list gives; undefined if none. */
  find(displayName: string): Promise<{ name: string } | undefined>;
  check(name: string): Promise<BatchStatus>;
  cancel(name: string): Promise<void>;
}

export type GeminiBatchConfig = {
  apiKey: string;
  model: string;
  baseUrl?: string;
  timeoutMs: number;
  thinkingLevel?: ThinkingLevelName;
  /** Requests larger than this together go in an uploaded file instead of the create call. */
  inlineLimitBytes?: number;
};

/** How many of the project's jobs `find` looks through (the list's order is not documented, so not just the newest). */
export const FIND_LIMIT = 10_000;

/** Google documents 20 MB for inlined requests; this leaves room for the envelope around them. */
export const DEFAULT_INLINE_LIMIT_BYTES = 19_000_000;

const STATES: Partial<Record<string, BatchState>> = {
  [JobState.JOB_STATE_QUEUED]: "pending",
  [JobState.JOB_STATE_PENDING]: "pending",
  [JobState.JOB_STATE_RUNNING]: "running",
  [JobState.JOB_STATE_SUCCEEDED]: "succeeded",
  [JobState.JOB_STATE_PARTIALLY_SUCCEEDED]: "succeeded",
  [JobState.JOB_STATE_FAILED]: "failed",
  [JobState.JOB_STATE_CANCELLED]: "cancelled",
  [JobState.JOB_STATE_EXPIRED]: "expired",
};

/** A state this code does not know (cancelling, updating, a new one) is one to poll again. */
const stateOf = (state: string | undefined): BatchState => STATES[state ?? ""] ?? (state ? "running" : "pending");

/** One item's answer; the usage counts whenever there was a response, however unusable. */
function readItem(entry: { response?: GenerateContentResponse; error?: { code?: number } }): { result: BatchItemResult; usage: TokenUsage } {
  if (!entry.response) {
    const code = entry.error?.code;
    return { result: { problem: `Gemini's batch returned an error for this request${code === undefined ? "" : ` (code ${code})`}` }, usage: NO_USAGE };
  }
  const usage = responseUsage(entry.response);
  let text: string;
  try {
    text = answerText(entry.response);
  } catch (error) {
    if (error instanceof BlockedAnswer) return { result: { problem: error.message }, usage };
    throw error;
  }
  try {
    return { result: { answers: parseAnswer(text) }, usage };
  } catch {
    return { result: { problem: INVALID_ANSWER }, usage };
  }
}

type OutputLine = { key?: string; response?: GenerateContentResponse; error?: { code?: number } };

export function createGeminiBatchClient(config: GeminiBatchConfig): GeminiBatchClient {
  const ai = new GoogleGenAI({ apiKey: config.apiKey, httpOptions: { baseUrl: config.baseUrl, timeout: config.timeoutMs } });
  const inlineLimit = config.inlineLimitBytes ?? DEFAULT_INLINE_LIMIT_BYTES;

  /** Uploads the requests as JSONL (`{"key", "request"}` a line) and answers with the file's name. */
  async function uploadRequests(requests: { key: string; prompt: string }[], displayName: string): Promise<string> {
    const jsonl = requests.map(({ key, prompt }) => `${JSON.stringify({ key, request: wireRequest(prompt, config.thinkingLevel) })}\n`);
    // A Blob, not a temporary file: the leads never touch this machine's disk.
    const file = await ai.files.upload({ file: new Blob(jsonl, { type: "application/jsonl" }), config: { mimeType: "jsonl", displayName } });
    if (!file.name) throw new GeminiBatchError("Gemini did not name the uploaded batch file");
    return file.name;
  }

  /** Streams a responses file (JSONL, `{"key", "response" | "error"}` a line) through a private temporary file. */
  async function* downloadOutput(fileName: string): AsyncGenerator<OutputLine> {
    // The SDK downloads to a path only; the directory is ours alone and removed however this ends.
    const dir = await mkdtemp(path.join(tmpdir(), "intentscore-batch-"));
    try {
      const file = path.join(dir, "responses.jsonl");
      await ai.files.download({ file: fileName, downloadPath: file });
      for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
        if (!line.trim()) continue;
        try {
          yield JSON.parse(line) as OutputLine;
        } catch {
          // A line that is not JSON has no key to report it under: that item is simply missing.
        }
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  return {
    async submit(offer, items, displayName) {
      if (items.length === 0) throw new GeminiBatchError("A batch needs at least one request");
      if (new Set(items.map((item) => item.key)).size !== items.length) throw new GeminiBatchError("Batch keys must be unique");
      const requests = items.map((item) => ({ key: item.key, prompt: buildPrompt(offer, item.leads) }));
      // What the inlined requests weigh on the wire, as the SDK serialises them.
      const inlineBytes = requests.reduce(
        (sum, { key, prompt }) => sum + Buffer.byteLength(JSON.stringify({ request: wireRequest(prompt, config.thinkingLevel), metadata: { key } })) + 1,
        0,
      );
      const src: InlinedRequest[] | string =
        inlineBytes <= inlineLimit
          ? requests.map(({ key, prompt }) => ({ contents: prompt, metadata: { key }, config: generateContentConfig(config.thinkingLevel) }))
          : await uploadRequests(requests, displayName);
      const job = await ai.batches.create({ model: config.model, src, config: { displayName } });
      if (!job.name) throw new GeminiBatchError("Gemini did not name the batch it created");
      return { name: job.name };
    },

    async find(displayName) {
      let seen = 0;
      for await (const job of await ai.batches.list({ config: { pageSize: 100 } })) {
        // The SDK's pager hands back undefined for an empty page that has a next one.
        if (job?.displayName === displayName && job.name) return { name: job.name };
        if (++seen >= FIND_LIMIT) break;
      }
      return undefined;
    },

    async check(name) {
      const job = await ai.batches.get({ name });
      const state = stateOf(job.state);
      if (state === "failed") {
        // The SDK (2.32) drops the Gemini API's operation error from batches.get; say what is known.
        return { state, error: job.error?.message ? `Gemini's batch failed: ${job.error.message}` : "Gemini's batch failed" };
      }
      if (state === "expired") return { state, error: "Gemini's batch expired before it finished" };
      if (state !== "succeeded") return { state };

      const results = new Map<string, BatchItemResult>();
      let usage = NO_USAGE;
      const take = (key: string | undefined, entry: OutputLine) => {
        const item = readItem(entry);
        usage = addUsage(usage, item.usage);
        if (key !== undefined) results.set(key, item.result);
      };
      for (const entry of job.dest?.inlinedResponses ?? []) take(entry.metadata?.["key"], entry);
      if (job.dest?.fileName) for await (const line of downloadOutput(job.dest.fileName)) take(line.key, line);
      return { state, results, usage };
    },

    async cancel(name) {
      await ai.batches.cancel({ name });
    },
  };
}
