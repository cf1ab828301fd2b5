import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it, vi } from "vitest";
import { PGLITE_LOCK_STALE_MS } from "@/db";
import { startFakeGemini } from "../support/fake-gemini";

describe("a process killed in the middle of scoring (embedded database on disk)", () => {
  let dir: string;
  afterAll(async () => {
    vi.unstubAllEnvs();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("keeps every upload and every finished batch, and the next run finishes the rest", async () => {
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
      // Both processes act in the workspace headless initialization makes, with its key.
      INTENTSCORE_INIT_USER_EMAIL: "owner@example.com",
      INTENTSCORE_INIT_USER_PASSWORD: "a long enough password",
      INTENTSCORE_INIT_API_KEY: "isk_durability_test_key_0123456789abcdef",
    };
    const child = spawn(process.execPath, ["--import", "tsx", "test/support/crash-child.ts"], { env, stdio: "inherit" });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, killed) => resolve(killed)));
    expect(signal).toBe("SIGKILL");
    // The killed process's lock on the directory is taken over once it has gone stale.
    await sleep(PGLITE_LOCK_STALE_MS + 500);

    fake.respond = undefined;
    for (const [key, value] of Object.entries(env)) if (key.startsWith("GEMINI_") || key.startsWith("INTENTSCORE_INIT_") || key === "DATABASE_URL") vi.stubEnv(key, value!);
    vi.resetModules();
    const { api } = await import("../support/api");

    const before: { score: number | null }[] = await (await api.get("/results/")).json();
    expect(before).toHaveLength(20);
    expect(before.filter((row) => row.score !== null)).toHaveLength(10);

    const finished: unknown[] = await (await api.postJson("/score/")).json();
    expect(finished).toHaveLength(10);
    const after: { score: number | null }[] = await (await api.get("/results/")).json();
    expect(after.every((row) => row.score !== null)).toBe(true);

    const { closeDb } = await import("@/db");
    await closeDb();
    await fake.close();
  }, 90_000);
});
