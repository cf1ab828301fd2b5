import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { count } from "drizzle-orm";
import { integer, pgSchema, text } from "drizzle-orm/pg-core";
import { afterAll, describe, expect, it, vi } from "vitest";

// drizzle-kit's own bookkeeping table, declared here only to count its rows.
const applied = pgSchema("drizzle").table("__drizzle_migrations", { id: integer(), hash: text() });

describe("migrations", () => {
  let dir: string | undefined;
  afterAll(async () => {
    vi.unstubAllEnvs();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("apply once, however often the server starts, and keep the data", async () => {
    // An in-memory database would start empty each time; use one on disk.
    if (process.env.DATABASE_URL?.startsWith("memory:")) {
      dir = await mkdtemp(path.join(tmpdir(), "intentscore-migrate-"));
      vi.stubEnv("DATABASE_URL", `file:${dir}`);
      vi.resetModules();
    }
    const { closeDb, getDb, migrateDatabase } = await import("@/db");
    const { createOffer, listOffers } = await import("@/db/queries/offers");
    const { createTestWorkspace } = await import("../support/workspaces");
    const files = (await readdir("drizzle")).filter((file) => file.endsWith(".sql"));

    await migrateDatabase();
    const { scope } = await createTestWorkspace();
    await createOffer(scope, { name: "Kept", value_props: ["a"], ideal_use_cases: ["b"], rules: null });
    await closeDb();
    await migrateDatabase();
    await closeDb();
    await migrateDatabase();

    const [row] = await (await getDb()).select({ n: count() }).from(applied);
    expect(row!.n).toBe(files.length);
    expect((await listOffers(scope)).map((offer) => offer.name)).toEqual(["Kept"]);
    await closeDb();
  });
});
