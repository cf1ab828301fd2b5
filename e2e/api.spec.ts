import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { OWNER_API_KEY_FILE } from "./ports";

// Bad input never changes anything, so these run against the same server as the journey.
const PATHS = ["/healthz", "/product/offer", "/results", "/csv"];

test("every endpoint answers with and without its trailing slash, without redirecting", async ({ request }) => {
  for (const path of PATHS) {
    for (const url of [path, `${path}/`]) {
      const response = await request.get(url, { maxRedirects: 0 });
      expect(response.status(), url).toBe(200);
    }
  }
  for (const url of ["/score", "/score/"]) {
    const response = await request.post(url, { maxRedirects: 0, data: { offer_id: 987654 } });
    expect(response.status(), url).toBe(404);
    expect(await response.json()).toEqual({ error: "Offer 987654 was not found.", code: "offer_not_found" });
  }
});

test("bad input gets a clear JSON 4xx", async ({ request }) => {
  const cases = [
    { call: () => request.post("/product/offer/", { data: { name: "" } }), status: 400, error: "Invalid name: name must not be empty" },
    { call: () => request.post("/product/offer/", { headers: { "content-type": "application/json" }, data: Buffer.from("{oops") }), status: 400, error: "The request body is not valid JSON." },
    { call: () => request.post("/product/offer/", { multipart: { name: "x" } }), status: 415, error: "This endpoint takes a JSON body (Content-Type: application/json)." },
    { call: () => request.get("/product/offer/424242/"), status: 404, error: "Offer 424242 was not found." },
    { call: () => request.post("/leads/upload/", { data: { csv: "name" } }), status: 400, error: 'Upload the CSV as multipart/form-data with the file in the field "csv_file", not as JSON.' },
    { call: () => request.post("/leads/upload/", { multipart: { file: { name: "leads.csv", mimeType: "text/csv", buffer: Buffer.from("name\nAva\n") } } }), status: 400, error: 'No file was sent. Put the CSV in the form field "csv_file".' },
    { call: () => request.post("/leads/upload/", { multipart: { csv_file: { name: "leads.csv", mimeType: "text/csv", buffer: Buffer.alloc(0) } } }), status: 400, error: "The file is empty." },
    {
      call: () =>
        request.post("/leads/upload/", {
          multipart: { csv_file: { name: "big.csv", mimeType: "text/csv", buffer: Buffer.alloc(51 * 1024 * 1024, "a") } },
        }),
      status: 413,
      error: "The upload is larger than the 50 MB limit.",
    },
    { call: () => request.put("/score/"), status: 405, error: "Method PUT is not allowed here. Use POST." },
    { call: () => request.delete("/results/"), status: 405, error: "Method DELETE is not allowed here. Use GET." },
    { call: () => request.get("/results/?sort=salary"), status: 400, error: /^Invalid sort: must be one of/ },
    { call: () => request.get("/csv/?intent=Hot"), status: 400, error: 'Invalid intent: must be High, Medium or Low (got "Hot")' },
    { call: () => request.get("/results/?limit=-5"), status: 400, error: "Invalid limit: must be at least 1" },
    { call: () => request.post("/score/", { data: { rescore: "always" } }), status: 400, error: "Invalid rescore: rescore must be true or false" },
  ];
  for (const { call, status, error } of cases) {
    const response = await call();
    expect(response.status()).toBe(status);
    expect(response.headers()["content-type"]).toMatch(/^application\/json/);
    const body = await response.json();
    if (typeof error === "string") expect(body.error).toBe(error);
    else expect(body.error).toMatch(error);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.(js|ts):\d+/);
  }
});

test("Next's own routing answers JSON too: unknown paths, OPTIONS and 405 agree, TRACE", async ({ request }) => {
  for (const path of ["/results/1/", "/product/offer/1/extra", "/leads/", "/score/x"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(404);
    expect(response.headers()["content-type"], path).toContain("application/json");
    expect((await response.json()).code, path).toBe("not_found");
  }
  const options = await request.fetch("/score/", { method: "OPTIONS" });
  const wrongMethod = await request.get("/score/");
  expect(options.status()).toBe(204);
  expect(wrongMethod.status()).toBe(405);
  expect(options.headers()["allow"]).toBe(wrongMethod.headers()["allow"]);
  const trace = await request.fetch("/results/", { method: "TRACE" });
  expect(trace.status()).toBe(501);
  expect((await trace.json()).code).toBe("not_implemented");
});

test("without credentials every endpoint is a 401; with the owner's API key it works", async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  for (const path of ["/product/offer/", "/results/", "/csv/", "/api-keys/"]) {
    const response = await anonymous.get(path);
    expect(response.status(), path).toBe(401);
    expect(response.headers()["www-authenticate"], path).toMatch(/^Bearer/);
  }
  expect((await anonymous.post("/leads/upload/", { multipart: { csv_file: { name: "a.csv", mimeType: "text/csv", buffer: Buffer.from("name\nAva\n") } } })).status()).toBe(401);
  expect((await anonymous.get("/healthz")).status()).toBe(200);
  const key = (await readFile(OWNER_API_KEY_FILE, "utf8")).trim();
  const withKey = await anonymous.get("/product/offer/", { headers: { authorization: `Bearer ${key}` } });
  expect(withKey.status()).toBe(200);
  expect(withKey.headers()["ratelimit-limit"]).toBe("600");
  await anonymous.dispose();
});

test("npm start honours HOSTNAME and PORT: it listens on 127.0.0.1 only", async ({ baseURL }) => {
  const { port } = new URL(baseURL!);
  expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  // 127.0.0.2 is this machine too: a server listening on every interface would answer there.
  await expect(fetch(`http://127.0.0.2:${port}/healthz`)).rejects.toThrow();
});
