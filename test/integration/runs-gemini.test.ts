import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import { FAKE_USAGE, leadsAsked, startFakeGemini, type FakeGemini, type FakeGeminiOptions } from "../support/fake-gemini";
import { captureLogs } from "../support/logs";

// Environment is read once, when the app's modules load: set it first, then import them.
let fake: FakeGemini;
const fakeOptions: FakeGeminiOptions = { latencyMs: 0 };
let helpers: typeof import("../support/api");
let workspaces: typeof import("../support/workspaces");

const MODEL = "gemini-3.8-flash";

beforeAll(async () => {
  fake = await startFakeGemini(fakeOptions);
  vi.stubEnv("GEMINI_API_KEY", "test-key");
  vi.stubEnv("GEMINI_BASE_URL", fake.url);
  vi.stubEnv("GEMINI_MODEL", MODEL);
  vi.stubEnv("GEMINI_BATCH_SIZE", "5");
  vi.stubEnv("GEMINI_MAX_CONCURRENCY", "3");
  vi.stubEnv("GEMINI_MAX_ATTEMPTS", "2");
  vi.stubEnv("GEMINI_RETRY_BASE_MS", "10");
  vi.stubEnv("GEMINI_BATCH_MODE_THRESHOLD", "50");
  vi.stubEnv("GEMINI_BATCH_POLL_SECONDS", "1");
  vi.stubEnv("AI_DAILY_LEAD_LIMIT", "100000");
  vi.stubEnv("RUN_POLL_MS", "100");
  helpers = await import("../support/api");
  workspaces = await import("../support/workspaces");
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await fake.close();
});

type Run = {
  id: number;
  status: string;
  mode: string;
  total: number;
  done: number;
  cached: number;
  fallbacks: number;
  ai_calls: number;
  tokens: { input: number; output: number; thinking: number };
  estimated_cost_usd: number | null;
  error: string | null;
  error_code: string | null;
  batch: { state: string | null } | null;
};
type Row = {
  id: number;
  name: string;
  intent: string | null;
  score: number | null;
  ai_score: number | null;
  reasoning: string | null;
  ai_cached: boolean | null;
  ai_provider: string | null;
  run_id: number | null;
  stale: boolean;
};

/** A workspace of its own, with an offer and `n` leads, and calls that act in it. */
async function workspaceWithLeads(n: number, prefix: string) {
  const { key, scope } = await workspaces.createTestWorkspace(prefix);
  const headers = { authorization: `Bearer ${key}` };
  const { api, leadsCsv, SAMPLE_OFFER } = helpers;
  const offer = await (await api.postJson("/product/offer/", SAMPLE_OFFER, headers)).json();
  const rows = Array.from({ length: n }, (_, i) => [`${prefix} ${i}`, ["CEO", "Sales Manager", "Intern"][i % 3]!, "Co", "SaaS", "Oslo", `bio ${i}`]);
  await api.upload(leadsCsv(rows), "leads.csv", "csv_file", headers);
  const start = async (body: object = {}): Promise<Run> => {
    const response = await api.postJson("/runs/", { offer_id: offer.id, ...body }, headers);
    expect(response.status).toBe(202);
    return response.json();
  };
  const get = async (id: number): Promise<Run> => (await api.get(`/runs/${id}/`, headers)).json();
  const waitFor = async (id: number, until: (run: Run) => boolean = (run) => ["succeeded", "failed", "cancelled"].includes(run.status)) => {
    for (let i = 0; i < 400; i++) {
      const run = await get(id);
      if (until(run)) return run;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`run ${id} did not get there: ${JSON.stringify(await get(id))}`);
  };
  const results = async (): Promise<Row[]> => (await api.get(`/results/?offer_id=${offer.id}&sort=id`, headers)).json();
  const patchOffer = (body: object) => helpers.call("PATCH", `/product/offer/${offer.id}/`, { headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) });
  return { scope, headers, offer, start, get, waitFor, results, patchOffer };
}


