import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startFakeGemini, type FakeGemini } from "../support/fake-gemini";

// Environment is read once, when the app's modules load: set it first, then import them.
let fake: FakeGemini;
let api: typeof import("../support/api").api;
let helpers: typeof import("../support/api");

beforeAll(async () => {
  fake = await startFakeGemini({ latencyMs: 20, maxConcurrent: 3 });
  vi.stubEnv("GEMINI_API_KEY", "test-key");
  vi.stubEnv("GEMINI_BASE_URL", fake.url);
  vi.stubEnv("GEMINI_MODEL", "gemini-test");
  vi.stubEnv("GEMINI_BATCH_SIZE", "5");
  vi.stubEnv("GEMINI_MAX_CONCURRENCY", "3");
  vi.stubEnv("GEMINI_MAX_ATTEMPTS", "2");
  vi.stubEnv("GEMINI_RETRY_BASE_MS", "10");
  vi.stubEnv("GEMINI_TIMEOUT_MS", "5000");
  helpers = await import("../support/api");
  api = helpers.api;
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await fake.close();
});

type Scored = { id: number; name: string; ai_provider: string; reasoning: string; intent: string; score: number | null };

describe("POST /score/ with Gemini", () => {
  it("scores every lead through batched, bounded Gemini calls", async () => {
    await api.postJson("/product/offer/", helpers.SAMPLE_OFFER);
    const rows = Array.from({ length: 23 }, (_, i) => [`Lead ${i}`, i % 3 === 0 ? "CEO" : i % 3 === 1 ? "Sales Manager" : "Intern", "Co", "SaaS", "Oslo", "bio"]);
    await api.upload(helpers.leadsCsv(rows));

    const scored: Scored[] = await (await api.postJson("/score/")).json();
    expect(scored).toHaveLength(23);
    expect(new Set(scored.map((lead) => lead.ai_provider))).toEqual(new Set(["gemini"]));
    expect(scored[0]!.reasoning).toBe("Lead 0 works as CEO, judged by the fake Gemini.");
    expect(fake.requests).toHaveLength(5);
    expect(fake.stats.maxInFlight).toBeLessThanOrEqual(3);
    expect(fake.stats.rejectedForConcurrency).toBe(0);
    const sent = fake.requests.flatMap((request) => request.leads.map((lead) => lead.id)).sort((a, b) => a - b);
    expect(sent).toEqual(scored.map((lead) => lead.id));

    const [result] = await (await api.get("/results/?sort=name&limit=1")).json();
    expect(result).toMatchObject({ ai_provider: "gemini", ai_model: "gemini-test", breakdown: { ai: { provider: "gemini", model: "gemini-test" } } });
  });

  it("saves and labels a fallback when Gemini keeps failing for a batch", async () => {
    fake.respond = (request) => (request.leads.some((lead) => lead.name === "Broken") ? { kind: "error", status: 503 } : undefined);
    await api.upload(helpers.leadsCsv([["Broken", "CEO", "Co", "SaaS", "Oslo", "bio"]]));
    const [scored]: Scored[] = await (await api.postJson("/score/")).json();
    expect(scored).toMatchObject({ name: "Broken", ai_provider: "fallback" });
    expect(scored!.reasoning).toMatch(/^Gemini kept failing \(HTTP 503 Service Unavailable\) after 2 attempts, so the offline analyzer scored this lead: /);
    const [stored] = await (await api.get("/results/?q=Broken")).json();
    expect(stored).toMatchObject({ ai_provider: "fallback", reasoning: scored!.reasoning });
    fake.respond = undefined;
  });

  it("saves each batch as soon as it is done, before the run ends", async () => {
    fake.respond = (request) => (request.leads.some((lead) => lead.name === "Slow 0") ? { kind: "hang", ms: 1_500 } : undefined);
    const { upload_id } = await (await api.upload(helpers.leadsCsv(Array.from({ length: 15 }, (_, i) => [`Slow ${i}`, "CEO", "Co", "SaaS", "Oslo", ""])))).json();

    let finished = false;
    const run = api.postJson("/score/").then(async (response) => {
      finished = true;
      return (await response.json()) as Scored[];
    });
    let scoredMidRun = 0;
    for (let i = 0; i < 100 && scoredMidRun < 10; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const rows: Scored[] = await (await api.get(`/results/?upload_id=${upload_id}`)).json();
      scoredMidRun = rows.filter((row) => row.score !== null).length;
    }
    expect(finished).toBe(false);
    expect(scoredMidRun).toBe(10);
    expect(await run).toHaveLength(15);
    fake.respond = undefined;
  });
});
