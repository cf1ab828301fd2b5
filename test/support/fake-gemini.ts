import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readPromptData } from "@/lib/ai/prompt";

/**
 * A stand-in for the Gemini API on 127.0.0.1 that speaks the real wire format, so tests drive the
 * real @google/genai SDK over HTTP through its `httpOptions.baseUrl`: generateContent, and the Batch
 * API as the SDK calls it (batchGenerateContent with inlined requests or an uploaded JSONL file,
 * batches.get, list and cancel, the resumable file upload, and the download of a batch's responses file).
 */

export type FakeLead = { id: number; name?: string | number; role?: string | number; linkedin_bio?: string | number };

export type FakeGeminiRequest = {
  call: number;
  model: string;
  apiKey: string | null;
  prompt: string;
  leads: FakeLead[];
  /** The GenerateContentRequest as it arrived (for a batch item: the item's `request`). */
  body: Record<string, unknown>;
  /** Set for a request that came inside a batch. */
  batch?: { name: string; key: string };
};

export type FakeGeminiReply =
  | { kind: "answer"; results: unknown[] }
  | { kind: "text"; text: string }
  /** In a batch: that item's error. */
  | { kind: "error"; status: number; retryDelay?: string }
  | { kind: "blocked"; reason?: string }
  | { kind: "finish"; finishReason: string }
  /** In a batch, where nothing waits: an empty answer. */
  | { kind: "hang"; ms: number };

export type FakeBatchOutcome = "succeeded" | "failed" | "expired" | "cancelled";

/** How the next batches created behave. */
export type FakeBatchPlan = {
  /** How many polls (batches.get) answer PENDING (the first) or RUNNING before the outcome. Default 0. */
  pendingPolls?: number;
  /** Default "succeeded". */
  outcome?: FakeBatchOutcome;
  /** Keys the output leaves out, as if Google had lost them. */
  omitKeys?: readonly string[];
  /** How long the create call takes to answer; the job exists from its start. */
  createDelayMs?: number;
};

export type FakeBatch = {
  name: string;
  model: string;
  displayName: string;
  source: "inline" | "file";
  keys: string[];
  polls: number;
  state: string;
  plan: FakeBatchPlan;
  /** Each item's judgement, decided when the batch is created. */
  replies: { key: string; reply: FakeGeminiReply }[];
  responsesFile?: string;
};

export type FakeFile = { name: string; displayName?: string; mimeType: string; content: Buffer };

export type FakeGeminiOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Added before every answer. */
  latencyMs?: number;
  /** Requests beyond this many in flight get a 429 with a RetryInfo delay, as the real quota does. */
  maxConcurrent?: number;
  /** Decides each reply; undefined → the default answer. */
  respond?: (request: FakeGeminiRequest) => FakeGeminiReply | undefined;
  batchPlan?: FakeBatchPlan;
};

/** How many leads the fake was asked about, over all its requests (batched and single). */
export const leadsAsked = (fake: FakeGemini) => fake.requests.reduce((sum, request) => sum + request.leads.length, 0);

export type FakeGemini = {
  url: string;
  /** Every generateContent request, and every request inside a batch. */
  requests: FakeGeminiRequest[];
  /** Every HTTP request received, as "METHOD /path" (no query). */
  calls: string[];
  stats: { maxInFlight: number; rejectedForConcurrency: number };
  respond: FakeGeminiOptions["respond"];
  /** Answers a request with this HTTP error instead ("METHOD /path" in, status out; undefined → serve it). */
  interrupt?: (route: string) => number | undefined;
  batchPlan: FakeBatchPlan;
  batches: Map<string, FakeBatch>;
  files: Map<string, FakeFile>;
  close: () => Promise<void>;
};

/** What every answered request reports in usageMetadata. */
export const FAKE_USAGE = { promptTokenCount: 100, candidatesTokenCount: 50, thoughtsTokenCount: 20, totalTokenCount: 170 } as const;

const text = (value: unknown) => (typeof value === "string" ? value : String(value ?? ""));

