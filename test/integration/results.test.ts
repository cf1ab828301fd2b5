import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { api, call, SAMPLE_OFFER, leadsCsv } from "../support/api";

type Result = { id: number; name: string; company: string; role: string; intent: string | null; score: number | null; created_at: string };

const names = async (path: string) => (await (await api.get(path)).json()).map((lead: Result) => lead.name);

describe("GET /results/ and GET /csv/", () => {
  beforeAll(async () => {
    await api.upload(
      leadsCsv([
        ["Ava Chen", "CEO", "Acme 100%", "SaaS", "Berlin", "B2B SaaS sales teams, outreach automation, meetings"],
        ["bo berg", "Marketing Analyst", "Beta_Works", "Business Services", "Oslo", "reporting"],
        ["Cy Dahl", "Intern", "Gamma", "Farming", "", ""],
        ["=cmd|' /C calc'!A0", "+VP", "-Delta", "@Tech", "Rome", "sales teams"],
      ]),
    );
  });

  it("lists unscored leads with null scores before any scoring", async () => {
    const response = await api.get("/results/");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-total-count")).toBe("4");
    const [first] = await response.json();
    expect(first).toEqual({
      id: expect.any(Number),
      name: "Ava Chen",
      role: "CEO",
      company: "Acme 100%",
      industry: "SaaS",
      location: "Berlin",
      linkedin_bio: "B2B SaaS sales teams, outreach automation, meetings",
      linkedin_url: null,
      intent: null,
      score: null,
      reasoning: null,
      created_at: expect.any(String),
      rule_score: null,
      ai_score: null,
      ai_provider: null,
      ai_model: null,
      offer_id: null,
      scored_at: null,
      upload_id: expect.any(Number),
      breakdown: null,
      stale: null,
      ai_cached: null,
      run_id: null,
    });
  });

  it("exports unscored leads with empty intent and score", async () => {
    const text = await (await api.get("/csv/?q=Ava")).text();
    expect(text).toBe("Name,Role,Company,Industry,Location,Intent,Score,Reasoning\r\nAva Chen,CEO,Acme 100%,SaaS,Berlin,,,\r\n");
  });

  describe("once scored", () => {
    let scored: Result[];
    beforeAll(async () => {
      await api.postJson("/product/offer/", SAMPLE_OFFER);
      scored = await (await api.postJson("/score/")).json();
    });

    it.each([
      { sort: "-score", key: (lead: Result) => -(lead.score ?? -1) },
      { sort: "score", key: (lead: Result) => lead.score ?? 999 },
    ])("sorts by $sort, ties by id", async ({ sort, key }) => {
      const results: Result[] = await (await api.get(`/results/?sort=${sort}`)).json();
      const expected = [...scored].sort((a, b) => key(a) - key(b) || (sort.startsWith("-") ? b.id - a.id : a.id - b.id));
      expect(results.map((lead) => lead.id)).toEqual(expected.map((lead) => lead.id));
    });

    it.each([
      { query: "sort=name", expected: ["=cmd|' /C calc'!A0", "Ava Chen", "bo berg", "Cy Dahl"] },
      { query: "sort=-name", expected: ["Cy Dahl", "bo berg", "Ava Chen", "=cmd|' /C calc'!A0"] },
      { query: "sort=company", expected: ["=cmd|' /C calc'!A0", "Ava Chen", "bo berg", "Cy Dahl"] },
      { query: "sort=-created_at", expected: ["=cmd|' /C calc'!A0", "Cy Dahl", "bo berg", "Ava Chen"] },
      { query: "", expected: ["Ava Chen", "bo berg", "Cy Dahl", "=cmd|' /C calc'!A0"] },
      { query: "q=ber", expected: ["bo berg"] },
      { query: "q=ANALYST", expected: ["bo berg"] },
      { query: "q=%25", expected: ["Ava Chen"] },
      { query: "q=_", expected: ["bo berg"] },
      { query: "q=nobody", expected: [] },
      { query: "sort=name&limit=2", expected: ["=cmd|' /C calc'!A0", "Ava Chen"] },
      { query: "sort=name&limit=2&offset=2", expected: ["bo berg", "Cy Dahl"] },
      { query: "sort=name&offset=10", expected: [] },
      { query: "intent=&q=", expected: ["Ava Chen", "bo berg", "Cy Dahl", "=cmd|' /C calc'!A0"] },
    ])("filters and sorts: ?$query", async ({ query, expected }) => {
      expect(await names(`/results/?${query}`)).toEqual(expected);
    });

    it("filters by intent, one or several, case-insensitively", async () => {
      for (const intent of ["High", "Medium", "Low"]) {
        const expected = scored.filter((lead) => lead.intent === intent).map((lead) => lead.name);
        expect(await names(`/results/?intent=${intent.toLowerCase()}`)).toEqual(expected);
      }
      const lowOrHigh = scored.filter((lead) => lead.intent !== "Medium").map((lead) => lead.name);
      expect(await names("/results/?intent=Low,High")).toEqual(lowOrHigh);
      expect(await names("/results/?intent=Low&intent=High")).toEqual(lowOrHigh);
    });

    it("counts the whole filtered set in X-Total-Count, whatever the page", async () => {
      const response = await api.get("/results/?q=ta&limit=1");
      expect(response.headers.get("x-total-count")).toBe("2");
      expect(await response.json()).toHaveLength(1);
    });

    it.each([
      { query: "intent=Urgent", error: 'Invalid intent: must be High, Medium or Low (got "Urgent")' },
      { query: "sort=salary", error: "Invalid sort: must be one of score, name, role, company, industry, location, intent, rule_score, ai_score, created_at, id (prefix - for descending)" },
      { query: "limit=0", error: "Invalid limit: must be at least 1" },
      { query: "limit=10001", error: "Invalid limit: must be at most 10000" },
      { query: "limit=ten", error: "Invalid limit: must be a number" },
      { query: "offset=-1", error: "Invalid offset: must not be negative" },
      { query: "offset=1.5", error: "Invalid offset: must be a whole number" },
      { query: "offer_id=x", error: "Invalid offer_id: must be a whole number written in digits, like 42" },
      { query: "offer_id=0x1", error: "Invalid offer_id: must be a whole number written in digits, like 42" },
      { query: "offer_id=1e3", error: "Invalid offer_id: must be a whole number written in digits, like 42" },
      { query: "offer_id=1.0", error: "Invalid offer_id: must be a whole number written in digits, like 42" },
      { query: "offer_id=%2B1", error: "Invalid offer_id: must be a whole number written in digits, like 42" },
      { query: "offer_id=%201", error: "Invalid offer_id: must be a whole number written in digits, like 42" },
      { query: "offer_id=99999999999", error: "Invalid offer_id: must be at most 2147483647" },
      { query: "offer_id=2147483648", error: "Invalid offer_id: must be at most 2147483647" },
      { query: "upload_id=0", error: "Invalid upload_id: must be a positive id" },
      { query: "upload_id=-1", error: "Invalid upload_id: must be a whole number written in digits, like 42" },
      { query: "upload_id=1&upload_id=2", error: "Invalid upload_id: upload_id may be given only once" },
      { query: "sort=name&sort=score", error: "Invalid sort: sort may be given only once" },
      { query: `q=${"x".repeat(201)}`, error: "Invalid q: must be at most 200 characters" },
      { query: "q=a%00b", error: "Invalid q: must not contain NUL characters or broken Unicode" },
    ])("answers 400 for ?$query on both endpoints", async ({ query, error }) => {
      for (const path of ["/results/", "/csv/"]) {
        const response = await api.get(`${path}?${query}`);
        expect(response.status).toBe(400);
        expect(await response.json()).toMatchObject({ error, code: "validation_failed" });
      }
    });

    it("answers 404 naming an unknown offer_id or upload_id on both endpoints", async () => {
      for (const path of ["/results/", "/csv/"]) {
        const offer = await api.get(`${path}?offer_id=424242`);
        expect(offer.status).toBe(404);
        expect(await offer.json()).toEqual({ error: "Offer 424242 was not found.", code: "offer_not_found" });
        const upload = await api.get(`${path}?upload_id=424242`);
        expect(upload.status).toBe(404);
        expect(await upload.json()).toEqual({ error: "Upload 424242 was not found.", code: "upload_not_found" });
      }
    });

    it("reads ids with leading zeros as decimal", async () => {
      const [{ upload_id: uploadId }] = await (await api.get("/results/?limit=1")).json();
      const plain = await api.get(`/results/?upload_id=${uploadId}`);
      const padded = await api.get(`/results/?upload_id=00${uploadId}`);
      expect(padded.status).toBe(200);
      expect(await padded.json()).toEqual(await plain.json());
    });

    it("exports CSV with the original header, RFC 4180 quoting and formula cells neutralised", async () => {
      const response = await api.get("/csv/?sort=name");
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(response.headers.get("content-disposition")).toBe('attachment; filename="lead_scores.csv"');
      expect(response.body).toBeInstanceOf(ReadableStream);
      const text = await response.text();
      const lines = text.split("\r\n");
      expect(lines[0]).toBe("Name,Role,Company,Industry,Location,Intent,Score,Reasoning");
      expect(lines[1]).toMatch(/^"'=cmd\|' \/C calc'!A0","'\+VP","'-Delta","'@Tech",Rome,/);
      const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
      const byName = new Map(scored.map((lead) => [lead.name, lead]));
      for (const [name, role, , , , intent, score, reasoning] of rows.slice(1)) {
        const lead = byName.get(name!.replace(/^'/, ""))!;
        expect([role!.replace(/^'/, ""), intent, Number(score), reasoning]).toEqual([
          (lead as unknown as { role: string }).role,
          lead.intent,
          lead.score,
          (lead as unknown as { reasoning: string }).reasoning,
        ]);
      }
    });

    it("starts the export with a UTF-8 byte order mark on ?bom=1, and only then", async () => {
      for (const [query, bom] of [["bom=1", true], ["bom=true", true], ["bom=0", false], ["", false]] as const) {
        const bytes = new Uint8Array(await (await api.get(`/csv/?${query}`)).arrayBuffer());
        expect([...bytes.slice(0, 3)], query).toEqual(bom ? [0xef, 0xbb, 0xbf] : [0x4e, 0x61, 0x6d]);
        expect(new TextDecoder("utf-8", { ignoreBOM: false }).decode(bytes).startsWith("Name,Role,Company")).toBe(true);
      }
    });

    it("adds the score's provenance on ?columns=full, matching /results/", async () => {
      const text = await (await api.get("/csv/?columns=full&sort=name")).text();
      const [header, ...rows] = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
      expect(header).toEqual([
        "Name", "Role", "Company", "Industry", "Location", "Intent", "Score", "Reasoning",
        "Rule score", "AI score", "AI provider", "AI model", "Scored at", "Upload id",
      ]);
      const results = await (await api.get("/results/?sort=name")).json();
      expect(rows).toHaveLength(results.length);
      rows.forEach((row, index) => {
        const lead = results[index];
        expect(row.slice(8)).toEqual([
          String(lead.rule_score), String(lead.ai_score), lead.ai_provider, lead.ai_model, lead.scored_at, String(lead.upload_id),
        ]);
      });
      const plain = await (await api.get("/csv/?columns=default")).text();
      expect(plain.split("\r\n")[0]).toBe("Name,Role,Company,Industry,Location,Intent,Score,Reasoning");
    });

    it.each([
      { query: "bom=2", error: "Invalid bom: must be 1 or 0" },
      { query: "bom=yes", error: "Invalid bom: must be 1 or 0" },
      { query: "bom=1&bom=1", error: "Invalid bom: bom may be given only once" },
      { query: "columns=all", error: "Invalid columns: must be default or full" },
      { query: "columns=full&columns=default", error: "Invalid columns: columns may be given only once" },
    ])("answers 400 for the export layout ?$query", async ({ query, error }) => {
      const response = await api.get(`/csv/?${query}`);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error, code: "validation_failed" });
    });

    it("applies the same filters to the export", async () => {
      const expected = scored.filter((lead) => lead.intent === "Low").length;
      const text = await (await api.get("/csv/?intent=Low")).text();
      expect(text.trim().split("\r\n")).toHaveLength(expected + 1);
      const paged = await (await api.get("/csv/?sort=name&limit=1&offset=1")).text();
      expect(paged.split("\r\n").slice(1, -1).map((line) => line.split(",")[0])).toEqual(["Ava Chen"]);
    });

    it("streams exports larger than one page", async () => {
      const rows = Array.from({ length: 4_500 }, (_, i) => [`Bulk ${String(i).padStart(4, "0")}`, "Analyst", "Co", "SaaS", "Oslo", ""]);
      await api.upload(leadsCsv(rows));
      const response = await api.get("/csv/?q=Bulk&sort=name");
      const reader = response.body!.getReader();
      let chunks = 0;
      let text = "";
      for (let part = await reader.read(); !part.done; part = await reader.read()) {
        chunks++;
        text += new TextDecoder().decode(part.value);
      }
      expect(chunks).toBeGreaterThan(2);
      const lines = text.trim().split("\r\n");
      expect(lines).toHaveLength(4_501);
      expect(lines[1]).toBe("Bulk 0000,Analyst,Co,SaaS,Oslo,,,");
      expect(lines.at(-1)).toBe("Bulk 4499,Analyst,Co,SaaS,Oslo,,,");
    });

    it("answers exports side by side, and one a client leaves does not hold up the next", async () => {
      const rows = Array.from({ length: 4_500 }, (_, i) => [`Side ${String(i).padStart(4, "0")}`, "Analyst", "Co", "SaaS", "Oslo", ""]);
      await api.upload(leadsCsv(rows));
      // Left after its first chunk: the rest is never read.
      const left = await api.get("/csv/?q=Side&sort=-name");
      const reader = left.body!.getReader();
      await reader.read();
      await reader.cancel();
      // More exports at once than PostgreSQL streams in one query each: the others walk pages.
      const texts = await Promise.all(Array.from({ length: 4 }, async () => (await api.get("/csv/?q=Side&sort=name")).text()));
      for (const text of texts) {
        const lines = text.trim().split("\r\n");
        expect(lines).toHaveLength(4_501);
        expect(lines[1]).toBe("Side 0000,Analyst,Co,SaaS,Oslo,,,");
        expect(lines.at(-1)).toBe("Side 4499,Analyst,Co,SaaS,Oslo,,,");
      }
    });

    it.runIf(process.env.DATABASE_URL?.startsWith("postgres"))("an export whose database connection is cut ends, and later exports still stream", async () => {
      const { getRawClient } = await import("@/db");
      const raw = await getRawClient();
      if (raw.engine !== "postgres") throw new Error("expected PostgreSQL");
      const rows = Array.from({ length: 6_000 }, (_, i) => [`Cut ${String(i).padStart(4, "0")}`, "Analyst", "Co", "SaaS", "Oslo", ""]);
      await api.upload(leadsCsv(rows));
      const cut = await api.get("/csv/?q=Cut&sort=name");
      const reader = cut.body!.getReader();
      await reader.read();
      // The export's session is the one with its cursor open; the server goes away under it.
      const terminated = await raw.client`select pg_terminate_backend(pid) as done from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and query like '%results_export%'`;
      expect(terminated.length).toBeGreaterThan(0);
      const ended = await (async () => {
        for (;;) if ((await reader.read()).done) return "done";
      })().catch(() => "failed");
      expect(ended).toBe("failed");
      // Both cursor places are free again, and the pool hands out live connections.
      const texts = await Promise.all(Array.from({ length: 3 }, async () => (await api.get("/csv/?q=Cut&sort=-name")).text()));
      for (const text of texts) expect(text.trim().split("\r\n")).toHaveLength(6_001);
      expect((await api.get("/results/?limit=1")).status).toBe(200);
    });
  });

  it("answers HEAD on /results/ and /csv/ with the headers alone, leaving no export open", async () => {
    for (const path of ["/results/", "/csv/", "/results/", "/csv/"]) {
      const response = await call("HEAD", path);
      expect(response.status).toBe(200);
      expect(response.body).toBeNull();
      expect(response.headers.get("content-type")).toMatch(path === "/csv/" ? /^text\/csv/ : /^application\/json/);
    }
    const { getRawClient } = await import("@/db");
    const raw = await getRawClient();
    if (raw.engine === "postgres") {
      // An export reads in a transaction of its own; one left open would stay "idle in transaction".
      const open = await raw.client`select pid from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`;
      expect(open).toHaveLength(0);
    }
    expect((await api.get("/results/?limit=1")).status).toBe(200);
  });

  it("answers 405 on POST /results/ and /csv/", async () => {
    for (const path of ["/results/", "/csv/"]) {
      const response = await call("POST", path);
      expect(response.status).toBe(405);
      expect((await response.json()).code).toBe("method_not_allowed");
    }
  });
});
