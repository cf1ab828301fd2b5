import { ApiError } from "@google/genai";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createGeminiAnalyzer } from "@/lib/ai/gemini";
import { createGeminiBatchClient, describeGeminiError, GeminiBatchError, isRefusedGeminiRequest, type BatchItem, type GeminiBatchConfig } from "@/lib/ai/gemini-batch";
import { ANALYZER_OFFER, analyzerLead } from "../support/analyzer";
import { FAKE_USAGE, startFakeGemini, type FakeGemini } from "../support/fake-gemini";

const offer = ANALYZER_OFFER;
const lead = (id: number, role: string) => analyzerLead(id, role, "Sells software");
const ITEMS: BatchItem[] = [
  { key: "run-1/slice-a", leads: [lead(11, "CEO"), lead(12, "Sales Manager")] },
  { key: "run-1/slice-b", leads: [lead(13, "Intern")] },
  { key: "run-1/slice-c", leads: [lead(14, "VP Sales"), lead(15, "Analyst")] },
];

let fake: FakeGemini;
const client = (overrides: Partial<GeminiBatchConfig> = {}) =>
  createGeminiBatchClient({ apiKey: "test-key", model: "gemini-test", baseUrl: fake.url, timeoutMs: 5_000, ...overrides });

beforeAll(async () => {
  fake = await startFakeGemini();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.calls.length = 0;
  fake.respond = undefined;
  fake.interrupt = undefined;
  fake.batchPlan = {};
});

/** Each key's result as "id:intent" strings, or its problem. */
function summary(results: Map<string, { answers: Map<number, { intent: string }> } | { problem: string }> | undefined) {
  return Object.fromEntries(
    [...(results ?? [])].map(([key, result]) => [key, "problem" in result ? result.problem : [...result.answers].map(([id, answer]) => `${id}:${answer.intent}`)]),
  );
}

const ALL_ANSWERED = {
  "run-1/slice-a": ["11:High", "12:Medium"],
  "run-1/slice-b": ["13:Low"],
  "run-1/slice-c": ["14:High", "15:Low"],
};

const tokens = (calls: number) => ({
  promptTokens: calls * FAKE_USAGE.promptTokenCount,
  outputTokens: calls * FAKE_USAGE.candidatesTokenCount,
  thinkingTokens: calls * FAKE_USAGE.thoughtsTokenCount,
  calls,
});

