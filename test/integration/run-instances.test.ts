import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { leadsAsked, startFakeGemini, type FakeGemini } from "../support/fake-gemini";

// Several instances against one PostgreSQL: this process only queues and watches (its own worker
// is off); two child processes are the instances that do the work.
const onPostgres = !process.env.DATABASE_URL?.startsWith("memory:");
const children: ChildProcess[] = [];
const fakes: FakeGemini[] = [];
let api: typeof import("../support/api").api;
let helpers: typeof import("../support/api");

const ENV = {
  GEMINI_API_KEY: "test-key",
  GEMINI_MODEL: "gemini-test",
  GEMINI_BATCH_SIZE: "5",
  GEMINI_MAX_CONCURRENCY: "2",
  GEMINI_BATCH_MODE_THRESHOLD: "100000",
  RUN_POLL_MS: "200",
  RUN_CLAIM_TTL_SECONDS: "3",
  INTENTSCORE_INIT_USER_EMAIL: "owner@example.com",
  INTENTSCORE_INIT_USER_PASSWORD: "a long enough password",
  INTENTSCORE_INIT_API_KEY: "isk_instances_test_key_0123456789abcdef",
};

async function startInstance(fake: FakeGemini): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/instance-child.ts"], {
    env: { ...process.env, ...ENV, GEMINI_BASE_URL: fake.url, RUN_WORKER: "true", LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  const lines = createInterface({ input: child.stdout! });
  await once(lines, "line");
  lines.on("line", (line) => process.stderr.write(`${line}\n`));
  return child;
}

describe.runIf(onPostgres)("two instances on one PostgreSQL", () => {
  beforeAll(async () => {
    for (const [key, value] of Object.entries(ENV)) vi.stubEnv(key, value);
    vi.stubEnv("RUN_WORKER", "false");
    // Two fakes, one per instance, so each instance's share of the work can be told apart.
    fakes.push(await startFakeGemini({ latencyMs: 60 }), await startFakeGemini({ latencyMs: 60 }));
    vi.stubEnv("GEMINI_BASE_URL", fakes[0]!.url);
    helpers = await import("../support/api");
    api = helpers.api;
    await api.postJson("/product/offer/", helpers.SAMPLE_OFFER);
  });

  afterAll(async () => {
    for (const child of children) child.kill("SIGKILL");
    await Promise.all(fakes.map((fake) => fake.close()));
    vi.unstubAllEnvs();
  });

  it("share one run's leads, and when one is killed mid-run the other finishes it: each lead scored once", async () => {
    const [a, b] = [await startInstance(fakes[0]!), await startInstance(fakes[1]!)];
    await api.upload(helpers.leadsCsv(Array.from({ length: 200 }, (_, i) => [`Shared ${i}`, "CEO", "Co", "SaaS", "Oslo", ""])));
    const queued: { id: number; total: number } = await (await api.postJson("/runs/", {})).json();
    expect(queued.total).toBe(200);

    const watch = async (until: (run: { status: string; done: number }) => boolean) => {
      for (let i = 0; i < 600; i++) {
        const run = await (await api.get(`/runs/${queued.id}/`)).json();
        if (until(run)) return run;
        await sleep(50);
      }
      throw new Error("the run did not get there");
    };
    await watch((run) => run.done >= 60);
    expect(leadsAsked(fakes[0]!)).toBeGreaterThan(0);
    expect(leadsAsked(fakes[1]!)).toBeGreaterThan(0);

    a.kill("SIGKILL");
    await once(a, "exit");
    const ended = await watch((run) => run.status !== "running" && run.status !== "queued");
    expect(ended).toMatchObject({ status: "succeeded", done: 200, total: 200 });
    const rows: { score: number | null; run_id: number | null }[] = await (await api.get("/results/")).json();
    expect(rows).toHaveLength(200);
    expect(rows.every((row) => row.score !== null && row.run_id === queued.id)).toBe(true);
    expect(b.exitCode).toBeNull();
  }, 90_000);
});
