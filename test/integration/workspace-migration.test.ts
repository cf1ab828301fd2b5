import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it, vi } from "vitest";

// A database made by the version before accounts existed, with data in it, is opened by this one.
const onPostgres = !process.env.DATABASE_URL?.startsWith("memory:");
const adminUrl = process.env.TEST_DATABASE_URL;
const cleanup: (() => Promise<unknown>)[] = [];

afterAll(async () => {
  const { closeDb } = await import("@/db");
  await closeDb();
  vi.unstubAllEnvs();
  for (const step of cleanup.reverse()) await step();
});

/** A database at the first migration only, as the previous version left it. */
async function previousVersionDatabase(): Promise<{ url: string; exec: (statement: string) => Promise<void>; close: () => Promise<void> }> {
  const folder = await mkdtemp(path.join(tmpdir(), "intentscore-v1-migrations-"));
  cleanup.push(() => rm(folder, { recursive: true, force: true }));
  await cp("drizzle", folder, { recursive: true });
  const journal = JSON.parse(await readFile(path.join(folder, "meta/_journal.json"), "utf8"));
  journal.entries = journal.entries.slice(0, 1);
  await writeFile(path.join(folder, "meta/_journal.json"), JSON.stringify(journal));

  if (onPostgres) {
    const name = `intentscore_v1_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
    const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    cleanup.push(async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    });
    const url = new URL(adminUrl!);
    url.pathname = `/${name}`;
    const client = postgres(url.toString(), { max: 1, onnotice: () => {} });
    const [{ drizzle }, { migrate }] = await Promise.all([import("drizzle-orm/postgres-js"), import("drizzle-orm/postgres-js/migrator")]);
    await migrate(drizzle(client), { migrationsFolder: folder });
    return { url: url.toString(), exec: async (statement) => void (await client.unsafe(statement)), close: () => client.end() };
  }
  const dir = await mkdtemp(path.join(tmpdir(), "intentscore-v1-"));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  const [{ PGlite }, { drizzle }, { migrate }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
  ]);
  const client = new PGlite(dir);
  await migrate(drizzle(client), { migrationsFolder: folder });
  return { url: `file:${dir}`, exec: async (statement) => void (await client.exec(statement)), close: () => client.close() };
}

describe("upgrading a database from before workspaces", () => {
  it("puts all its data in one workspace, which the first account created comes to own", async () => {
    const previous = await previousVersionDatabase();
    await previous.exec(`
      insert into offers (name, value_props, ideal_use_cases) values ('Legacy offer', '["24/7 outreach"]', '["B2B SaaS"]');
      insert into uploads (filename, rows_accepted, rows_skipped) values ('old.csv', 2, 0);
      insert into leads (upload_id, name, role, company, industry, location) values
        (1, 'Old Lead One', 'CEO', 'Acme', 'SaaS', 'Oslo'), (1, 'Old Lead Two', 'Analyst', 'Beta', 'Retail', 'Rome'),
        (1, ' OLD lead-one', 'CEO', 'ACME.', 'SaaS', 'Oslo');
      insert into scores (lead_id, offer_id, rule_score, ai_intent, ai_score, ai_provider, ai_model, reasoning, score, intent, breakdown)
        values (1, 1, 50, 'High', 50, 'offline', 'offline-term-overlap-v1', 'kept', 100, 'High', '{}');
      insert into scoring_claims (lead_id, offer_id, run_id) values (2, 1, 'a-run-that-died');
    `);
    await previous.close();

    vi.resetModules();
    vi.stubEnv("DATABASE_URL", previous.url);
    const { api, call } = await import("../support/api");
    const { sessionCookie } = await import("../support/workspaces");
    const { migrateDatabase } = await import("@/db");
    await migrateDatabase();

    const owner = await call("POST", "/api/auth/sign-up/email", {
      headers: { "content-type": "application/json", "x-forwarded-for": "10.9.9.9" },
      body: JSON.stringify({ email: "first@example.com", password: "correct horse battery staple", name: "First Owner" }),
    });
    expect(owner.status, await owner.clone().text()).toBe(200);
    const cookie = sessionCookie(owner);

    const offers = await (await api.get("/product/offer/", { cookie })).json();
    expect(offers).toMatchObject([{ id: 1, name: "Legacy offer", value_props: ["24/7 outreach"] }]);
    const results = await (await api.get("/results/?sort=id", { cookie })).json();
    expect(results).toMatchObject([
      { id: 1, name: "Old Lead One", upload_id: 1, offer_id: 1, score: 100, intent: "High", reasoning: "kept" },
      { id: 2, name: "Old Lead Two", upload_id: 1, score: null },
      { id: 3, name: " OLD lead-one", upload_id: 1, score: null },
    ]);
    // The dead run's claim did not survive, so the unscored lead is free to score at once.
    const scored = await (await api.postJson("/score/", { offer_id: 1 }, { cookie, origin: "http://localhost" })).json();
    expect(scored.map((lead: { name: string }) => lead.name)).toEqual(["Old Lead Two", " OLD lead-one"]);

    // Stored leads got their identity (the copy stays, flagged): a new upload of the same person is a duplicate.
    const upload = await api.upload("name,role,company,industry,location,linkedin_bio\nold lead one,CEO,Acme,SaaS,Oslo,\nNew Lead,CTO,Acme,SaaS,Oslo,\n", "new.csv", "csv_file", { cookie, origin: "http://localhost" });
    expect(await upload.json()).toMatchObject({ uploaded: 2, created: 1, duplicates_skipped: 1 });
    const history = await (await api.get("/uploads/", { cookie })).json();
    expect(history).toMatchObject([
      { filename: "new.csv", rows_accepted: 2, rows_duplicate: 1, uploaded_by: { type: "user", name: "First Owner" } },
      { filename: "old.csv", rows_accepted: 2, rows_duplicate: 0, uploaded_by: null },
    ]);
  });
});
