import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { api } from "../support/api";
import { captureLogs } from "../support/logs";

describe("GET /healthz", () => {
  it("answers 200 once the database is migrated and reachable", async () => {
    const response = await api.get("/healthz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("answers 503 while a migration is recorded as pending", async () => {
    const db = await getDb();
    const [row] = await db.select({ latest: sql<string>`max(created_at)::text` }).from(sql`drizzle.__drizzle_migrations`);
    const latest = Number(row!.latest);
    await db.execute(sql`update drizzle.__drizzle_migrations set created_at = created_at - 1 where created_at = ${latest}`);
    const errors = captureLogs();
    const response = await api.get("/healthz");
    expect(response.status).toBe(503);
    expect((await response.json()).code).toBe("database_unavailable");
    expect(errors.text()).toContain("Migrations are pending");
    errors.restore();
    await db.execute(sql`update drizzle.__drizzle_migrations set created_at = created_at + 1 where created_at = ${latest - 1}`);
    expect((await api.get("/healthz")).status).toBe(200);
  });
});
