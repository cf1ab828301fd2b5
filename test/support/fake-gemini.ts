import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readPromptData } from "@/lib/ai/prompt";

/**
 * A stand-in for the Gemini API on 127.0.0.1 that speaks the real generateContent wire format,
 * so tests drive the real @google/genai SDK over HTTP through its `httpOptions.baseUrl`.
 */

export type FakeLead = { id: number; name?: string | number; role?: string | number; linkedin_bio?: string | number };

export type FakeGeminiRequest = {
  call: number;
  model: string;
  apiKey: string | null;
  prompt: string;
  leads: FakeLead[];
  body: Record<string, unknown>;
};

export type FakeGeminiReply =
  | { kind: "answer"; results: unknown[] }
  | { kind: "text"; text: string }
  | { kind: "error"; status: number; retryDelay?: string }
  | { kind: "blocked"; reason?: string }
  | { kind: "finish"; finishReason: string }
  | { kind: "hang"; ms: number };

export type FakeGeminiOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Added before every answer. */
  latencyMs?: number;
  /** Requests beyond this many in flight get a 429 with a RetryInfo delay, as the real quota does. */
  maxConcurrent?: number;
  /** Decides each reply; undefined → the default answer. */
  respond?: (request: FakeGeminiRequest) => FakeGeminiReply | undefined;
};

export type FakeGemini = {
  url: string;
  requests: FakeGeminiRequest[];
  stats: { maxInFlight: number; rejectedForConcurrency: number };
  respond: FakeGeminiOptions["respond"];
  close: () => Promise<void>;
};

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
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};

function sendJson(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { "content-type": "application/json; charset=UTF-8" });
  response.end(JSON.stringify(body));
}

function sendError(response: ServerResponse, status: number, retryDelay?: string) {
  sendJson(response, status, {
    error: {
      code: status,
      message: status === 429 ? "Resource has been exhausted (e.g. check quota)." : "The service is currently unavailable.",
      status: STATUS_NAMES[status] ?? "UNKNOWN",
      ...(retryDelay ? { details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay }] } : {}),
    },
  });
}

const candidate = (body: string) => ({
  candidates: [
    {
      content: { parts: [{ text: body }], role: "model" },
      finishReason: "STOP",
      index: 0,
    },
  ],
  usageMetadata: { promptTokenCount: 100, candidatesTokenCount: 50, totalTokenCount: 150 },
  modelVersion: "fake",
});

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFakeGemini(options: FakeGeminiOptions = {}): Promise<FakeGemini> {
  let inFlight = 0;
  const fake: FakeGemini = {
    url: "",
    requests: [],
    stats: { maxInFlight: 0, rejectedForConcurrency: 0 },
    respond: options.respond,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = createServer(async (request, response) => {
    const match = /^\/v1beta\/models\/([^/:]+):generateContent$/.exec(request.url ?? "");
    if (request.method !== "POST" || !match) {
      sendJson(response, 404, { error: { code: 404, message: "Not found", status: "NOT_FOUND" } });
      return;
    }
    inFlight++;
    fake.stats.maxInFlight = Math.max(fake.stats.maxInFlight, inFlight);
    try {
      const body = JSON.parse(await readBody(request)) as {
        contents: { parts: { text: string }[] }[];
      };
      const prompt = body.contents.map((content) => content.parts.map((part) => part.text).join("")).join("\n");
      const leads = readPromptData(prompt).leads as FakeLead[];
      const call: FakeGeminiRequest = {
        call: fake.requests.length + 1,
        model: match[1]!,
        apiKey: (request.headers["x-goog-api-key"] as string | undefined) ?? null,
        prompt,
        leads,
        body: body as Record<string, unknown>,
      };
      fake.requests.push(call);

      if (options.maxConcurrent !== undefined && inFlight > options.maxConcurrent) {
        fake.stats.rejectedForConcurrency++;
        sendError(response, 429, "0.2s");
        return;
      }
      if (options.latencyMs) await wait(options.latencyMs);
      const reply = fake.respond?.(call) ?? defaultAnswer(leads);
      switch (reply.kind) {
        case "answer":
          sendJson(response, 200, candidate(JSON.stringify({ results: reply.results })));
          return;
        case "text":
          sendJson(response, 200, candidate(reply.text));
          return;
        case "error":
          sendError(response, reply.status, reply.retryDelay);
          return;
        case "blocked":
          sendJson(response, 200, {
            promptFeedback: {
              blockReason: reply.reason ?? "SAFETY",
              safetyRatings: [{ category: "HARM_CATEGORY_HARASSMENT", probability: "HIGH" }],
            },
          });
          return;
        case "finish":
          sendJson(response, 200, {
            candidates: [
              {
                finishReason: reply.finishReason,
                index: 0,
                safetyRatings: [{ category: "HARM_CATEGORY_DANGEROUS_CONTENT", probability: "HIGH" }],
              },
            ],
          });
          return;
        case "hang":
          await wait(reply.ms);
          if (!response.destroyed) sendJson(response, 200, candidate(JSON.stringify({ results: [] })));
          return;
      }
    } catch (error) {
      sendJson(response, 400, { error: { code: 400, message: String(error), status: "INVALID_ARGUMENT" } });
    } finally {
      inFlight--;
    }
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
