import { describe, expect, it } from "vitest";
import { api, call, LEADS_HEADER, SAMPLE_OFFER } from "../support/api";
import { createTestWorkspace } from "../support/workspaces";

async function freshWorkspace() {
  const { key } = await createTestWorkspace();
  const headers = { authorization: `Bearer ${key}` };
  // Every lead, counted one by one: past 10,000 X-Total-Count is an estimate.
  const total = async () => ((await (await api.get("/results/", headers)).json()) as unknown[]).length;
  return { headers, total };
}

const BOUNDARY = "----intentscore-test";
const encoder = new TextEncoder();
const partHead = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="csv_file"; filename="leads.csv"\r\nContent-Type: text/csv\r\n\r\n`;

/** An upload whose body the test feeds by hand: a file part started, then whatever the test sends. */
function manualUpload(headers: Record<string, string>) {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      c.enqueue(encoder.encode(partHead));
    },
  });
  const response = call("POST", "/leads/upload/", {
    body,
    duplex: "half",
    headers: { ...headers, "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
  } as RequestInit);
  return {
    response,
    send: (text: string) => controller.enqueue(encoder.encode(text)),
    finish: () => {
      controller.enqueue(encoder.encode(`\r\n--${BOUNDARY}--\r\n`));
      controller.close();
    },
    fail: () => controller.error(new Error("client went away")),
  };
}

const rows = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `Lead ${from + i},CEO,Company ${from + i},SaaS,Berlin,bio`).join("\n");

describe("streaming import", () => {
  it("imports a file that arrives in pieces, rows split across them", async () => {
    const { headers, total } = await freshWorkspace();
    const upload = manualUpload(headers);
    const csv = `${LEADS_HEADER}\n${rows(0, 12_000)}\n`;
    for (let at = 0; at < csv.length; at += 7_777) upload.send(csv.slice(at, at + 7_777));
    upload.finish();
    const response = await upload.response;
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ uploaded: 12_000, created: 12_000, skipped_count: 0 });
    expect(await total()).toBe(12_000);
  });

  it("writes nothing when the file turns out malformed after thousands of rows were read", async () => {
    const { headers, total } = await freshWorkspace();
    const upload = manualUpload(headers);
    upload.send(`${LEADS_HEADER}\n${rows(0, 12_000)}\nBroken,CEO,Acme,SaaS,Berlin,"never closed\n${rows(12_000, 10)}\n`);
    upload.finish();
    const response = await upload.response;
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "malformed_csv", error: "The CSV is malformed: a quoted field starting in row 12002 is never closed." });
    expect(await total()).toBe(0);
  });

  it("writes nothing when the body breaks off half-way", async () => {
    const { headers, total } = await freshWorkspace();
    const upload = manualUpload(headers);
    upload.send(`${LEADS_HEADER}\n${rows(0, 12_000)}\n`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    upload.fail();
    const response = await upload.response;
    expect(response.status).toBe(400);
    expect((await response.json()).code).toBe("invalid_multipart");
    expect(await total()).toBe(0);
    // The import's session and staging are gone: the next upload works.
    const next = manualUpload(headers);
    next.send(`${LEADS_HEADER}\n${rows(0, 3)}\n`);
    next.finish();
    expect((await next.response).status).toBe(201);
    expect(await total()).toBe(3);
  });

  it("takes on_duplicate sent after the file", async () => {
    const { headers } = await freshWorkspace();
    const upload = (onDuplicate: string) => {
      const form = new FormData();
      form.append("csv_file", new Blob([`${LEADS_HEADER}\n${rows(0, 2)}\n`], { type: "text/csv" }), "leads.csv");
      form.append("on_duplicate", onDuplicate);
      return call("POST", "/leads/upload/", { body: form, headers });
    };
    expect(await (await upload("skip")).json()).toMatchObject({ created: 2 });
    expect(await (await upload("update")).json()).toMatchObject({ created: 0, updated: 2 });
  });

  it("matches rows to a lead stored thousands of rows earlier in the same file, under each rule", async () => {
    const csv = `${LEADS_HEADER}\n${rows(0, 12_000)}\nLead 3,CFO,Company 3,SaaS,Berlin,bio\nlead 3,COO,COMPANY 3,SaaS,Berlin,bio\n`;
    const expected = {
      skip: { created: 12_000, updated: 0, duplicates_skipped: 2, stored: 12_000, role: "CEO" },
      update: { created: 12_000, updated: 2, duplicates_skipped: 0, stored: 12_000, role: "COO" },
      keep: { created: 12_002, updated: 0, duplicates_skipped: 0, stored: 12_002, role: "CEO" },
    };
    for (const [rule, { stored, role, ...counts }] of Object.entries(expected)) {
      const { headers } = await freshWorkspace();
      const form = new FormData();
      form.append("on_duplicate", rule);
      form.append("csv_file", new Blob([csv], { type: "text/csv" }), "leads.csv");
      const response = await call("POST", "/leads/upload/", { body: form, headers });
      expect(await response.json()).toMatchObject({ uploaded: 12_002, ...counts });
      const leads = (await (await api.get("/results/", headers)).json()) as { id: number; name: string; role: string }[];
      expect(leads).toHaveLength(stored);
      // The lead keeps the first row's place in the file; with update it holds the last row's fields.
      const first = leads.toSorted((a, b) => a.id - b.id)[3];
      expect(first).toMatchObject({ name: rule === "update" ? "lead 3" : "Lead 3", role });
    }
  });

  it("answers 503 with Retry-After once the running imports and the queue are full, and carries on after", async () => {
    const { headers, total } = await freshWorkspace();
    // MAX_CONCURRENT_IMPORTS (2) running, MAX_QUEUED_IMPORTS (4) waiting.
    const held = Array.from({ length: 6 }, () => manualUpload(headers));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const refused = await api.upload(`${LEADS_HEADER}\n${rows(0, 1)}\n`, "leads.csv", "csv_file", headers);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("10");
    expect(await refused.json()).toMatchObject({ code: "imports_busy" });

    held.forEach((upload, index) => {
      upload.send(`${LEADS_HEADER}\n${rows(index * 10, 10)}\n`);
      upload.finish();
    });
    const statuses = await Promise.all(held.map(async (upload) => (await upload.response).status));
    expect(statuses).toEqual([201, 201, 201, 201, 201, 201]);
    expect(await total()).toBe(60);
  });
});

