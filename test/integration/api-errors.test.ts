import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { api, call, leadsCsv, SAMPLE_OFFER } from "../support/api";

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

async function expectJsonError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  expect((await response.json()).code).toBe(code);
}

describe("unknown paths under the API", () => {
  const paths = [
    "/results/1/",
    "/results/1",
    "/product/offer/1/extra",
    "/product/offer/abc/extra/",
    "/score/x",
    "/csv/a/b",
    "/leads/upload/x",
    "/leads/1/x",
    "/uploads/1/x",
    "/leads/",
    "/leads",
    "/product/",
    "/product",
    "/product/x/y/z",
    "/healthz/x",
  ];

  it.each(paths)("%s answers a JSON 404 to every method", async (target) => {
    for (const method of METHODS) {
      const response = await call(method, target, method === "POST" || method === "PUT" || method === "PATCH" ? { body: "{}" } : {});
      expect(response.status, `${method} ${target}`).toBe(404);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await response.json()).toEqual({ error: `There is no API endpoint at ${new URL(target, "http://x").pathname}.`, code: "not_found" });
    }
  });

  it("covers every API prefix, so a new one cannot forget its catch-all", async () => {
    const prefixes = readdirSync(path.join(process.cwd(), "app", "(api)"));
    expect(prefixes).toEqual(expect.arrayContaining(["csv", "healthz", "leads", "product", "results", "score"]));
    for (const prefix of prefixes) await expectJsonError(await api.get(`/${prefix}/no/such/thing`), 404, "not_found");
  });
});

describe("methods", () => {
  const endpoints = [
    { target: "/healthz/", allow: "GET, HEAD, OPTIONS" },
    { target: "/product/offer/", allow: "GET, POST, HEAD, OPTIONS" },
    { target: "/product/offer/1/", allow: "GET, PATCH, DELETE, HEAD, OPTIONS" },
    { target: "/leads/upload/", allow: "POST, OPTIONS" },
    { target: "/leads/1/", allow: "DELETE, OPTIONS" },
    { target: "/uploads/", allow: "GET, HEAD, OPTIONS" },
    { target: "/uploads/1/", allow: "DELETE, OPTIONS" },
    { target: "/score/", allow: "POST, OPTIONS" },
    { target: "/results/", allow: "GET, HEAD, OPTIONS" },
    { target: "/csv/", allow: "GET, HEAD, OPTIONS" },
  ];

  it.each(endpoints)("$target: OPTIONS and every 405 name the same Allow ($allow)", async ({ target, allow }) => {
    const options = await call("OPTIONS", target);
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe(allow);
    const allowed = allow.split(", ");
    for (const method of METHODS.filter((candidate) => !allowed.includes(candidate))) {
      const response = await call(method, target);
      expect(response.status, `${method} ${target}`).toBe(405);
      expect(response.headers.get("allow")).toBe(allow);
      expect((await response.json()).code).toBe("method_not_allowed");
    }
  });

  it("answers HEAD like GET where GET is allowed", async () => {
    const head = await call("HEAD", "/healthz/");
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toMatch(/^application\/json/);
  });
});

describe("unknown ids are reported the same way everywhere", () => {
  it("names an unknown offer on /score/, /results/, /csv/ and /product/offer/{id}/", async () => {
    await api.postJson("/product/offer/", SAMPLE_OFFER);
    await api.upload(leadsCsv([["Ava", "CEO", "Acme", "SaaS", "Oslo", ""]]));
    const expected = { error: "Offer 999 was not found.", code: "offer_not_found" };
    for (const response of [
      await api.postJson("/score/", { offer_id: 999 }),
      await api.get("/results/?offer_id=999"),
      await api.get("/csv/?offer_id=999"),
      await api.get("/product/offer/999/"),
    ]) {
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual(expected);
    }
  });

  it("names an unknown upload on /results/ and /csv/", async () => {
    for (const target of ["/results/?upload_id=999", "/csv/?upload_id=999&bom=1"]) {
      const response = await api.get(target);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: "Upload 999 was not found.", code: "upload_not_found" });
    }
  });
});

/** A body of `size` bytes that is only produced as it is read, counting what was read. */
function lazyBody(size: number, chunk = 64 * 1024) {
  const counter = { pulled: 0, cancelled: false };
  const bytes = new Uint8Array(chunk).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= size) return controller.close();
      counter.pulled += chunk;
      controller.enqueue(bytes);
    },
    cancel() {
      counter.cancelled = true;
    },
  }, { highWaterMark: 0 });
  return { stream, counter };
}

const MB = 1024 * 1024;

describe("JSON bodies over 1 MB", () => {
  it.each(["/product/offer/", "/score/"])("%s refuses a 600 MB body without a length after reading about 1 MB of it", async (target) => {
    const { stream, counter } = lazyBody(600 * MB);
    const response = await call("POST", target, { body: stream, headers: { "content-type": "application/json" }, duplex: "half" } as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: "The request body is larger than the 1 MB limit.", code: "payload_too_large", details: { max_bytes: MB } });
    expect(counter.pulled).toBeLessThan(2 * MB);
    expect(counter.cancelled).toBe(true);
  });

  it("refuses a body whose declared length is too large without reading any of it", async () => {
    const { stream, counter } = lazyBody(600 * MB);
    const response = await call("POST", "/product/offer/", {
      body: stream,
      headers: { "content-type": "application/json", "content-length": String(600 * MB) },
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(counter.pulled).toBe(0);
  });

  it("accepts a body of exactly 1 MB and refuses one byte more", async () => {
    const json = JSON.stringify({ ...SAMPLE_OFFER, name: "Exactly one megabyte" });
    const padded = (size: number) => json + " ".repeat(size - json.length);
    const fits = await call("POST", "/product/offer/", { body: padded(MB), headers: { "content-type": "application/json" } });
    expect(fits.status).toBe(201);
    const over = await call("POST", "/product/offer/", { body: padded(MB + 1), headers: { "content-type": "application/json" } });
    await expectJsonError(over, 413, "payload_too_large");
  });
});
