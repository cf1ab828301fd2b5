import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { captureLogs } from "@/test/support/logs";
import { toErrorResponse } from "./errors";

const wrapped = (code: string) => Object.assign(new Error("Failed query: select 1"), { cause: Object.assign(new Error("boom"), { code }) });

describe("toErrorResponse", () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([
    { kind: "invalid_input", status: 400 },
    { kind: "not_found", status: 404 },
    { kind: "method_not_allowed", status: 405 },
    { kind: "payload_too_large", status: 413 },
    { kind: "unsupported_media_type", status: 415 },
    { kind: "not_implemented", status: 501 },
    { kind: "unavailable", status: 503 },
  ] as const)("maps $kind to $status", async ({ kind, status }) => {
    const response = toErrorResponse(new AppError(kind, "Said plainly.", { details: { a: 1 } }));
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error: "Said plainly.", code: kind, details: { a: 1 } });
  });

  it("turns a zod error into a 400 naming the field", async () => {
    const result = z.object({ name: z.string().min(1, "must not be empty") }).safeParse({ name: "" });
    const response = toErrorResponse(result.error);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: "Invalid name: must not be empty",
      code: "validation_failed",
      details: [{ path: "name", message: "must not be empty" }],
    });
  });

  it.each(["ECONNREFUSED", "CONNECTION_CLOSED", "57P01", "53300", "3D000", "42P01", "42703", "25006", "55000", "08006", "08001"])(
    "answers a database that cannot serve (%s) with 503",
    async (code) => {
      captureLogs();
      const response = toErrorResponse(wrapped(code));
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ error: "The database is not available right now. Try again shortly.", code: "database_unavailable" });
    },
  );

  it("answers a query on an embedded database closed for shutdown with 503", async () => {
    captureLogs();
    const response = toErrorResponse(Object.assign(new Error("Failed query: select 1"), { cause: new Error("PGlite is closed") }));
    expect(response.status).toBe(503);
  });

  it.each(["40001", "40P01"])("answers a deadlock or serialization conflict (%s) with 503, to try again", async (code) => {
    captureLogs();
    const response = toErrorResponse(wrapped(code));
    expect(response.status).toBe(503);
    expect((await response.json()).code).toBe("database_conflict");
  });

  it.each(["23505", "22P02", "42601"])("keeps other database errors (%s) a 500", (code) => {
    captureLogs();
    expect(toErrorResponse(wrapped(code)).status).toBe(500);
  });

  it("logs a failed query without its parameters or the values a message quotes", () => {
    const log = captureLogs();
    const driverError = Object.assign(new Error('invalid input syntax for type integer: "Zelda"'), {
      code: "22P02",
      parameters: ["Zelda Privatename"],
      detail: "Key (name)=(Zelda Privatename)",
    });
    const drizzleError = Object.assign(new Error('Failed query: insert into "leads" ("name") values ($1)\nparams: Zelda Privatename'), {
      query: 'insert into "leads" ("name") values ($1)',
      params: ["Zelda Privatename"],
      cause: driverError,
    });
    toErrorResponse(drizzleError);
    const logged = log.lines().map((line) => String(line.error)).join("\n");
    expect(logged).toContain('Failed query: insert into "leads" ("name") values ($1)');
    expect(logged).toContain("[22P02]");
    expect(log.text()).not.toContain("Zelda");
  });

  it("hides anything else behind a 500 without internals", async () => {
    const log = captureLogs();
    const response = toErrorResponse(new TypeError("secret internals at /srv/app.js:12"));
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("secret");
    expect(JSON.parse(text)).toEqual({ error: "Something went wrong on our side. Please try again.", code: "internal_error" });
    expect(log.lines()).toContainEqual(expect.objectContaining({ level: 50, msg: "Unhandled error while serving a request" }));
  });
});