describe("runs with Gemini", () => {
  it("records tokens and an estimated cost, and reuses judgements while the pitch and the lead are unchanged", async () => {
    const ws = await workspaceWithLeads(12, "Cache");
    const asked = leadsAsked(fake);
    const first = await ws.waitFor((await ws.start()).id);
    expect(first).toMatchObject({ status: "succeeded", done: 12, cached: 0, ai_calls: 3 });
    expect(leadsAsked(fake) - asked).toBe(12);
    expect(first.tokens).toEqual({ input: 3 * FAKE_USAGE.promptTokenCount, output: 3 * FAKE_USAGE.candidatesTokenCount, thinking: 3 * FAKE_USAGE.thoughtsTokenCount });
    const { estimateCostUsd } = await import("@/lib/ai/pricing");
    const expected = estimateCostUsd(MODEL, { promptTokens: 300, outputTokens: 150, thinkingTokens: 60, calls: 3 }, "interactive")!;
    expect(first.estimated_cost_usd).toBeCloseTo(expected, 9);
    const before = await ws.results();

    // Only the rule keywords change: the scores go stale, the AI judgements still hold.
    expect((await ws.patchOffer({ rules: { decision_maker_roles: ["intern"] } })).status).toBe(200);
    const cachedRun = await ws.waitFor((await ws.start()).id);
    expect(cachedRun).toMatchObject({ status: "succeeded", done: 12, cached: 12, ai_calls: 0, estimated_cost_usd: null });
    expect(leadsAsked(fake) - asked).toBe(12);
    const after = await ws.results();
    expect(after.every((row) => row.ai_cached === true && row.run_id === cachedRun.id)).toBe(true);
    // The AI half is the cached judgement's, lead by lead.
    const aiHalf = (rows: Row[]) => rows.map((row) => [row.id, row.ai_score, row.reasoning]);
    expect(aiHalf(after)).toEqual(aiHalf(before));
    // The rule points were recomputed with the new keywords: interns now score higher.
    const intern = (rows: Row[]) => rows.find((row) => row.name === "Cache 2")!;
    expect(intern(after).score!).toBeGreaterThan(intern(before).score!);

    // refresh_ai asks again.
    const refreshed = await ws.waitFor((await ws.start({ rescore: true, refresh_ai: true })).id);
    expect(refreshed).toMatchObject({ status: "succeeded", done: 12, cached: 0, ai_calls: 3 });
    expect(leadsAsked(fake) - asked).toBe(24);

    // A changed pitch asks again.
    await ws.patchOffer({ value_props: ["Something else entirely"] });
    const repitched = await ws.waitFor((await ws.start()).id);
    expect(repitched).toMatchObject({ done: 12, cached: 0, ai_calls: 3 });
    expect((await ws.results()).every((row) => row.ai_cached === false)).toBe(true);
  });

  it("cancel stops new claims at once and keeps what was scored", async () => {
    const ws = await workspaceWithLeads(150, "Cancel");
    fakeOptions.latencyMs = 150;
    try {
      const run = await ws.start({ mode: "interactive" });
      await ws.waitFor(run.id, (current) => current.done >= 10);
      const response = await helpers.call("POST", `/runs/${run.id}/cancel/`, { headers: ws.headers });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ id: run.id, status: "cancelled" });
      // Batches already with Gemini finish and are kept; nothing new starts.
      await new Promise((resolve) => setTimeout(resolve, 800));
      const settled = await ws.get(run.id);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const later = await ws.get(run.id);
      expect(later).toMatchObject({ status: "cancelled", done: settled.done });
      expect(later.done).toBeLessThan(150);
      const scored = (await ws.results()).filter((row) => row.score !== null);
      expect(scored).toHaveLength(later.done);
      const { getDb } = await import("@/db");
      const { scoringClaims } = await import("@/db/schema");
      const { eq } = await import("drizzle-orm");
      expect(await (await getDb()).select().from(scoringClaims).where(eq(scoringClaims.runId, run.id))).toEqual([]);
    } finally {
      fakeOptions.latencyMs = 0;
    }
  });

  it("pauses at the workspace's daily AI limit, says so, and goes on when the limit allows", async () => {
    const ws = await workspaceWithLeads(12, "Limit");
    const { getDb } = await import("@/db");
    const { aiDailyUsage } = await import("@/db/schema");
    const { eq, sql } = await import("drizzle-orm");
    const db = await getDb();
    // Earlier today the workspace used all but 5 leads of its allowance.
    await db.insert(aiDailyUsage).values({ workspaceId: ws.scope.workspaceId, day: sql`(now() at time zone 'utc')::date`, leads: 100000 - 5 });

    const run = await ws.start();
    const paused = await ws.waitFor(run.id, (current) => current.status === "paused");
    expect(paused).toMatchObject({ done: 5, error_code: "daily_ai_limit_reached" });
    expect(paused.error).toContain("daily limit of 100000 leads");
    expect((await ws.results()).filter((row) => row.score !== null)).toHaveLength(5);

    // A new day: the counter starts again, and the run finishes by itself.
    await db.delete(aiDailyUsage).where(eq(aiDailyUsage.workspaceId, ws.scope.workspaceId));
    const done = await ws.waitFor(run.id);
    expect(done).toMatchObject({ status: "succeeded", done: 12, total: 12, error: null });
    expect((await ws.results()).every((row) => row.score !== null)).toBe(true);
  });
});

