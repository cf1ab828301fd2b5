import { describe, expect, it } from "vitest";
import { api, call, LEADS_HEADER, leadsCsv, SAMPLE_OFFER } from "../support/api";
import { createTestWorkspace } from "../support/workspaces";

/** A workspace of its own, so each test counts only its own leads. */
async function freshWorkspace() {
  const { key } = await createTestWorkspace();
  const headers = { authorization: `Bearer ${key}` };
  const upload = (csv: string, onDuplicate?: string) => {
    const form = new FormData();
    form.append("csv_file", new Blob([csv], { type: "text/csv" }), "leads.csv");
    if (onDuplicate !== undefined) form.append("on_duplicate", onDuplicate);
    return call("POST", "/leads/upload/", { body: form, headers });
  };
  const results = async () =>
    (await (await api.get("/results/?sort=id", headers)).json()) as { id: number; name: string; role: string; company: string; linkedin_url: string | null; score: number | null; stale: boolean | null }[];
  return { headers, upload, results };
}

describe("row checks on upload", () => {
  it("stores short rows with a warning, skips long, unnamed and oversized rows, and counts them", async () => {
    const { upload, results } = await freshWorkspace();
    const csv = [
      LEADS_HEADER,
      "Ava,CEO,Acme,SaaS,Berlin,bio",
      "Bo,VP, Sales,Beta,Tech,Oslo,bio",
      "Cy,CTO",
      ",,,,,",
      "",
      `${"x".repeat(501)},CEO,Acme,SaaS,Berlin,bio`,
      `Di,CEO,Acme,SaaS,Berlin,${"b".repeat(10_001)}`,
    ].join("\n");
    const response = await upload(csv);
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({
      message: "Successfully uploaded 2 leads",
      uploaded: 2,
      created: 2,
      updated: 0,
      duplicates_skipped: 0,
      upload_id: expect.any(Number),
      skipped: [
        { row: 3, reason: "7 fields where the header has 6: likely an unquoted comma" },
        { row: 5, reason: "Missing name" },
        { row: 7, reason: "name is longer than 500 characters" },
        { row: 8, reason: "linkedin_bio is longer than 10,000 characters" },
      ],
      skipped_count: 4,
      warnings: [{ row: 4, reason: "2 fields where the header has 6: the missing fields were left empty" }],
      warnings_count: 1,
    });
    expect((await results()).map((lead) => [lead.name, lead.role, lead.company])).toEqual([
      ["Ava", "CEO", "Acme"],
      ["Cy", "CTO", ""],
    ]);
  });

  it("rejects duplicate column names with 400 naming them, and writes nothing", async () => {
    const { upload, results } = await freshWorkspace();
    const response = await upload("name,role,company,industry,location,linkedin_bio,Company\nAva,CEO,Acme,SaaS,Berlin,bio,Beta\n");
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: "Duplicate column names: company. Each column may appear once.",
      code: "duplicate_columns",
      details: { duplicates: ["company"] },
    });
    expect(await results()).toEqual([]);
  });

  it("lists at most 1,000 skipped rows and counts them all", async () => {
    const { upload } = await freshWorkspace();
    const rows = Array.from({ length: 1_500 }, (_, i) => `Lead ${i},CEO,Acme,SaaS,Berlin,bio\n,CEO,Acme,SaaS,Berlin,bio`);
    const body = await (await upload(`${LEADS_HEADER}\n${rows.join("\n")}\n`)).json();
    expect(body).toMatchObject({ uploaded: 1_500, skipped_count: 1_500, warnings_count: 0 });
    expect(body.skipped).toHaveLength(1_000);
  });
});

