import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { leadsAsked, startFakeGemini, type FakeGemini } from "../test/support/fake-gemini";
import { currentE2eSettings, freePort } from "./settings";

// Production servers (`npm start`, the standalone build) killed with SIGKILL mid-run: the run
// survives its server. Each server here is a process group of its own, so the kill takes it whole.
test.describe.configure({ mode: "serial" });
const { dir } = currentE2eSettings();
const KEY = "isk_e2e_crash_server_key_0123456789abcdef";
const LEADS = 300;
const headers = { authorization: `Bearer ${KEY}` };

type Server = { url: string; child: ChildProcess };
type Run = { id: number; status: string; done: number; total: number };

const servers: Server[] = [];
const fakes: FakeGemini[] = [];
test.afterAll(async () => {
  for (const server of servers) if (server.child.exitCode === null && server.child.signalCode === null) process.kill(-server.child.pid!, "SIGKILL");
  await Promise.all(fakes.map((fake) => fake.close()));
});

async function startServer(databaseUrl: string, fake: FakeGemini): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
    env: {
      ...process.env,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
      DATABASE_URL: databaseUrl,
      BETTER_AUTH_SECRET: "e2e-secret-0123456789-0123456789-abcdef",
      BETTER_AUTH_URL: url,
      INTENTSCORE_INIT_USER_EMAIL: "crash-owner@example.com",
      INTENTSCORE_INIT_USER_PASSWORD: "crash-owner-password",
      INTENTSCORE_INIT_API_KEY: KEY,
      GEMINI_API_KEY: "e2e-fake-key",
      GEMINI_BASE_URL: fake.url,
      GEMINI_MODEL: "gemini-e2e",
      GEMINI_BATCH_SIZE: "5",
      GEMINI_MAX_CONCURRENCY: "2",
      GEMINI_BATCH_MODE_THRESHOLD: "100000",
      RUN_POLL_MS: "200",
      RUN_CLAIM_TTL_SECONDS: "3",
    },
  });
  const server = { url, child };
  servers.push(server);
  // Quiet unless it fails: a restart logs the killed server's lock until it goes stale.
  let errors = "";
  child.stderr!.on("data", (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4_000)));
  // A restart on the embedded database waits for the killed server's lock to go stale (10 s).
  for (let i = 0; i < 300 && child.exitCode === null; i++) {
    const healthy = await fetch(`${url}/healthz`).then((response) => response.ok, () => false);
    if (healthy) return server;
    await sleep(200);
  }
  throw new Error(`The server on ${url} did not start (exit code ${child.exitCode}):\n${errors}`);
}

async function kill(server: Server): Promise<void> {
  const exited = once(server.child, "exit");
  process.kill(-server.child.pid!, "SIGKILL");
  await exited;
}

async function call<T>(server: Server, method: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}${route}`, {
    method,
    headers: { ...headers, ...(body instanceof FormData || body === undefined ? {} : { "content-type": "application/json" }) },
    body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status, `${method} ${route}`).toBeLessThan(300);
  return (await response.json()) as T;
}

/** An offer and LEADS leads, then a run of them: answers the run's id. */
async function startRun(server: Server, label: string): Promise<number> {
  await call(server, "POST", "/product/offer/", { name: `${label} offer`, value_props: ["Books meetings"], ideal_use_cases: ["B2B sales teams"] });
  const form = new FormData();
  const rows = Array.from({ length: LEADS }, (_, i) => `${label} Lead ${i},CEO,Company ${i},SaaS,Oslo,`);
  form.set("csv_file", new Blob([`name,role,company,industry,location,linkedin_bio\n${rows.join("\n")}\n`], { type: "text/csv" }), `${label}.csv`);
  await call(server, "POST", "/leads/upload/", form);
  const run = await call<Run>(server, "POST", "/runs/", {});
  expect(run.total).toBe(LEADS);
  return run.id;
}

async function waitForRun(server: Server, id: number, until: (run: Run) => boolean): Promise<Run> {
  for (let i = 0; i < 1_200; i++) {
    const run = await call<Run>(server, "GET", `/runs/${id}/`);
    if (until(run)) return run;
    await sleep(100);
  }
  throw new Error(`Run #${id} did not get there`);
}

/** The run finished with every lead scored by it, once. */
async function expectFinished(server: Server, id: number) {
  const ended = await waitForRun(server, id, (run) => run.status !== "queued" && run.status !== "running");
  expect(ended).toMatchObject({ status: "succeeded", done: LEADS, total: LEADS });
  const rows = await call<{ id: number; score: number | null; run_id: number | null }[]>(server, "GET", "/results/");
  expect(rows).toHaveLength(LEADS);
  expect(new Set(rows.map((row) => row.id)).size).toBe(LEADS);
  expect(rows.filter((row) => row.score === null || row.run_id !== id)).toEqual([]);
}


test("a server killed mid-run on the embedded database: the restarted server finishes the run, each lead scored once", async () => {
  test.setTimeout(120_000);
  const fake = await startFakeGemini({ latencyMs: 150 });
  fakes.push(fake);
  const database = `file:${path.join(dir, "crash-db")}`;
  const first = await startServer(database, fake);
  const id = await startRun(first, "Crash");
  await waitForRun(first, id, (run) => run.done >= 60);
  await kill(first);

  const restarted = await startServer(database, fake);
  const interrupted = await call<Run>(restarted, "GET", `/runs/${id}/`);
  expect(interrupted.done).toBeGreaterThanOrEqual(60);
  expect(interrupted.done).toBeLessThan(LEADS);
  await expectFinished(restarted, id);
  expect(leadsAsked(fake)).toBeGreaterThanOrEqual(LEADS);
});

const postgresUrl = process.env.TEST_DATABASE_URL;
test("two servers on one PostgreSQL share a run, and when one is killed the other finishes it", async () => {
  test.skip(!postgresUrl, "needs TEST_DATABASE_URL (a PostgreSQL server)");
  test.setTimeout(120_000);
  const name = `intentscore_e2e_instances_${process.pid}`;
  const admin = postgres(postgresUrl!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  try {
    const url = new URL(postgresUrl!);
    url.pathname = `/${name}`;
    // One fake Gemini per server, so each server's share of the work can be told apart.
    const [fakeA, fakeB] = [await startFakeGemini({ latencyMs: 250 }), await startFakeGemini({ latencyMs: 250 })];
    fakes.push(fakeA, fakeB);
    const a = await startServer(url.href, fakeA);
    const b = await startServer(url.href, fakeB);
    const id = await startRun(a, "Shared");
    // Both servers are at work on the run, which is not done yet, when one is killed.
    await expect.poll(() => Math.min(leadsAsked(fakeA), leadsAsked(fakeB)), { timeout: 30_000 }).toBeGreaterThan(0);
    await waitForRun(a, id, (run) => run.done >= 60);
    expect((await call<Run>(a, "GET", `/runs/${id}/`)).done).toBeLessThan(LEADS);

    await kill(a);
    await expectFinished(b, id);
    expect(b.child.exitCode).toBeNull();
  } finally {
    for (const server of servers.splice(0)) if (server.child.exitCode === null && server.child.signalCode === null) await kill(server);
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
});
