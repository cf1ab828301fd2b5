import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// On Vercel there is no long-lived process: the request that queues a run works on it after
// answering (next/server's after(), which only a Next.js request scope provides — recorded here),
// and the cron route resumes what is left.
const slices: Promise<unknown>[] = [];
vi.mock("next/server", async (original) => ({ ...(await original<typeof import("next/server")>()), after: (task: Promise<unknown>) => slices.push(task) }));

const SECRET = "cron-secret-for-tests-0123456789";
let helpers: typeof import("../support/api");

beforeAll(async () => {
  vi.stubEnv("VERCEL", "1");
  vi.stubEnv("CRON_SECRET", SECRET);
  vi.stubEnv("RUN_SLICE_SECONDS", "20");
  helpers = await import("../support/api");
});

afterAll(() => vi.unstubAllEnvs());

type Run = { id: number; status: string; done: number; total: number };

describe("runs on a serverless host", () => {
  it("the request that queues a run works on it in an after() slice", async () => {
    const { api, leadsCsv, SAMPLE_OFFER } = helpers;
    await api.postJson("/product/offer/", SAMPLE_OFFER);
    await api.upload(leadsCsv(Array.from({ length: 40 }, (_, i) => [`Slice ${i}`, "CEO", "Co", "SaaS", "Oslo", ""])));
    const queued: Run = await (await api.postJson("/runs/", {})).json();
    expect(slices).toHaveLength(1);
    await slices[0];
    expect(await (await api.get(`/runs/${queued.id}/`)).json()).toMatchObject({ status: "succeeded", done: 40, total: 40 });
  });

  it("the cron route, with the secret, resumes runs no request is working on", async () => {
    const { api, call, testWorkspace } = helpers;
    const { insertRun } = await import("../support/runs");
    const offer = await (await api.postJson("/product/offer/", { ...helpers.SAMPLE_OFFER, name: "Cron" })).json();
    const { scope } = await testWorkspace();
    // Queued by a function that reached its time limit before starting on it.
    const id = await insertRun(scope, offer.id, "queued");

    expect((await call("GET", "/cron/runs/")).status).toBe(401);
    expect((await call("GET", "/cron/runs/", { headers: { authorization: "Bearer wrong-secret-0123456789abcdef" } })).status).toBe(401);
    const response = await call("GET", "/cron/runs/", { headers: { authorization: `Bearer ${SECRET}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ runs: 1, webhooks: { claimed: 0 } });
    expect(await (await api.get(`/runs/${id}/`)).json()).toMatchObject({ status: "succeeded", done: 40 });
  });

  it("refuses every call to the cron route while CRON_SECRET is unset", async () => {
    const { env } = await import("@/lib/env");
    const secret = env.CRON_SECRET;
    env.CRON_SECRET = undefined;
    try {
      const response = await helpers.call("GET", "/cron/runs/", { headers: { authorization: `Bearer ${SECRET}` } });
      expect(response.status).toBe(403);
      expect((await response.json()).code).toBe("cron_not_configured");
    } finally {
      env.CRON_SECRET = secret;
    }
  });
});
