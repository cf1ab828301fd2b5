import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { MAX_REPORTED_ROWS, parseLeadsCsv } from "./parse-leads";

const HEADER = "name,role,company,industry,location,linkedin_bio";

describe("parseLeadsCsv", () => {
  it.each([
    {
      case: "LF line endings",
      csv: `${HEADER}\nAva Chen,CEO,Acme,SaaS,Berlin,Builds things\n`,
      expected: [{ name: "Ava Chen", role: "CEO", company: "Acme", industry: "SaaS", location: "Berlin", linkedin_bio: "Builds things" }],
    },
    {
      case: "CRLF line endings",
      csv: `${HEADER}\r\nAva Chen,CEO,Acme,SaaS,Berlin,Builds things\r\n`,
      expected: [{ name: "Ava Chen", role: "CEO", company: "Acme", industry: "SaaS", location: "Berlin", linkedin_bio: "Builds things" }],
    },
    {
      case: "a BOM before the header",
      csv: `\uFEFF${HEADER}\nAva,CEO,Acme,SaaS,Berlin,bio`,
      expected: [{ name: "Ava", role: "CEO", company: "Acme", industry: "SaaS", location: "Berlin", linkedin_bio: "bio" }],
    },
    {
      case: "quoted commas, newlines and doubled quotes kept exactly",
      csv: `${HEADER}\n"Chen, Ava","VP, Sales",Acme,SaaS,"Berlin","Line one\nLine ""two"", with comma"\n`,
      expected: [
        { name: "Chen, Ava", role: "VP, Sales", company: "Acme", industry: "SaaS", location: "Berlin", linkedin_bio: 'Line one\nLine "two", with comma' },
      ],
    },
    {
      case: "headers in any case, padded, reordered, with extra columns",
      csv: ` LinkedIn_Bio ,EMAIL, Name ,ROLE,Company,Industry,Location\nbio,a@b.c,Ava,CEO,Acme,SaaS,Berlin\n`,
      expected: [{ name: "Ava", role: "CEO", company: "Acme", industry: "SaaS", location: "Berlin", linkedin_bio: "bio" }],
    },
    {
      case: "empty optional fields",
      csv: `${HEADER}\nAva,,,,,\n`,
      expected: [{ name: "Ava", role: "", company: "", industry: "", location: "", linkedin_bio: "" }],
    },
    {
      case: "blank lines between rows",
      csv: `${HEADER}\n\nAva,CEO,Acme,SaaS,Berlin,bio\n\n\r\n`,
      expected: [{ name: "Ava", role: "CEO", company: "Acme", industry: "SaaS", location: "Berlin", linkedin_bio: "bio" }],
    },
    {
      case: "semicolon-delimited export",
      csv: `name;role;company;industry;location;linkedin_bio\nAva;CEO;Acme;SaaS;Berlin;bio\n`,
      expected: [{ name: "Ava", role: "CEO", company: "Acme", industry: "SaaS", location: "Berlin", linkedin_bio: "bio" }],
    },
  ])("parses $case", ({ csv, expected }) => {
    const parsed = parseLeadsCsv(csv);
    expect(parsed.leads).toEqual(expected.map((lead) => ({ ...lead, linkedin_url: null })));
    expect(parsed).toMatchObject({ skipped: [], skippedCount: 0, warnings: [], warningsCount: 0 });
  });

  const row = (name: string, extra = "") => `${name},CEO,Acme,SaaS,Berlin,bio${extra}`;
  it.each([
    {
      case: "a row with more fields than the header (an unquoted comma)",
      csv: `${HEADER}\n${row("Ava")}\nBo,VP, Sales,Beta,Tech,Oslo,bio\n`,
      names: ["Ava"],
      skipped: [{ row: 3, reason: "7 fields where the header has 6: likely an unquoted comma" }],
      warnings: [],
    },
    {
      case: "a row with fewer fields, stored with the rest empty",
      csv: `${HEADER}\n${row("Ava")}\nBo,CTO\n`,
      names: ["Ava", "Bo"],
      skipped: [],
      warnings: [{ row: 3, reason: "2 fields where the header has 6: the missing fields were left empty" }],
    },
    {
      case: "rows of empty cells, reported as missing a name",
      csv: `${HEADER}\n${row("Ava")}\n,,,,,\n\n ,,\n`,
      names: ["Ava"],
      skipped: [
        { row: 3, reason: "Missing name" },
        { row: 5, reason: "Missing name" },
      ],
      warnings: [],
    },
    {
      case: "a name over 500 characters",
      csv: `${HEADER}\n${row("Ava")}\n${row("x".repeat(501))}\n${row("y".repeat(500))}\n`,
      names: ["Ava", "y".repeat(500)],
      skipped: [{ row: 3, reason: "name is longer than 500 characters" }],
      warnings: [],
    },
    {
      case: "a bio over 10,000 characters",
      csv: `${HEADER}\nAva,CEO,Acme,SaaS,Berlin,${"b".repeat(10_001)}\nBo,CEO,Acme,SaaS,Berlin,${"b".repeat(10_000)}\n`,
      names: ["Bo"],
      skipped: [{ row: 2, reason: "linkedin_bio is longer than 10,000 characters" }],
      warnings: [],
    },
    {
      case: "a company over 500 characters",
      csv: `${HEADER}\nAva,CEO,${"c".repeat(501)},SaaS,Berlin,bio\n${row("Bo")}\n`,
      names: ["Bo"],
      skipped: [{ row: 2, reason: "company is longer than 500 characters" }],
      warnings: [],
    },
  ])("checks rows: $case", ({ csv, names, skipped, warnings }) => {
    const parsed = parseLeadsCsv(csv);
    expect(parsed.leads.map((lead) => lead.name)).toEqual(names);
    expect(parsed).toMatchObject({ skipped, skippedCount: skipped.length, warnings, warningsCount: warnings.length });
  });

  it("keeps a linkedin_url column when present, null when its cell is empty", () => {
    const parsed = parseLeadsCsv(`${HEADER},LinkedIn URL\n${row("Ava")}, https://www.linkedin.com/in/ava \n${row("Bo")},\n`);
    expect(parsed.leads.map((lead) => lead.linkedin_url)).toEqual(["https://www.linkedin.com/in/ava", null]);
  });

  it("counts every skipped row and warning but lists only the first 1,000 of each", () => {
    const rows = Array.from({ length: 1_200 }, (_, i) => `${row(`Lead ${i}`)}\n,CTO,x,y,z,w\nShort ${i},CTO\n`).join("");
    const parsed = parseLeadsCsv(`${HEADER}\n${rows}`);
    expect(parsed.leads).toHaveLength(2_400);
    expect(parsed.skippedCount).toBe(1_200);
    expect(parsed.warningsCount).toBe(1_200);
    expect(parsed.skipped).toHaveLength(MAX_REPORTED_ROWS);
    expect(parsed.warnings).toHaveLength(MAX_REPORTED_ROWS);
    expect(parsed.skipped[0]).toEqual({ row: 3, reason: "Missing name" });
    expect(parsed.warnings.at(-1)).toEqual({ row: 3 * MAX_REPORTED_ROWS + 1, reason: "2 fields where the header has 6: the missing fields were left empty" });
  });

  it("skips rows without a name and reports their spreadsheet row numbers", () => {
    const csv = `${HEADER}\nAva,CEO,Acme,SaaS,Berlin,"multi\nline"\n,CTO,Acme,SaaS,Berlin,bio\n   ,CFO,Acme,SaaS,Paris,bio\nBo,VP,Acme,SaaS,Oslo,bio\n`;
    const parsed = parseLeadsCsv(csv);
    expect(parsed.leads.map((lead) => lead.name)).toEqual(["Ava", "Bo"]);
    expect(parsed.skipped).toEqual([
      { row: 3, reason: "Missing name" },
      { row: 4, reason: "Missing name" },
    ]);
  });

  it.each([
    { case: "an empty file", csv: "", code: "empty_file", message: "The file is empty." },
    { case: "only whitespace", csv: " \r\n\n", code: "empty_file", message: "The file is empty." },
    { case: "a header without rows", csv: `${HEADER}\r\n`, code: "no_rows", message: "The file has a header row but no leads." },
    {
      case: "missing columns, each named",
      csv: "name,company,location,linkedin_bio\nAva,Acme,Berlin,bio\n",
      code: "missing_columns",
      message: "Missing required columns: role, industry",
    },
    {
      case: "a file that is not a table",
      csv: "just some notes\nabout a meeting\n",
      code: "missing_columns",
      message: "Missing required columns: name, role, company, industry, location, linkedin_bio",
    },
    {
      case: "rows that all lack a name",
      csv: `${HEADER}\n,CEO,Acme,SaaS,Berlin,bio\n`,
      code: "no_valid_rows",
      message: "No leads could be imported: every row is missing a name.",
    },
    {
      case: "duplicate column names, each named",
      csv: "name,role,company,industry,location,linkedin_bio,Role,LinkedIn-Bio\nAva,CEO,Acme,SaaS,Berlin,bio,CTO,x\n",
      code: "duplicate_columns",
      message: "Duplicate column names: role, linkedin_bio. Each column may appear once.",
    },
    {
      case: "rows that were all skipped for different reasons",
      csv: `${HEADER}\n,CEO,Acme,SaaS,Berlin,bio\nAva,VP, Sales,Acme,SaaS,Berlin,bio\n`,
      code: "no_valid_rows",
      message: "No leads could be imported: every row was skipped.",
    },
    {
      case: "an unclosed quote",
      csv: `${HEADER}\nAva,CEO,Acme,SaaS,Berlin,"never closed\nBo,CTO,x,y,z,w\n`,
      code: "malformed_csv",
      message: "The CSV is malformed: a quoted field starting in row 2 is never closed.",
    },
  ])("rejects $case", ({ csv, code, message }) => {
    let thrown: unknown;
    try {
      parseLeadsCsv(csv);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ kind: "invalid_input", code, message });
  });
});
