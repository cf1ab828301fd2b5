import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { api, call, LEADS_HEADER, leadsCsv } from "../support/api";

const totalLeads = async () => Number((await api.get("/results/?limit=1")).headers.get("x-total-count"));

describe("POST /leads/upload/", () => {
  it("imports the original sample file as the original API did", async () => {
    const csv = await readFile("public/samples/leads.csv");
    const response = await api.upload(new Uint8Array(csv));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({
      message: "Successfully uploaded 5 leads",
      uploaded: 5,
      created: 5,
      updated: 0,
      duplicates_skipped: 0,
      upload_id: expect.any(Number),
      skipped: [],
      skipped_count: 0,
      warnings: [],
      warnings_count: 0,
    });
    const results = await (await api.get("/results/")).json();
    expect(results.map((lead: { name: string }) => lead.name)).toEqual([
      "John Doe",
      "Jane Smith",
      "Mike Johnson",
      "Sarah Wilson",
      "David Brown",
    ]);
  });

  it("adds leads on every upload and never deletes earlier ones", async () => {
    const before = await totalLeads();
    const first = await (await api.upload(leadsCsv([["Ava", "CEO", "Acme", "SaaS", "Berlin", "bio"]]))).json();
    const second = await (await api.upload(leadsCsv([["Bo", "CTO", "Beta", "Tech", "Oslo", "bio"], ["Cy", "VP", "Gamma", "Tech", "Rome", ""]]))).json();
    expect(await totalLeads()).toBe(before + 3);
    expect(second.upload_id).not.toBe(first.upload_id);

    const onlySecond = await api.get(`/results/?upload_id=${second.upload_id}`);
    expect(onlySecond.headers.get("x-total-count")).toBe("2");
    expect((await onlySecond.json()).map((lead: { name: string }) => lead.name)).toEqual(["Bo", "Cy"]);
  });

  it("keeps quoted commas, newlines and quotes exactly, with CRLF and a BOM", async () => {
    const csv = `\uFEFF${LEADS_HEADER}\r\n"Chen, Ava","VP, Sales",Acme,SaaS,Berlin,"Line one\r\nLine ""two"""\r\n`;
    const { upload_id } = await (await api.upload(csv)).json();
    const [lead] = await (await api.get(`/results/?upload_id=${upload_id}`)).json();
    expect(lead).toMatchObject({ name: "Chen, Ava", role: "VP, Sales", linkedin_bio: 'Line one\r\nLine "two"' });
  });

  it("skips rows without a name and reports them", async () => {
    const response = await api.upload(
      leadsCsv([
        ["Ava", "CEO", "Acme", "SaaS", "Berlin", "bio"],
        ["", "CTO", "Beta", "Tech", "Oslo", "bio"],
        ["Bo", "", "", "", "", ""],
      ]),
    );
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      message: "Successfully uploaded 2 leads",
      uploaded: 2,
      skipped: [{ row: 3, reason: "Missing name" }],
    });
  });

  it.each([
    { case: "missing columns", body: "name,company,location,linkedin_bio\nAva,Acme,Berlin,bio\n", error: "Missing required columns: role, industry" },
    { case: "an empty file", body: "", error: "The file is empty." },
    { case: "a header only", body: `${LEADS_HEADER}\n`, error: "The file has a header row but no leads." },
    { case: "a binary file", body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), error: "This is not a CSV file: it contains binary data. Export your leads as CSV and upload that." },
    { case: "a JSON file", body: JSON.stringify([{ name: "Ava" }]), error: "Missing required columns: name, role, company, industry, location, linkedin_bio" },
  ])("rejects $case with 400 and writes nothing", async ({ body, error }) => {
    const before = await totalLeads();
    const response = await api.upload(body);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe(error);
    expect(await totalLeads()).toBe(before);
  });

  it("rejects a form without the csv_file field", async () => {
    const response = await api.upload(leadsCsv([["Ava", "CEO", "Acme", "SaaS", "Berlin", "bio"]]), "leads.csv", "file");
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe('No file was sent. Put the CSV in the form field "csv_file".');
  });

  it("rejects csv_file sent as a text field", async () => {
    const form = new FormData();
    form.append("csv_file", "name,role\n");
    const response = await call("POST", "/leads/upload/", { body: form });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe('The form field "csv_file" must be a file, not text.');
  });

  it.each([
    { case: "a JSON body", init: { headers: { "content-type": "application/json" }, body: '{"csv": "name"}' }, error: /not as JSON/ },
    { case: "no body at all", init: {}, error: /multipart\/form-data/ },
    { case: "a broken multipart body", init: { headers: { "content-type": "multipart/form-data; boundary=xyz" }, body: "garbage" }, error: /could not be read/ },
  ])("rejects $case with 400", async ({ init, error }) => {
    const response = await call("POST", "/leads/upload/", init);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(error);
  });

  it("answers 413 before reading a body that declares more than the limit", async () => {
    const response = await call("POST", "/leads/upload/", {
      headers: { "content-type": "multipart/form-data; boundary=xyz", "content-length": String(51 * 1024 * 1024) },
      body: "--xyz--",
    });
    expect(response.status).toBe(413);
    expect((await response.json()).error).toBe("The upload is larger than the 50 MB limit.");
  });

  it("answers 413 for a file over the limit and writes nothing", async () => {
    const before = await totalLeads();
    const row = "Ava,CEO,Acme,SaaS,Berlin,bio\n";
    const big = LEADS_HEADER + "\n" + row.repeat(Math.ceil((50 * 1024 * 1024 + 1) / row.length));
    const response = await api.upload(big);
    expect(response.status).toBe(413);
    expect(await totalLeads()).toBe(before);
  });

  it("imports 100,000 rows (about 25 MB) in one go", async () => {
    const before = await totalLeads();
    const bio = "Revenue leader scaling outbound sales teams across EMEA, focused on pipeline automation and SaaS growth; ".repeat(2);
    const rows = Array.from({ length: 100_000 }, (_, i) => `Lead ${i},VP of Sales,Company ${i % 977},SaaS,"Berlin, DE","${bio}"`);
    const csv = `${LEADS_HEADER}\n${rows.join("\n")}\n`;
    expect(csv.length).toBeGreaterThan(24_000_000);
    const response = await api.upload(csv);
    expect(response.status).toBe(201);
    expect((await response.json()).uploaded).toBe(100_000);
    expect(await totalLeads()).toBe(before + 100_000);
  }, 180_000);
});
