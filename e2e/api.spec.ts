import { expect, test } from "@playwright/test";

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
    expect(await response.json()).toEqual({ error: "No product offer found. Please create an offer first.", code: "no_offer" });
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