describe("results at scale", () => {
  type Row = { id: number; name: string; score: number | null };
  const SORTS = ["score", "name", "role", "company", "industry", "location", "intent", "rule_score", "ai_score", "created_at", "id"];

  it("keyset pages cover every row exactly once, in the order of the full list, for every sort both ways", async () => {
    const { headers } = await freshWorkspace();
    const people = Array.from({ length: 23 }, (_, i) => `${["Ava", "Bo", "Cy"][i % 3]},${["CEO", "VP of Sales", "Intern"][i % 3]},Co ${i},${["SaaS", "Retail"][i % 2]},${["Berlin", "Oslo", "Rome"][i % 3]},sales teams ${i}`);
    await api.upload(`${LEADS_HEADER}\n${people.slice(0, 15).join("\n")}\n`, "a.csv", "csv_file", headers);
    await api.postJson("/product/offer/", SAMPLE_OFFER, headers);
    await api.postJson("/score/", undefined, headers);
    // Leads uploaded after scoring have null scores: they sort last in both directions.
    await api.upload(`${LEADS_HEADER}\n${people.slice(15).map((line) => `Late ${line}`).join("\n")}\n`, "b.csv", "csv_file", headers);

    for (const field of SORTS) {
      for (const sort of [field, `-${field}`]) {
        const all: Row[] = await (await api.get(`/results/?sort=${sort}`, headers)).json();
        expect(all).toHaveLength(23);
        const paged: number[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const response = await api.get(`/results/?sort=${sort}&limit=4${cursor ? `&cursor=${cursor}` : ""}`, headers);
          expect(response.headers.get("x-total-count")).toBe("23");
          paged.push(...(await response.json()).map((row: Row) => row.id));
          cursor = response.headers.get("x-next-cursor");
          pages++;
        } while (cursor && pages < 20);
        expect(paged, sort).toEqual(all.map((row) => row.id));
      }
    }
  });

  it("offset pages of a score sort are slices of the full list, across scored and unscored leads", async () => {
    const { headers } = await freshWorkspace();
    await api.upload(`${LEADS_HEADER}\n${rows(0, 9)}\n`, "a.csv", "csv_file", headers);
    await api.postJson("/product/offer/", SAMPLE_OFFER, headers);
    await api.postJson("/score/", undefined, headers);
    await api.upload(`${LEADS_HEADER}\n${rows(100, 5)}\n`, "b.csv", "csv_file", headers);
    for (const sort of ["score", "-score", "intent", "-intent", "rule_score", "-ai_score"]) {
      const all: Row[] = await (await api.get(`/results/?sort=${sort}`, headers)).json();
      expect(all.slice(9).every((row) => row.score === null), sort).toBe(true);
      for (const [offset, limit] of [[0, 4], [4, 4], [8, 4], [9, 2], [11, 10], [14, 3]] as const) {
        const page: Row[] = await (await api.get(`/results/?sort=${sort}&limit=${limit}&offset=${offset}`, headers)).json();
        expect(page.map((row) => row.id), `${sort} ${offset}+${limit}`).toEqual(all.slice(offset, offset + limit).map((row) => row.id));
      }
      const high: Row[] = await (await api.get(`/results/?sort=${sort}&intent=High,Medium,Low&limit=20`, headers)).json();
      expect(high.map((row) => row.id)).toEqual(all.slice(0, 9).map((row) => row.id));
    }
  });

  it("counts exactly up to 10,000 matching leads and estimates beyond, saying so in X-Total-Count-Estimated", async () => {
    const { headers } = await freshWorkspace();
    await api.upload(`${LEADS_HEADER}\n${rows(0, 10_000)}\n`, "a.csv", "csv_file", headers);
    const exact = await api.get("/results/?limit=1", headers);
    expect(exact.headers.get("x-total-count")).toBe("10000");
    expect(exact.headers.get("x-total-count-estimated")).toBeNull();
    await api.upload(`${LEADS_HEADER}\n${rows(10_000, 5)}\n`, "b.csv", "csv_file", headers);
    const estimated = await api.get("/results/?limit=1", headers);
    expect(estimated.headers.get("x-total-count-estimated")).toBe("true");
    expect(Number(estimated.headers.get("x-total-count"))).toBeGreaterThan(10_000);
    // A page reached by cursor repeats the first page's estimate, and says so.
    const next = await api.get(`/results/?limit=1&cursor=${estimated.headers.get("x-next-cursor")}`, headers);
    expect(next.headers.get("x-total-count")).toBe(estimated.headers.get("x-total-count"));
    expect(next.headers.get("x-total-count-estimated")).toBe("true");
    // A filter matching few is exact again.
    const few = await api.get("/results/?limit=1&upload_id=" + (await (await api.get("/uploads/", headers)).json())[0].id, headers);
    expect(few.headers.get("x-total-count")).toBe("5");
    expect(few.headers.get("x-total-count-estimated")).toBeNull();
  });

  it("streams GET /results/ without a limit as the union of its pages", async () => {
    const { headers } = await freshWorkspace();
    await api.upload(`${LEADS_HEADER}\n${rows(0, 4_500)}\n`, "a.csv", "csv_file", headers);
    const response = await api.get("/results/?sort=-name", headers);
    expect(response.headers.get("x-total-count")).toBe("4500");
    const streamed: Row[] = await response.json();
    const paged: Row[] = [];
    for (let offset = 0; offset < 4_500; offset += 1_000) {
      paged.push(...(await (await api.get(`/results/?sort=-name&limit=1000&offset=${offset}`, headers)).json()));
    }
    expect(streamed).toEqual(paged);
    expect(await (await api.get("/results/?sort=-name&limit=10&offset=4495", headers)).json()).toEqual(paged.slice(4_495));
  });

  it.each([
    { query: "cursor=abc", error: "Invalid cursor: it is not one this API made. Pass the X-Next-Cursor of the previous page as it came." },
    { query: "cursor=abc&offset=5", error: "Invalid cursor: give either cursor or offset, not both. Pass the X-Next-Cursor of the previous page as it came." },
  ])("rejects $query with 400", async ({ query, error }) => {
    const response = await api.get(`/results/?limit=5&${query}`);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe(error);
  });

  it("rejects a cursor made for another sort", async () => {
    const { headers } = await freshWorkspace();
    await api.upload(`${LEADS_HEADER}\n${rows(0, 5)}\n`, "a.csv", "csv_file", headers);
    const cursor = (await api.get("/results/?sort=name&limit=2", headers)).headers.get("x-next-cursor");
    const response = await api.get(`/results/?sort=-name&limit=2&cursor=${cursor}`, headers);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/^Invalid cursor: it belongs to sort=name/);
  });

  it.each([
    { sort: "created_at", after: { value: "not a date", id: 1 } },
    { sort: "created_at", after: { value: "2026-02-30 10:00:00+00", id: 1 } },
    { sort: "name", after: { value: "Lead 1", id: 99_999_999_999 } },
    { sort: "-score", after: { value: "abc", id: 1 } },
    { sort: "rule_score", after: { value: "99999999999", id: 1 } },
    { sort: "location", after: { value: "Berlin\u0000", id: 1 } },
  ])("answers 400 invalid_cursor, not 500, for an edited cursor of sort=$sort", async ({ sort, after }) => {
    const { headers } = await freshWorkspace();
    await api.upload(`${LEADS_HEADER}\n${rows(0, 3)}\n`, "a.csv", "csv_file", headers);
    const cursor = Buffer.from(JSON.stringify({ sort, after, total: 3 })).toString("base64url");
    const response = await api.get(`/results/?sort=${sort}&limit=2&cursor=${cursor}`, headers);
    expect(response.status).toBe(400);
    expect((await response.json()).code).toBe("invalid_cursor");
  });

  it("takes back, unedited, the cursors it made for timestamp and score sorts", async () => {
    const { headers } = await freshWorkspace();
    await api.upload(`${LEADS_HEADER}\n${rows(0, 5)}\n`, "a.csv", "csv_file", headers);
    await api.postJson("/product/offer/", SAMPLE_OFFER, headers);
    await api.postJson("/score/", undefined, headers);
    for (const sort of ["created_at", "-created_at", "score", "-rule_score"]) {
      const first = await api.get(`/results/?sort=${sort}&limit=2`, headers);
      const next = await api.get(`/results/?sort=${sort}&limit=2&cursor=${first.headers.get("x-next-cursor")}`, headers);
      expect(next.status).toBe(200);
      expect(await next.json()).toHaveLength(2);
    }
  });
});