/**
 * Starts an interactive run in the workspace with Gemini slow (1.5 s a call), and does `meanwhile`
 * while Gemini holds the first call; answers the run and the requests Gemini had before it.
 */
async function duringGeminiCall(ws: Awaited<ReturnType<typeof workspaceWithLeads>>, meanwhile: () => Promise<void>): Promise<{ run: Run; asked: number }> {
  const asked = fake.requests.length;
  fakeOptions.latencyMs = 1_500;
  try {
    const run = await ws.start({ mode: "interactive" });
    for (let i = 0; i < 100 && fake.requests.length === asked; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    await meanwhile();
    return { run, asked };
  } finally {
    fakeOptions.latencyMs = 0;
  }
}

describe("leads refreshed while a run scores them", () => {
  it("are scored again, as they are now, instead of keeping a score of what they were", async () => {
    const ws = await workspaceWithLeads(3, "Refreshed");
    // While Gemini thinks about the leads as they were, an import refreshes one of them.
    const { run, asked } = await duringGeminiCall(ws, async () => {
      const form = new FormData();
      form.append("on_duplicate", "update");
      form.append("csv_file", new Blob([helpers.leadsCsv([["Refreshed 0", "Chief Financial Officer", "Co", "SaaS", "Oslo", "now in finance"]])], { type: "text/csv" }), "refresh.csv");
      const refreshed = await helpers.call("POST", "/leads/upload/", { body: form, headers: ws.headers });
      expect(await refreshed.json()).toMatchObject({ updated: 1 });
    });
    // The score saved from the old fields went stale at once, so the same run scored the lead again.
    expect(await ws.waitFor(run.id)).toMatchObject({ status: "succeeded", done: 4 });
    const roles = fake.requests.slice(asked).flatMap((request) => request.leads.filter((lead) => lead.name === "Refreshed 0").map((lead) => lead.role));
    expect(roles).toEqual(["CEO", "Chief Financial Officer"]);
    const rows = await ws.results();
    expect(rows.map((row) => [row.name, row.stale])).toEqual([["Refreshed 0", false], ["Refreshed 1", false], ["Refreshed 2", false]]);
  });
});

describe("leads erased while a run scores them", () => {
  it("are left out of the run's save, and the run goes on with the rest", async () => {
    const ws = await workspaceWithLeads(3, "Erased");
    const [first] = await ws.results();
    // While Gemini thinks about the three, one of them is erased.
    const { run } = await duringGeminiCall(ws, async () => {
      expect((await helpers.call("DELETE", `/leads/${first!.id}/`, { headers: ws.headers })).status).toBe(204);
    });
    expect(await ws.waitFor(run.id)).toMatchObject({ status: "succeeded", done: 2, error: null });
    const rows = await ws.results();
    expect(rows.map((row) => [row.name, row.score !== null])).toEqual([["Erased 1", true], ["Erased 2", true]]);
  });
});

describe("runs that wait", () => {
  it("never hold back a run queued after them: runs paused at a limit take only the slots left", async () => {
    const limited = await workspaceWithLeads(8, "Starved");
    const { getDb } = await import("@/db");
    const { aiDailyUsage } = await import("@/db/schema");
    const { sql } = await import("drizzle-orm");
    await (await getDb()).insert(aiDailyUsage).values({ workspaceId: limited.scope.workspaceId, day: sql`(now() at time zone 'utc')::date`, leads: 100000 });
    // As many paused runs as the worker works on at once (RUN_MAX_ACTIVE, 4 by default), all older than the next.
    const paused = [];
    for (let i = 0; i < 4; i++) paused.push(await limited.waitFor((await limited.start({ mode: "interactive" })).id, (run) => run.status === "paused"));
    try {
      const other = await workspaceWithLeads(5, "Queued after");
      const run = await other.waitFor((await other.start({ mode: "interactive" })).id);
      expect(run).toMatchObject({ status: "succeeded", done: 5 });
    } finally {
      for (const run of paused) await helpers.call("POST", `/runs/${run.id}/cancel/`, { headers: limited.headers });
    }
  });
});

describe("batch runs", () => {
  it("go through Gemini's Batch API end to end at half price, with a fallback for a lost answer", async () => {
    const ws = await workspaceWithLeads(60, "Batch");
    fake.batchPlan = { pendingPolls: 1, omitKeys: ["r0"] };
    try {
      const run = await ws.start();
      expect(run.mode).toBe("batch");
      const waiting = await ws.waitFor(run.id, (current) => current.batch?.state === "pending" || current.batch?.state === "running");
      expect(waiting.status).toBe("running");
      const done = await ws.waitFor(run.id);
      expect(done).toMatchObject({ status: "succeeded", done: 60, total: 60, fallbacks: 5 });
      const batch = [...fake.batches.values()].at(-1)!;
      expect(batch.keys).toHaveLength(12);
      const { estimateCostUsd } = await import("@/lib/ai/pricing");
      const usage = { promptTokens: done.tokens.input, outputTokens: done.tokens.output, thinkingTokens: done.tokens.thinking, calls: done.ai_calls };
      expect(done.tokens.input).toBeGreaterThan(0);
      expect(done.estimated_cost_usd).toBeCloseTo(estimateCostUsd(MODEL, usage, "interactive")! / 2, 9);
      const rows = await ws.results();
      expect(rows.filter((row) => row.ai_provider === "fallback")).toHaveLength(5);
      expect(rows.filter((row) => row.ai_provider === "gemini")).toHaveLength(55);
    } finally {
      fake.batchPlan = {};
    }
  });

  it("resubmits at once the leads of an instance that died between claiming them and recording its job", async () => {
    const ws = await workspaceWithLeads(8, "Batch orphan");
    const { getDb } = await import("@/db");
    const { leads, scoringClaims } = await import("@/db/schema");
    const { insertRun } = await import("../support/runs");
    const { wakeRunWorker } = await import("@/lib/services/run-worker");
    const db = await getDb();
    // As the dead instance left it: the run's leads held for a day, and no job recorded.
    const id = await insertRun(ws.scope, ws.offer.id, "running", undefined, "batch");
    const ids = (await db.select({ id: leads.id }).from(leads).where(eq(leads.workspaceId, ws.scope.workspaceId))).map((row) => row.id);
    await db.insert(scoringClaims).values(
      ids.map((leadId) => ({ workspaceId: ws.scope.workspaceId, leadId, offerId: ws.offer.id, runId: id, claimedAt: sql`now() + interval '25 hours'` })),
    );
    const jobs = fake.batches.size;
    wakeRunWorker();
    const done = await ws.waitFor(id);
    expect(done).toMatchObject({ status: "succeeded", done: 8 });
    expect(fake.batches.size).toBe(jobs + 1);
    expect((await ws.results()).every((row) => row.score !== null && row.run_id === id)).toBe(true);
  });

  /**
   * As an instance that died while submitting left a batch run: its leads held for a day, and the
   * submission recorded (display name and which leads each request holds) but not the job's name.
   * With `atGoogle`, the create call had reached Google before the instance died.
   */
  async function interruptedSubmission(prefix: string, atGoogle: boolean) {
    const ws = await workspaceWithLeads(8, prefix);
    const { getDb } = await import("@/db");
    const { leads, scoringClaims } = await import("@/db/schema");
    const { setRunBatch } = await import("@/db/queries/runs");
    const { readLeads } = await import("@/db/queries/scoring");
    const { getGeminiBatchClient } = await import("@/lib/ai");
    const { insertRun } = await import("../support/runs");
    const db = await getDb();
    const id = await insertRun(ws.scope, ws.offer.id, "running", undefined, "batch");
    const ids = (await db.select({ id: leads.id }).from(leads).where(eq(leads.workspaceId, ws.scope.workspaceId)).orderBy(leads.id)).map((row) => row.id);
    await db.insert(scoringClaims).values(
      ids.map((leadId) => ({ workspaceId: ws.scope.workspaceId, leadId, offerId: ws.offer.id, runId: id, claimedAt: sql`now() + interval '25 hours'` })),
    );
    const keys = { r0: ids.slice(0, 5), r1: ids.slice(5) };
    const displayName = `intentscore-run-${id}-0dead0ff`;
    if (atGoogle) {
      const stored = await readLeads(ws.scope, ids);
      const items = Object.entries(keys).map(([key, leadIds]) => ({ key, leads: stored.filter((lead) => leadIds.includes(lead.id)) }));
      await getGeminiBatchClient()!.submit(ws.offer, items, displayName);
    }
    await setRunBatch(ws.scope, id, { name: displayName, state: "submitting", keys, nextPollAt: null });
    return { ws, id };
  }

  it("adopts the job an instance submitted just before it died, instead of paying for it twice", async () => {
    const { ws, id } = await interruptedSubmission("Batch adopted", true);
    const { wakeRunWorker } = await import("@/lib/services/run-worker");
    const jobs = fake.batches.size;
    const listed = fake.calls.filter((call) => call === "GET /v1beta/batches").length;
    wakeRunWorker();
    const done = await ws.waitFor(id);
    expect(done).toMatchObject({ status: "succeeded", done: 8, fallbacks: 0 });
    expect(fake.batches.size).toBe(jobs);
    expect(fake.calls.filter((call) => call === "GET /v1beta/batches").length).toBeGreaterThan(listed);
    expect((await ws.results()).every((row) => row.ai_provider === "gemini" && row.run_id === id)).toBe(true);
  });

  it("submits the leads again when the interrupted submission never reached Google", async () => {
    const { ws, id } = await interruptedSubmission("Batch lost", false);
    const { wakeRunWorker } = await import("@/lib/services/run-worker");
    const jobs = fake.batches.size;
    wakeRunWorker();
    const done = await ws.waitFor(id);
    expect(done).toMatchObject({ status: "succeeded", done: 8, fallbacks: 0 });
    expect(fake.batches.size).toBe(jobs + 1);
    expect((await ws.results()).every((row) => row.ai_provider === "gemini" && row.run_id === id)).toBe(true);
  });

  it("a run cancelled while its job goes to Google gets that job cancelled at once", async () => {
    const ws = await workspaceWithLeads(8, "Batch cancelled mid-submit");
    fake.batchPlan = { createDelayMs: 1_500, pendingPolls: 1_000 };
    try {
      const jobs = fake.batches.size;
      const run = await ws.start({ mode: "batch" });
      await ws.waitFor(run.id, (current) => current.batch?.state === "submitting");
      expect((await helpers.call("POST", `/runs/${run.id}/cancel/`, { headers: ws.headers })).status).toBe(200);
      for (let i = 0; i < 100 && [...fake.batches.values()].at(-1)?.state !== "BATCH_STATE_CANCELLED"; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(fake.batches.size).toBe(jobs + 1);
      expect([...fake.batches.values()].at(-1)!.state).toBe("BATCH_STATE_CANCELLED");
      expect(await ws.get(run.id)).toMatchObject({ status: "cancelled", done: 0 });
    } finally {
      fake.batchPlan = {};
    }
  });

  it("a create call Google refuses fails the run clearly; one that fails on the way is sent again, once", async () => {
    const ws = await workspaceWithLeads(8, "Batch refused");
    const create = /^POST \/v1beta\/models\/[^/]+:batchGenerateContent$/;
    fake.interrupt = (route) => (create.test(route) ? 400 : undefined);
    const jobs = fake.batches.size;
    try {
      const refused = await ws.waitFor((await ws.start({ mode: "batch" })).id);
      expect(refused).toMatchObject({ status: "failed", error_code: "batch_failed", done: 0 });
      expect(refused.error).toContain("HTTP 400");
      let failures = 1;
      fake.interrupt = (route) => (create.test(route) && failures-- > 0 ? 503 : undefined);
      const logs = captureLogs();
      let retried: Run;
      try {
        retried = await ws.waitFor((await ws.start({ mode: "batch" })).id);
      } finally {
        logs.restore();
      }
      expect(retried).toMatchObject({ status: "succeeded", done: 8, fallbacks: 0 });
      expect(fake.batches.size).toBe(jobs + 1);
      // The failure is logged by its status; the answer's body, which may quote the request, is not.
      expect(logs.text()).toContain("HTTP 503");
      expect(logs.text()).not.toContain("currently unavailable");
    } finally {
      fake.interrupt = undefined;
    }
  });

  it("a failing poll waits for the next poll time, and a job Google no longer gives out fails the run", async () => {
    const ws = await workspaceWithLeads(8, "Batch lost");
    fake.batchPlan = { pendingPolls: 1_000 };
    const polls = () => fake.calls.filter((call) => call.startsWith("GET /v1beta/batches/")).length;
    try {
      const run = await ws.start({ mode: "batch" });
      await ws.waitFor(run.id, (current) => current.batch?.state === "pending");
      fake.interrupt = (route) => (/^GET \/v1beta\/batches\//.test(route) ? 503 : undefined);
      const before = polls();
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      // GEMINI_BATCH_POLL_SECONDS=1: two or three polls in 2.5 s, not one per worker scan (RUN_POLL_MS=100).
      expect(polls() - before).toBeLessThanOrEqual(3);
      expect(await ws.get(run.id)).toMatchObject({ status: "running" });
      fake.interrupt = (route) => (/^GET \/v1beta\/batches\//.test(route) ? 404 : undefined);
      const failed = await ws.waitFor(run.id);
      expect(failed).toMatchObject({ status: "failed", error_code: "batch_failed", done: 0 });
      expect(failed.error).toMatch(/^Google no longer gives out the batch job \(Gemini answered HTTP 404 /);
    } finally {
      fake.interrupt = undefined;
      fake.batchPlan = {};
    }
    const again = await ws.waitFor((await ws.start({ mode: "interactive" })).id);
    expect(again).toMatchObject({ status: "succeeded", done: 8 });
  });

  it("counts a finished job's usage once when a run resumed after a crash saves its answers again", async () => {
    const ws = await workspaceWithLeads(10, "Batch saved twice");
    const { getDb } = await import("@/db");
    const { scoringRuns } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    const db = await getDb();
    fake.batchPlan = { pendingPolls: 1 };
    try {
      const run = await ws.start({ mode: "batch" });
      await ws.waitFor(run.id, (current) => current.batch?.state === "pending");
      const [recorded] = await db.select({ batchName: scoringRuns.batchName, batchState: scoringRuns.batchState, batchKeys: scoringRuns.batchKeys }).from(scoringRuns).where(eq(scoringRuns.id, run.id));
      const done = await ws.waitFor(run.id);
      expect(done).toMatchObject({ status: "succeeded", done: 10 });
      // As an instance that died after saving the answers, before it cleared the job, leaves the run.
      await db.update(scoringRuns).set({ status: "running", finishedAt: null, ...recorded, nextPollAt: null, leaseOwner: null, leaseUntil: null }).where(eq(scoringRuns.id, run.id));
      // As the next instance that starts does.
      (await import("@/lib/services/run-worker")).wakeRunWorker();
      const again = await ws.waitFor(run.id);
      expect(again).toMatchObject({ status: "succeeded", done: 10, ai_calls: done.ai_calls, tokens: done.tokens, estimated_cost_usd: done.estimated_cost_usd });
    } finally {
      fake.batchPlan = {};
    }
  });

  it("cancelling a batch run cancels its job at Google", async () => {
    const ws = await workspaceWithLeads(8, "Batch cancelled");
    fake.batchPlan = { pendingPolls: 1_000 };
    try {
      const run = await ws.start({ mode: "batch" });
      const queued = await ws.waitFor(run.id, (current) => current.batch?.state === "pending");
      expect(queued.status).toBe("running");
      const job = [...fake.batches.values()].at(-1)!;
      expect(job.displayName).toMatch(new RegExp(`^intentscore-run-${run.id}-`));
      expect((await helpers.call("POST", `/runs/${run.id}/cancel/`, { headers: ws.headers })).status).toBe(200);
      expect(job.state).toBe("BATCH_STATE_CANCELLED");
      expect(await ws.get(run.id)).toMatchObject({ status: "cancelled", done: 0 });
    } finally {
      fake.batchPlan = {};
    }
  });

  it.each([
    ["expired", "batch_expired"],
    ["failed", "batch_failed"],
  ] as const)("a batch job that %s fails the run clearly and leaves the leads unscored for the next run", async (outcome, code) => {
    const ws = await workspaceWithLeads(8, `Batch ${outcome}`);
    fake.batchPlan = { outcome };
    try {
      const run = await ws.waitFor((await ws.start({ mode: "batch" })).id);
      expect(run).toMatchObject({ status: "failed", error_code: code, done: 0 });
      expect((await ws.results()).every((row) => row.score === null)).toBe(true);
    } finally {
      fake.batchPlan = {};
    }
    const again = await ws.waitFor((await ws.start({ mode: "interactive" })).id);
    expect(again).toMatchObject({ status: "succeeded", done: 8 });
  });
});