describe("duplicate leads on upload", () => {
  const ava = ["Ava Chen", "CEO", "Acme, Inc.", "SaaS", "Berlin", "first bio"];
  const avaAgain = ["  AVA  CHEN ", "Chief Revenue Officer", "acme inc", "Software", "Munich", "second bio"];
  const bo = ["Bo", "CTO", "Beta", "Tech", "Oslo", "bio"];

  it("skips a lead already stored by default, keeping the stored lead and its score", async () => {
    const { upload, results, headers } = await freshWorkspace();
    await upload(leadsCsv([ava]));
    expect((await api.postJson("/product/offer/", SAMPLE_OFFER, headers)).status).toBe(201);
    expect((await api.postJson("/score/", undefined, headers)).status).toBe(200);
    const [scored] = await results();

    const response = await upload(leadsCsv([avaAgain, bo]));
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ message: "Successfully uploaded 2 leads", uploaded: 2, created: 1, updated: 0, duplicates_skipped: 1 });
    const after = await results();
    expect(after.map((lead) => [lead.name, lead.role])).toEqual([["Ava Chen", "CEO"], ["Bo", "CTO"]]);
    expect(after[0]).toMatchObject({ id: scored!.id, score: scored!.score, stale: false });
  });

  it("counts rows repeated within one file as duplicates", async () => {
    const { upload, results } = await freshWorkspace();
    const body = await (await upload(leadsCsv([ava, bo, avaAgain, bo]))).json();
    expect(body).toMatchObject({ uploaded: 4, created: 2, updated: 0, duplicates_skipped: 2 });
    expect((await results()).map((lead) => lead.role)).toEqual(["CEO", "CTO"]);
  });

  it("stores each person once when uploads of the same people run at the same time", async () => {
    const { upload, results } = await freshWorkspace();
    const people = Array.from({ length: 350 }, (_, i) => [`Person ${i}`, "CEO", `Company ${i}`, "SaaS", "Berlin", "bio"]);
    const answers = await Promise.all(
      (["skip", "update", "skip", "keep"] as const).map(async (rule, i) => {
        const response = await upload(leadsCsv(people.slice(i * 50, i * 50 + 200)), rule);
        expect(response.status).toBe(201);
        return (await response.json()) as { created: number };
      }),
    );
    const stored = await results();
    // keep may store copies of people another upload stored first; every other row is one person.
    const copies = stored.length - new Set(stored.map((lead) => lead.name)).size;
    expect(new Set(stored.map((lead) => lead.name)).size).toBe(350);
    expect(answers.reduce((sum, answer) => sum + answer.created, 0)).toBe(stored.length);
    expect(copies).toBeLessThanOrEqual(200);
  });

  it("with on_duplicate=update refreshes the stored lead and marks its scores stale, so the next run rescores it", async () => {
    const { upload, results, headers } = await freshWorkspace();
    await upload(leadsCsv([ava, bo]));
    await api.postJson("/product/offer/", SAMPLE_OFFER, headers);
    await api.postJson("/score/", undefined, headers);
    const [before] = await results();

    const body = await (await upload(leadsCsv([avaAgain]), "update")).json();
    expect(body).toMatchObject({ uploaded: 1, created: 0, updated: 1, duplicates_skipped: 0 });
    const [refreshed, untouched] = await results();
    expect(refreshed).toMatchObject({ id: before!.id, name: "  AVA  CHEN ", role: "Chief Revenue Officer", company: "acme inc", stale: true });
    expect(untouched).toMatchObject({ name: "Bo", stale: false });

    const rescored = await (await api.postJson("/score/", undefined, headers)).json();
    expect(rescored.map((lead: { id: number }) => lead.id)).toEqual([before!.id]);
    expect((await results())[0]).toMatchObject({ stale: false, role: "Chief Revenue Officer" });
  });

  it("with on_duplicate=update lets the last of repeated rows win", async () => {
    const { upload, results } = await freshWorkspace();
    const body = await (await upload(leadsCsv([ava, avaAgain]), "update")).json();
    expect(body).toMatchObject({ uploaded: 2, created: 1, updated: 1, duplicates_skipped: 0 });
    expect((await results()).map((lead) => lead.role)).toEqual(["Chief Revenue Officer"]);
  });

  it("with on_duplicate=keep stores every row, and later uploads still match the first", async () => {
    const { upload, results } = await freshWorkspace();
    await upload(leadsCsv([ava]));
    expect(await (await upload(leadsCsv([avaAgain, avaAgain]), "keep")).json()).toMatchObject({ uploaded: 2, created: 2, updated: 0, duplicates_skipped: 0 });
    expect(await results()).toHaveLength(3);
    expect(await (await upload(leadsCsv([ava]))).json()).toMatchObject({ created: 0, duplicates_skipped: 1 });
    expect(await (await upload(leadsCsv([avaAgain]), "update")).json()).toMatchObject({ created: 0, updated: 1 });
    expect(await results()).toHaveLength(3);
  });

  it("matches by LinkedIn URL when the file has that column, and returns it in results", async () => {
    const { upload, results } = await freshWorkspace();
    const header = `${LEADS_HEADER},linkedin_url`;
    await upload(`${header}\nAva Chen,CEO,Acme,SaaS,Berlin,bio,https://www.linkedin.com/in/ava-chen/\nBo,CTO,Beta,Tech,Oslo,bio,\n`);
    const body = await (await upload(`${header}\nAva C.,CRO,NewCo,SaaS,Berlin,bio,linkedin.com/in/ava-chen\nAva Chen,CEO,Acme,SaaS,Berlin,bio,linkedin.com/in/another-ava\n`)).json();
    expect(body).toMatchObject({ uploaded: 2, created: 1, duplicates_skipped: 1 });
    expect((await results()).map((lead) => [lead.name, lead.linkedin_url])).toEqual([
      ["Ava Chen", "https://www.linkedin.com/in/ava-chen/"],
      ["Bo", null],
      ["Ava Chen", "linkedin.com/in/another-ava"],
    ]);
  });

  it("rejects an unknown on_duplicate with 400 and writes nothing", async () => {
    const { upload, results } = await freshWorkspace();
    const response = await upload(leadsCsv([ava]), "replace");
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('on_duplicate must be \\"skip\\", \\"update\\" or \\"keep\\"');
    expect(await results()).toEqual([]);
  });

  it("never matches another workspace's leads", async () => {
    const first = await freshWorkspace();
    const second = await freshWorkspace();
    await first.upload(leadsCsv([ava]));
    expect(await (await second.upload(leadsCsv([ava]))).json()).toMatchObject({ created: 1, duplicates_skipped: 0 });
  });
});