/** The fake's own judgement: seniority in the role decides, so tests can predict it. */
export function defaultIntent(lead: FakeLead): "High" | "Medium" | "Low" {
  const role = text(lead.role).toLowerCase();
  if (/\b(ceo|cto|cfo|founder|vp|head|director|chief|president)\b/.test(role)) return "High";
  if (/\b(manager|lead|owner)\b/.test(role)) return "Medium";
  return "Low";
}

export const defaultAnswer = (leads: FakeLead[]): FakeGeminiReply => ({
  kind: "answer",
  results: leads.map((lead) => ({
    id: lead.id,
    intent: defaultIntent(lead),
    reasoning: `${text(lead.name)} works as ${text(lead.role) || "an unknown role"}, judged by the fake Gemini.`,
  })),
});

const STATUS_NAMES: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};

/** google.rpc.Code for an HTTP status, as a batch item's error (a google.rpc.Status) carries it. */
const RPC_CODES: Record<number, number> = { 400: 3, 403: 7, 404: 5, 429: 8, 500: 13, 503: 14 };

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { "content-type": "application/json; charset=UTF-8", ...headers });
  response.end(JSON.stringify(body));
}

const errorBody = (status: number, retryDelay?: string, message?: string) => ({
  error: {
    code: status,
    message: message ?? (status === 429 ? "Resource has been exhausted (e.g. check quota)." : "The service is currently unavailable."),
    status: STATUS_NAMES[status] ?? "UNKNOWN",
    ...(retryDelay ? { details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay }] } : {}),
  },
});

const sendError = (response: ServerResponse, status: number, retryDelay?: string, message?: string) =>
  sendJson(response, status, errorBody(status, retryDelay, message));

const candidate = (body: string) => ({
  candidates: [
    {
      content: { parts: [{ text: body }], role: "model" },
      finishReason: "STOP",
      index: 0,
    },
  ],
  usageMetadata: { ...FAKE_USAGE },
  modelVersion: "fake",
});

/** A GenerateContentResponse for a reply that is one (not an error, not a hang). */
function generateContentResponse(reply: Exclude<FakeGeminiReply, { kind: "error" } | { kind: "hang" }>) {
  switch (reply.kind) {
    case "answer":
      return candidate(JSON.stringify({ results: reply.results }));
    case "text":
      return candidate(reply.text);
    case "blocked":
      return {
        promptFeedback: {
          blockReason: reply.reason ?? "SAFETY",
          safetyRatings: [{ category: "HARM_CATEGORY_HARASSMENT", probability: "HIGH" }],
        },
        usageMetadata: { promptTokenCount: FAKE_USAGE.promptTokenCount, totalTokenCount: FAKE_USAGE.promptTokenCount },
      };
    case "finish":
      return {
        candidates: [
          {
            finishReason: reply.finishReason,
            index: 0,
            safetyRatings: [{ category: "HARM_CATEGORY_DANGEROUS_CONTENT", probability: "HIGH" }],
          },
        ],
        usageMetadata: { promptTokenCount: FAKE_USAGE.promptTokenCount, totalTokenCount: FAKE_USAGE.promptTokenCount },
      };
  }
}

/** One batch item's line of output: `response` or `error` (a google.rpc.Status). */
function batchItemOutput(reply: FakeGeminiReply) {
  if (reply.kind === "error") {
    return { error: { code: RPC_CODES[reply.status] ?? 2, message: errorBody(reply.status).error.message } };
  }
  return { response: generateContentResponse(reply.kind === "hang" ? { kind: "answer", results: [] } : reply) };
}

