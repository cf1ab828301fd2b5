import { describe, expect, it, vi } from "vitest";
import { api } from "../support/api";

describe("GET /healthz", () => {
  it("answers 200 once the database is migrated and reachable", async () => {
    const response = await api.get("/healthz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("answers 503 when the database cannot be reached, on every endpoint", async () => {
    vi.resetModules();
    const reachable = process.env.DATABASE_URL;
    vi.stubEnv("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none");
    const down = await import("@/app/(api)/healthz/route");
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const response = await down.GET(new Request("http://localhost/healthz"), { params: Promise.resolve({}) });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: "The database is not reachable or not migrated yet. Try again shortly.",
      code: "database_unavailable",
    });
    expect(errors).toHaveBeenCalled();
    const { api } = await import("../support/api");
    for (const response of [await api.get("/results/"), await api.postJson("/score/"), await api.get("/product/offer/")]) {
      expect(response.status).toBe(503);
      expect((await response.json()).code).toBe("database_unavailable");
    }
    errors.mockRestore();
    vi.unstubAllEnvs();
    expect(process.env.DATABASE_URL).toBe(reachable);
  });
});
