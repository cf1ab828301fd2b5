import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { captureLogs } from "../support/logs";

// Each scenario gets a database of its own (a fresh in-memory PGlite, or a throwaway PostgreSQL
// database), points the app at it through a fresh module graph, and breaks it for real.
const onPostgres = !process.env.DATABASE_URL?.startsWith("memory:");
const adminUrl = process.env.TEST_DATABASE_URL;
const admin = onPostgres ? postgres(adminUrl!, { max: 1, onnotice: () => {} }) : undefined;
const created: string[] = [];

async function freshDatabase(): Promise<{ url: string; name: string }> {
  const name = `intentscore_outage_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  if (!admin) return { url: `memory:${name}`, name };
  await admin.unsafe(`create database ${name}`);
  created.push(name);
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  return { url: url.toString(), name };
}

/** The app on a fresh module graph, reading DATABASE_URL anew, with the lead's data it wrote. */
async function openApp(url: string) {
  vi.resetModules();
  vi.stubEnv("DATABASE_URL", url);
  const [{ api, call, SAMPLE_OFFER, leadsCsv }, db] = await Promise.all([import("../support/api"), import("@/db")]);
  expect((await api.get("/healthz")).status).toBe(200);
  await api.postJson("/product/offer/", SAMPLE_OFFER);
  await api.upload(leadsCsv([["Ava Chen", "CEO", "Acme", "SaaS", "Oslo", ""]]));
  return { api, call, db, SAMPLE_OFFER, leadsCsv };
}

type App = Awaited<ReturnType<typeof openApp>>;

/**
 * Every endpoint, each with a request that must reach the database (checking its API key does).
 * `headers` stand in for the test workspace's key where the database was never reachable.
 */
const everyEndpoint = (app: Pick<App, "api" | "SAMPLE_OFFER" | "leadsCsv">, headers?: Record<string, string>) => ({
  "GET /healthz": () => app.api.get("/healthz", headers),
  "GET /product/offer/": () => app.api.get("/product/offer/", headers),
  "POST /product/offer/": () => app.api.postJson("/product/offer/", app.SAMPLE_OFFER, headers),
  "GET /product/offer/1/": () => app.api.get("/product/offer/1/", headers),
  "POST /leads/upload/": () =>
    app.api.upload(app.leadsCsv([["Zelda Privatename", "CEO", "Acme", "SaaS", "Oslo", "private bio"]]), undefined, undefined, headers),
  "POST /score/": () => app.api.postJson("/score/", { rescore: true }, headers),
  "GET /results/": () => app.api.get("/results/", headers),
  "GET /csv/": () => app.api.get("/csv/", headers),
});

async function expectUnavailable(response: Response, what: string) {
  expect(response.status, what).toBe(503);
  expect(await response.json(), what).toEqual({
    error: "The database is not available right now. Try again shortly.",
    code: "database_unavailable",
  });
}

let errors: ReturnType<typeof captureLogs> | undefined;

function silenceErrors() {
  errors = captureLogs();
}

/** No log line may carry a lead's data. */
function expectNoLeadDataLogged() {
  expect(errors!.text()).not.toMatch(/Zelda|Privatename|private bio/);
}

afterEach(async () => {
  const { closeDb } = await import("@/db");
  await closeDb();
  errors?.restore();
  vi.unstubAllEnvs();
});

afterAll(async () => {
  for (const name of created) await admin!.unsafe(`drop database if exists ${name} with (force)`);
  await admin?.end();
});

describe("the database unavailable in any form → 503 database_unavailable everywhere", () => {
  it("a closed port (connection refused)", async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    vi.resetModules();
    vi.stubEnv("DATABASE_URL", `postgres://nobody@127.0.0.1:${port}/none`);
    silenceErrors();
    const { api, SAMPLE_OFFER, leadsCsv } = await import("../support/api");
    const anyKey = { authorization: "Bearer isk_never-checked-because-the-database-is-down" };
    for (const [what, request] of Object.entries(everyEndpoint({ api, SAMPLE_OFFER, leadsCsv }, anyKey))) {
      await expectUnavailable(await request(), what);
    }
    expect(errors!.lines().some((line) => line.level === 50)).toBe(true);
    expectNoLeadDataLogged();
  });

  it("tables dropped under the running app (42P01)", async () => {
    const app = await openApp((await freshDatabase()).url);
    silenceErrors();
    await (await app.db.getDb()).execute(sql`drop schema public cascade`);
    await (await app.db.getDb()).execute(sql`create schema public`);
    for (const [what, request] of Object.entries(everyEndpoint(app))) await expectUnavailable(await request(), what);
    expectNoLeadDataLogged();
  });

  it("one column gone (42703): the health check reads every column", async () => {
    const app = await openApp((await freshDatabase()).url);
    silenceErrors();
    await (await app.db.getDb()).execute(sql`alter table scores drop column breakdown`);
    await expectUnavailable(await app.api.get("/healthz"), "GET /healthz");
    await expectUnavailable(await app.api.get("/results/"), "GET /results/");
  });

  // Every API call writes (its key's rate-limit counter), so reads are refused too, with the same 503.
  it("a read-only database (25006): every endpoint answers 503", async () => {
    const { url, name } = await freshDatabase();
    const app = await openApp(url);
    silenceErrors();
    if (onPostgres) {
      await admin!.unsafe(`alter database ${name} set default_transaction_read_only = on`);
      // The setting applies to new sessions: end the app's current ones.
      await admin!.unsafe(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}' and pid <> pg_backend_pid()`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await app.api.get("/results/"); // the first query after the cut may meet a closed connection
    } else {
      await (await app.db.getDb()).execute(sql`set default_transaction_read_only = on`);
    }
    for (const [what, request] of Object.entries(everyEndpoint(app))) await expectUnavailable(await request(), what);
    expectNoLeadDataLogged();
  });

  it("a scoring stream cut by an outage ends with an error line naming it", async () => {
    const app = await openApp((await freshDatabase()).url);
    await app.api.upload(app.leadsCsv(Array.from({ length: 3000 }, (_, i) => [`Lead ${i}`, "CEO", "Co", "SaaS", "Oslo", ""])));
    silenceErrors();
    const response = await app.api.postJson("/score/", {}, { accept: "application/x-ndjson" });
    expect(response.status).toBe(200);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const events: { type: string; code?: string }[] = [];
    let buffer = "";
    let broken = false;
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      buffer += part.value;
      const complete = buffer.split("\n");
      buffer = complete.pop()!;
      events.push(...complete.map((line) => JSON.parse(line)));
      if (!broken && events.some((event) => event.type === "progress")) {
        broken = true;
        await (await app.db.getDb()).execute(sql`drop table scores cascade`);
      }
    }
    expect(events[0]!.type).toBe("start");
    expect(events.at(-1)).toEqual({
      type: "error",
      error: "The database is not available right now. Try again shortly. Scores saved so far are kept; run it again to finish.",
      code: "database_unavailable",
    });
  });

  it.runIf(onPostgres)("a database dropped under the running app (57P01, then 3D000)", async () => {
    const { url, name } = await freshDatabase();
    const app = await openApp(url);
    silenceErrors();
    await admin!.unsafe(`drop database ${name} with (force)`);
    for (const [what, request] of Object.entries(everyEndpoint(app))) await expectUnavailable(await request(), what);
    // A fresh start against the dropped database fails the same way.
    const restarted = await import("../support/api").then(async (support) => {
      const { closeDb } = await import("@/db");
      await closeDb();
      return support.api.get("/healthz");
    });
    await expectUnavailable(restarted, "GET /healthz after a restart");
    expect(errors!.text()).toMatch(/3D000|57P01/);
    expectNoLeadDataLogged();
  });
});