async function readRaw(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const readJson = async <T>(request: IncomingMessage) => JSON.parse((await readRaw(request)).toString("utf8")) as T;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type WireRequest = { contents: { parts: { text: string }[] }[] } & Record<string, unknown>;

const promptOf = (body: WireRequest) => body.contents.map((content) => content.parts.map((part) => part.text).join("")).join("\n");

const TERMINAL = new Set(["BATCH_STATE_SUCCEEDED", "BATCH_STATE_FAILED", "BATCH_STATE_CANCELLED", "BATCH_STATE_EXPIRED"]);
const OUTCOME_STATES: Record<FakeBatchOutcome, string> = {
  succeeded: "BATCH_STATE_SUCCEEDED",
  failed: "BATCH_STATE_FAILED",
  expired: "BATCH_STATE_EXPIRED",
  cancelled: "BATCH_STATE_CANCELLED",
};

const newId = () => randomBytes(6).toString("hex");

export async function startFakeGemini(options: FakeGeminiOptions = {}): Promise<FakeGemini> {
  let inFlight = 0;
  const uploads = new Map<string, { displayName?: string; mimeType: string; chunks: Buffer[]; received: number }>();
  const fake: FakeGemini = {
    url: "",
    requests: [],
    calls: [],
    stats: { maxInFlight: 0, rejectedForConcurrency: 0 },
    respond: options.respond,
    batchPlan: options.batchPlan ?? {},
    batches: new Map(),
    files: new Map(),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const record = (request: IncomingMessage, model: string, body: WireRequest, batch?: FakeGeminiRequest["batch"]): FakeGeminiRequest => {
    const prompt = promptOf(body);
    const call: FakeGeminiRequest = {
      call: fake.requests.length + 1,
      model,
      apiKey: (request.headers["x-goog-api-key"] as string | undefined) ?? null,
      prompt,
      leads: readPromptData(prompt).leads as FakeLead[],
      body,
      ...(batch ? { batch } : {}),
    };
    fake.requests.push(call);
    return call;
  };

  async function generateContent(request: IncomingMessage, response: ServerResponse, model: string) {
    inFlight++;
    fake.stats.maxInFlight = Math.max(fake.stats.maxInFlight, inFlight);
    try {
      const call = record(request, model, await readJson<WireRequest>(request));
      if (options.maxConcurrent !== undefined && inFlight > options.maxConcurrent) {
        fake.stats.rejectedForConcurrency++;
        sendError(response, 429, "0.2s");
        return;
      }
      if (options.latencyMs) await wait(options.latencyMs);
      const reply = fake.respond?.(call) ?? defaultAnswer(call.leads);
      if (reply.kind === "error") {
        sendError(response, reply.status, reply.retryDelay);
      } else if (reply.kind === "hang") {
        await wait(reply.ms);
        if (!response.destroyed) sendJson(response, 200, candidate(JSON.stringify({ results: [] })));
      } else {
        sendJson(response, 200, generateContentResponse(reply));
      }
    } finally {
      inFlight--;
    }
  }

  function batchOperation(batch: FakeBatch) {
    const now = new Date().toISOString();
    const succeeded = batch.state === "BATCH_STATE_SUCCEEDED";
    const omitted = new Set(batch.plan.omitKeys ?? []);
    const outputs = batch.replies.filter(({ key }) => !omitted.has(key)).map(({ key, reply }) => ({ key, ...batchItemOutput(reply) }));
    let output: Record<string, unknown> | undefined;
    if (succeeded && batch.source === "inline") {
      output = { inlinedResponses: { inlinedResponses: outputs.map(({ key, ...rest }) => ({ ...rest, metadata: { key } })) } };
    } else if (succeeded) {
      if (!batch.responsesFile) {
        batch.responsesFile = `files/batch-${newId()}`;
        const lines = outputs.map((line) => JSON.stringify(line)).join("\n");
        fake.files.set(batch.responsesFile, { name: batch.responsesFile, mimeType: "application/jsonl", content: Buffer.from(`${lines}\n`) });
      }
      output = { responsesFile: batch.responsesFile };
    }
    const failedCount = outputs.filter((line) => "error" in line).length;
    const metadata = {
      "@type": "type.googleapis.com/google.ai.generativelanguage.v1beta.GenerateContentBatch",
      model: `models/${batch.model}`,
      displayName: batch.displayName,
      createTime: now,
      updateTime: now,
      ...(TERMINAL.has(batch.state) ? { endTime: now } : {}),
      batchStats: {
        requestCount: String(batch.keys.length),
        ...(succeeded
          ? { successfulRequestCount: String(outputs.length - failedCount), failedRequestCount: String(failedCount) }
          : { pendingRequestCount: String(batch.keys.length) }),
      },
      state: batch.state,
      name: batch.name,
      ...(output ? { output } : {}),
    };
    return {
      name: batch.name,
      metadata,
      ...(TERMINAL.has(batch.state) ? { done: true } : {}),
      ...(batch.state === "BATCH_STATE_FAILED" ? { error: { code: 13, message: "The batch failed (fake Gemini)." } } : {}),
      ...(output ? { response: { "@type": "type.googleapis.com/google.ai.generativelanguage.v1beta.GenerateContentBatchOutput", ...output } } : {}),
    };
  }

  async function createBatch(request: IncomingMessage, response: ServerResponse, model: string) {
    const { batch: body } = await readJson<{
      batch: { displayName?: string; inputConfig: { requests?: { requests: { request: WireRequest; metadata?: { key?: string } }[] }; fileName?: string } };
    }>(request);
    const name = `batches/${newId()}`;
    let items: { key: string; request: WireRequest }[];
    let source: FakeBatch["source"];
    if (body.inputConfig.fileName) {
      const file = fake.files.get(body.inputConfig.fileName);
      if (!file) return sendError(response, 404, undefined, `File ${body.inputConfig.fileName} not found.`);
      source = "file";
      items = file.content
        .toString("utf8")
        .split("\n")
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line) as { key: string; request: WireRequest });
    } else {
      source = "inline";
      items = (body.inputConfig.requests?.requests ?? []).map((item, index) => ({ key: item.metadata?.key ?? String(index), request: item.request }));
    }
    if (items.length === 0) return sendError(response, 400, undefined, "A batch needs at least one request.");
    const replies = items.map(({ key, request: itemRequest }) => {
      const call = record(request, model, itemRequest, { name, key });
      return { key, reply: fake.respond?.(call) ?? defaultAnswer(call.leads) };
    });
    const batch: FakeBatch = {
      name,
      model,
      displayName: body.displayName ?? "",
      source,
      keys: items.map(({ key }) => key),
      polls: 0,
      state: "BATCH_STATE_PENDING",
      plan: { ...fake.batchPlan },
      replies,
    };
    fake.batches.set(name, batch);
    if (batch.plan.createDelayMs) await new Promise((resolve) => setTimeout(resolve, batch.plan.createDelayMs));
    sendJson(response, 200, batchOperation(batch));
  }

  function getBatch(response: ServerResponse, name: string) {
    const batch = fake.batches.get(name);
    if (!batch) return sendError(response, 404, undefined, `Batch ${name} not found.`);
    if (!TERMINAL.has(batch.state)) {
      batch.polls++;
      const pending = batch.plan.pendingPolls ?? 0;
      batch.state =
        batch.polls <= pending ? (batch.polls === 1 ? "BATCH_STATE_PENDING" : "BATCH_STATE_RUNNING") : OUTCOME_STATES[batch.plan.outcome ?? "succeeded"];
    }
    sendJson(response, 200, batchOperation(batch));
  }

  /** batches.list: newest first, `pageSize` a page (default 50), continued by `pageToken` (an offset here); listing advances no batch. */
  function listBatches(response: ServerResponse, url: URL) {
    const size = Number(url.searchParams.get("pageSize") ?? 50) || 50;
    const from = Number(url.searchParams.get("pageToken") ?? 0) || 0;
    const all = [...fake.batches.values()].reverse();
    const page = all.slice(from, from + size);
    sendJson(response, 200, { operations: page.map(batchOperation), ...(from + size < all.length ? { nextPageToken: String(from + size) } : {}) });
  }

  function cancelBatch(response: ServerResponse, name: string) {
    const batch = fake.batches.get(name);
    if (!batch) return sendError(response, 404, undefined, `Batch ${name} not found.`);
    if (!TERMINAL.has(batch.state)) batch.state = "BATCH_STATE_CANCELLED";
    sendJson(response, 200, {});
  }

  /** The resumable upload protocol: a "start" POST that answers with an upload URL, then chunks to it. */
  async function upload(request: IncomingMessage, response: ServerResponse, url: URL) {
    const command = String(request.headers["x-goog-upload-command"] ?? "");
    if (command === "start") {
      const { file } = await readJson<{ file: { displayName?: string; mimeType: string } }>(request);
      const id = newId();
      uploads.set(id, { displayName: file.displayName, mimeType: file.mimeType, chunks: [], received: 0 });
      response.writeHead(200, {
        "x-goog-upload-url": `${fake.url}/upload/v1beta/files?upload_id=${id}&upload_protocol=resumable`,
        "x-goog-upload-status": "active",
        "x-goog-upload-chunk-granularity": "8388608",
      });
      response.end();
      return;
    }
    const session = uploads.get(url.searchParams.get("upload_id") ?? "");
    if (!session || !command.startsWith("upload")) return sendError(response, 400, undefined, "Unknown upload.");
    const chunk = await readRaw(request);
    if (Number(request.headers["x-goog-upload-offset"]) !== session.received) return sendError(response, 400, undefined, "Wrong upload offset.");
    session.chunks.push(chunk);
    session.received += chunk.length;
    if (!command.includes("finalize")) {
      response.writeHead(200, { "x-goog-upload-status": "active" });
      response.end();
      return;
    }
    uploads.delete(url.searchParams.get("upload_id")!);
    const file: FakeFile = { name: `files/${newId()}`, displayName: session.displayName, mimeType: session.mimeType, content: Buffer.concat(session.chunks) };
    fake.files.set(file.name, file);
    sendJson(
      response,
      200,
      {
        file: {
          name: file.name,
          displayName: file.displayName,
          mimeType: file.mimeType,
          sizeBytes: String(file.content.length),
          createTime: new Date().toISOString(),
          uri: `${fake.url}/v1beta/${file.name}`,
          state: "ACTIVE",
          source: "UPLOADED",
        },
      },
      { "x-goog-upload-status": "final" },
    );
  }

  function download(response: ServerResponse, name: string) {
    const file = fake.files.get(name);
    if (!file) return sendError(response, 404, undefined, `File ${name} not found.`);
    response.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(file.content.length) });
    response.end(file.content);
  }

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://fake");
    const route = `${request.method} ${url.pathname}`;
    fake.calls.push(route);
    const interrupted = fake.interrupt?.(route);
    if (interrupted !== undefined) return sendError(response, interrupted, interrupted === 429 ? "1s" : undefined);
    let match: RegExpExecArray | null;
    try {
      if ((match = /^POST \/v1beta\/models\/([^/:]+):generateContent$/.exec(route))) return await generateContent(request, response, match[1]!);
      if ((match = /^POST \/v1beta\/models\/([^/:]+):batchGenerateContent$/.exec(route))) return await createBatch(request, response, match[1]!);
      if (route === "GET /v1beta/batches") return listBatches(response, url);
      if ((match = /^GET \/v1beta\/(batches\/[^/:]+)$/.exec(route))) return getBatch(response, match[1]!);
      if ((match = /^POST \/v1beta\/(batches\/[^/:]+):cancel$/.exec(route))) return cancelBatch(response, match[1]!);
      if (route === "POST /upload/v1beta/files") return await upload(request, response, url);
      if ((match = /^GET \/v1beta\/(files\/[^/:]+):download$/.exec(route)) && url.searchParams.get("alt") === "media") return download(response, match[1]!);
      sendError(response, 404, undefined, "Not found");
    } catch (error) {
      if (!response.headersSent) sendError(response, 400, undefined, String(error));
    }
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
