import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it, vi } from "vitest";
import { PGLITE_LOCK_STALE_MS } from "@/db";
import { startFakeGemini } from "../support/fake-gemini";

// The embedded engine's own test (its database is a directory the next process reopens); on
// PostgreSQL, run-instances.test.ts kills an instance mid-run.
describe.runIf(process.env.DATABASE_URL?.startsWith("memory:"))("a process killed in the middle of a scoring run (embedded database on disk)", () => {
  let dir: string;
  afterAll(async () => {
    vi.unstubAllEnvs();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("keeps every upload and every finished batch; the restarted instance finishes the run, each lead scored once", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "intentscore-crash-"));
    // The first two requests are answered; later ones hang, as if Gemini were slow when the process died.
    const fake = await startFakeGemini({ respond: (request) => (request.call <= 2 ? undefined : { kind: "hang", ms: 60_000 }) });
    const env = {
      ...process.env,
      DATABASE_URL: `file:${dir}`,
      GEMINI_API_KEY: "test-key",
      GEMINI_BASE_URL: fake.url,
      GEMINI_BATCH_SIZE: "5",
      GEMINI_MAX_CONCURRENCY: "2",
      RUN_POLL_MS: "200",
      // Both processes act in the workspace headless initialization makes, with its key.
      INTENTSCORE_INIT_USER_EMAIL: "owner@example.com",
      INTENTSCORE_INIT_USER_PASSWORD: "a long enough password",
      INTENTSCORE_INIT_API_KEY: "isk_durability_test_key_0123456789abcdef",
    };
    const child = spawn(process.execPath, ["--import", "tsx", "test/support/crash-child.ts"], { env, stdio: ["ignore", "pipe", "inherit"] });
    let runId = 0;
    createInterface({ input: child.stdout! }).on("line", (line) => (runId = (JSON.parse(line) as { run_id: number }).run_id));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, killed) => resolve(killed)));
    expect(signal).toBe("SIGKILL");
    expect(runId).toBeGreaterThan(0);
    // The killed process's lock on the directory is taken over once it has gone stale.
    await sleep(PGLITE_LOCK_STALE_MS + 500);

    fake.respond = undefined;
    const askedBefore = new Set(fake.requests.slice(0, 2).flatMap((request) => request.leads.map((lead) => lead.id)));
    const requestsBefore = fake.requests.length;
    for (const [key, value] of Object.entries(env)) if (/^(GEMINI_|INTENTSCORE_INIT_|RUN_)/.test(key) || key === "DATABASE_URL") vi.stubEnv(key, value!);
    vi.resetModules();
    const { api } = await import("../support/api");

    // What the dead process left: every upload, and the two batches it saved, counted on its run.
    const before: { score: number | null }[] = await (await api.get("/results/")).json();
    expect(before).toHaveLength(20);
    expect(before.filter((row) => row.score !== null)).toHaveLength(10);
    expect(await (await api.get(`/runs/${runId}/`)).json()).toMatchObject({ status: "running", done: 10 });

    // The instance starts again: its worker picks the run up by itself.
    const { startRunWorker } = await import("@/lib/services/run-worker");
    startRunWorker();
    let run: { status: string; done: number; total: number; attempts?: number } = { status: "", done: 0, total: 0 };
    for (let i = 0; i < 200 && run.status !== "succeeded"; i++) {
      await sleep(100);
      run = await (await api.get(`/runs/${runId}/`)).json();
    }
    expect(run).toMatchObject({ status: "succeeded", done: 20, total: 20 });
    const after: { id: number; score: number | null; run_id: number }[] = await (await api.get("/results/")).json();
    expect(after.every((row) => row.score !== null && row.run_id === runId)).toBe(true);
    // Only the ten leads that were never saved went to Gemini again.
    const askedAfter = fake.requests.slice(requestsBefore).flatMap((request) => request.leads.map((lead) => lead.id));
    expect(askedAfter).toHaveLength(10);
    expect(askedAfter.filter((id) => askedBefore.has(id))).toEqual([]);

    const { closeDb } = await import("@/db");
    const { stopRunWorker } = await import("@/lib/services/run-worker");
    await stopRunWorker();
    await closeDb();
    await fake.close();
  }, 90_000);
});