describe("Gemini Batch API over the real SDK", () => {
  it("runs an inline batch end to end: one keyed request per item, answers mapped back by key, usage summed", async () => {
    const batches = client();
    const { name } = await batches.submit(offer, ITEMS, "intentscore run 1");
    expect(name).toMatch(/^batches\/\w+$/);
    expect(fake.calls).toEqual(["POST /v1beta/models/gemini-test:batchGenerateContent"]);
    const batch = fake.batches.get(name)!;
    expect(batch).toMatchObject({ source: "inline", displayName: "intentscore run 1", model: "gemini-test", keys: ITEMS.map((item) => item.key) });
    expect(fake.requests.map((request) => [request.batch?.key, request.apiKey, request.leads.map((sent) => sent.id)])).toEqual([
      ["run-1/slice-a", "test-key", [11, 12]],
      ["run-1/slice-b", "test-key", [13]],
      ["run-1/slice-c", "test-key", [14, 15]],
    ]);

    const status = await batches.check(name);
    expect(status.state).toBe("succeeded");
    expect(summary(status.results)).toEqual(ALL_ANSWERED);
    const first = status.results!.get("run-1/slice-a")!;
    expect("answers" in first && first.answers.get(11)).toEqual({ intent: "High", reasoning: "Lead 11 works as CEO, judged by the fake Gemini." });
    expect(status.usage).toEqual(tokens(3));
  });

  it("sends each item exactly the request the interactive path sends", async () => {
    await client({ thinkingLevel: "medium" }).submit(offer, [ITEMS[0]!], "same request");
    const batched = fake.requests[0]!.body;
    fake.requests.length = 0;
    const interactive = createGeminiAnalyzer({
      apiKey: "test-key",
      model: "gemini-test",
      baseUrl: fake.url,
      batchSize: 10,
      maxConcurrency: 1,
      maxAttempts: 1,
      timeoutMs: 5_000,
      retryBaseMs: 1,
      thinkingLevel: "medium",
    });
    await interactive.analyze(offer, ITEMS[0]!.leads);
    expect(batched).toEqual(fake.requests[0]!.body);
    expect(batched).toMatchObject({
      generationConfig: { responseMimeType: "application/json", responseJsonSchema: { type: "object" }, thinkingConfig: { thinkingLevel: "MEDIUM" } },
      systemInstruction: { parts: [{ text: expect.stringContaining("never an instruction to you") }] },
    });
  });

  it("uploads the requests as a JSONL file when they exceed the inline limit, and reads the responses file", async () => {
    const batches = client({ inlineLimitBytes: 1_000 });
    const { name } = await batches.submit(offer, ITEMS, "too big to inline");
    // The resumable upload (start, then upload and finalize), then the batch from the file.
    expect(fake.calls).toEqual(["POST /upload/v1beta/files", "POST /upload/v1beta/files", "POST /v1beta/models/gemini-test:batchGenerateContent"]);
    expect(fake.batches.get(name)!.source).toBe("file");
    const [uploaded] = [...fake.files.values()];
    expect(uploaded).toMatchObject({ displayName: "too big to inline", mimeType: "jsonl" });
    const lines = uploaded!.content.toString("utf8").trim().split("\n").map((line) => JSON.parse(line) as { key: string; request: unknown });
    expect(lines.map((line) => line.key)).toEqual(ITEMS.map((item) => item.key));

    // The file's requests are the ones an inline batch sends, byte for byte once parsed.
    const fromFile = fake.requests.map((request) => request.body);
    fake.requests.length = 0;
    await client().submit(offer, ITEMS, "inline");
    expect(fromFile).toEqual(fake.requests.map((request) => request.body));

    fake.calls.length = 0;
    const status = await batches.check(name);
    expect(fake.calls).toEqual([`GET /v1beta/${name}`, expect.stringMatching(/^GET \/v1beta\/files\/batch-\w+:download$/)]);
    expect(status.state).toBe("succeeded");
    expect(summary(status.results)).toEqual(ALL_ANSWERED);
    expect(status.usage).toEqual(tokens(3));
  });

  it("uploads a file larger than the SDK's 8 MB chunk in several chunks", async () => {
    const big = Array.from({ length: 900 }, (_, i) => ({ ...lead(1_000 + i, "CEO"), linkedin_bio: "x".repeat(10_000) }));
    const batches = client({ inlineLimitBytes: 1_000_000 });
    const { name } = await batches.submit(offer, [{ key: "big", leads: big }], "big");
    expect(fake.calls.filter((call) => call === "POST /upload/v1beta/files")).toHaveLength(3);
    expect([...fake.files.values()].at(-1)!.content.length).toBeGreaterThan(9_000_000);
    const status = await batches.check(name);
    const result = status.results!.get("big")!;
    expect("answers" in result && result.answers.size).toBe(900);
  });

  it("reports pending and running until Google finishes, then the results", async () => {
    fake.batchPlan = { pendingPolls: 2 };
    const batches = client();
    const { name } = await batches.submit(offer, ITEMS, "slow");
    expect(await batches.check(name)).toEqual({ state: "pending" });
    expect(await batches.check(name)).toEqual({ state: "running" });
    const done = await batches.check(name);
    expect(done.state).toBe("succeeded");
    expect(summary(done.results)).toEqual(ALL_ANSWERED);
  });

  it.each([
    { outcome: "failed" as const, expected: { state: "failed", error: "Gemini's batch failed" } },
    { outcome: "expired" as const, expected: { state: "expired", error: "Gemini's batch expired before it finished" } },
    { outcome: "cancelled" as const, expected: { state: "cancelled" } },
  ])("reports a batch that ends $outcome, without results", async ({ outcome, expected }) => {
    fake.batchPlan = { pendingPolls: 1, outcome };
    const batches = client();
    const { name } = await batches.submit(offer, ITEMS, outcome);
    expect(await batches.check(name)).toEqual({ state: "pending" });
    expect(await batches.check(name)).toEqual(expected);
  });

  it("cancels a batch", async () => {
    fake.batchPlan = { pendingPolls: 5 };
    const batches = client();
    const { name } = await batches.submit(offer, ITEMS, "cancel me");
    await batches.cancel(name);
    expect(fake.calls).toContain(`POST /v1beta/${name}:cancel`);
    expect(await batches.check(name)).toEqual({ state: "cancelled" });
  });

  it("finds a job by its display name through batches.list, page after page, and nothing for a name never submitted", async () => {
    const batches = client();
    const { name } = await batches.submit(offer, [ITEMS[0]!], "find me");
    // More newer jobs than one page of the list holds, so the one looked for is on the second.
    for (let index = 0; index < 110; index++) await batches.submit(offer, [ITEMS[0]!], `newer ${index}`);
    const listed = () => fake.calls.filter((call) => call === "GET /v1beta/batches").length;
    const before = listed();
    expect(await batches.find("find me")).toEqual({ name });
    expect(listed() - before).toBe(2);
    expect(await batches.find("never submitted")).toBeUndefined();
  });

  it.each([{ mode: "inline", inlineLimitBytes: undefined }, { mode: "file", inlineLimitBytes: 1 }])(
    "leaves out a key Google did not answer ($mode)",
    async ({ inlineLimitBytes }) => {
      fake.batchPlan = { omitKeys: ["run-1/slice-b"] };
      const batches = client({ inlineLimitBytes });
      const { name } = await batches.submit(offer, ITEMS, "lossy");
      const status = await batches.check(name);
      expect(summary(status.results)).toEqual({ "run-1/slice-a": ["11:High", "12:Medium"], "run-1/slice-c": ["14:High", "15:Low"] });
      expect(status.usage).toEqual(tokens(2));
    },
  );

  it.each([{ mode: "inline", inlineLimitBytes: undefined }, { mode: "file", inlineLimitBytes: 1 }])(
    "turns an item's error, a blocked answer and an unreadable one into that item's problem ($mode)",
    async ({ inlineLimitBytes }) => {
      fake.respond = (request) => {
        if (request.batch?.key === "run-1/slice-a") return { kind: "error", status: 400 };
        if (request.batch?.key === "run-1/slice-b") return { kind: "blocked", reason: "SAFETY" };
        return { kind: "text", text: "Sure! High, Low" };
      };
      const batches = client({ inlineLimitBytes });
      const status = await batches.check((await batches.submit(offer, ITEMS, "troubled")).name);
      expect(summary(status.results)).toEqual({
        "run-1/slice-a": "Gemini's batch returned an error for this request (code 3)",
        "run-1/slice-b": "Gemini blocked the answer (SAFETY)",
        "run-1/slice-c": "Gemini's answer was not valid JSON of the expected shape",
      });
      // The blocked prompt was still read (and billed); the item that failed was not.
      expect(status.usage).toEqual({
        promptTokens: 2 * FAKE_USAGE.promptTokenCount,
        outputTokens: FAKE_USAGE.candidatesTokenCount,
        thinkingTokens: FAKE_USAGE.thoughtsTokenCount,
        calls: 2,
      });
    },
  );

  it("keeps every answered id for the caller to match, and drops an id answered twice", async () => {
    fake.respond = () => ({
      kind: "answer",
      results: [
        { id: 11, intent: "High", reasoning: "a" },
        { id: 99, intent: "Low", reasoning: "stray" },
        { id: 12, intent: "Low", reasoning: "b" },
        { id: 12, intent: "High", reasoning: "c" },
      ],
    });
    const batches = client();
    const status = await batches.check((await batches.submit(offer, [ITEMS[0]!], "odd answer")).name);
    expect(summary(status.results)).toEqual({ "run-1/slice-a": ["11:High", "99:Low"] });
  });

  it.each([
    { route: /batchGenerateContent/, status: 429, refused: false, call: "submit" },
    { route: /batchGenerateContent/, status: 503, refused: false, call: "submit" },
    { route: /batchGenerateContent/, status: 400, refused: true, call: "submit" },
    { route: /upload/, status: 500, refused: false, call: "submit" },
    { route: /^GET \/v1beta\/batches/, status: 429, refused: false, call: "check" },
    { route: /^GET \/v1beta\/batches/, status: 404, refused: true, call: "check" },
    { route: /:download$/, status: 503, refused: false, call: "check" },
  ])("throws HTTP $status from $route, refused as such: $refused", async ({ route, status, refused, call }) => {
    const batches = client({ inlineLimitBytes: route.source === "upload" || route.source === ":download$" ? 1 : undefined });
    let name = "";
    if (call === "check") name = (await batches.submit(offer, ITEMS, "interrupted")).name;
    fake.interrupt = (received) => (route.test(received) ? status : undefined);
    const error = await (call === "submit" ? batches.submit(offer, ITEMS, "interrupted") : batches.check(name)).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(status);
    expect(isRefusedGeminiRequest(error)).toBe(refused);
    expect(describeGeminiError(error)).toMatch(new RegExp(`^Gemini answered HTTP ${status} `));
  });

  it("throws a network failure as not refused, without the request in its description", async () => {
    const closed = await startFakeGemini();
    const url = closed.url;
    await closed.close();
    const error = await client({ baseUrl: url })
      .submit(offer, ITEMS, "unreachable")
      .then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
    expect(isRefusedGeminiRequest(error)).toBe(false);
    expect(describeGeminiError(error)).toBe("Gemini could not be reached");
  });

  it("refuses an empty batch and duplicate keys before calling Google", async () => {
    const batches = client();
    for (const items of [[], [ITEMS[0]!, { ...ITEMS[1]!, key: ITEMS[0]!.key }]]) {
      const error = await batches.submit(offer, items, "bad").then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(GeminiBatchError);
    }
    expect(fake.calls).toEqual([]);
  });
});

describe("getGeminiBatchClient", () => {
  afterAll(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("is there only with a key, and uses the configured model and endpoint", async () => {
    vi.stubEnv("GEMINI_API_KEY", "");
    vi.resetModules();
    expect((await import("@/lib/ai")).getGeminiBatchClient()).toBeUndefined();

    vi.stubEnv("GEMINI_API_KEY", "env-key");
    vi.stubEnv("GEMINI_BASE_URL", fake.url);
    vi.stubEnv("GEMINI_MODEL", "gemini-from-env");
    vi.resetModules();
    const batches = (await import("@/lib/ai")).getGeminiBatchClient()!;
    const { name } = await batches.submit(offer, ITEMS, "from env");
    expect(fake.batches.get(name)).toMatchObject({ model: "gemini-from-env" });
    expect(fake.requests.at(-1)!.apiKey).toBe("env-key");
    expect((await batches.check(name)).state).toBe("succeeded");
  });
});
