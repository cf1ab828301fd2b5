import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseLeadsCsv } from "./parse-leads";

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
      case: "empty optional fields and a short row",
      csv: `${HEADER}\nAva,,,,,\nBo,CTO\n`,
      expected: [
        { name: "Ava", role: "", company: "", industry: "", location: "", linkedin_bio: "" },
        { name: "Bo", role: "CTO", company: "", industry: "", location: "", linkedin_bio: "" },
      ],
    },
    {
      case: "blank lines between rows",
      csv: `${HEADER}\n\nAva,CEO,Acme,SaaS,Berlin,bio\n\n,,,,,\n`,
      expected: [{ name: "Ava", role: "CEO", company: "Acme", industry: "SaaS", location: "Berlin", linkedin_bio: "bio" }],
    },
    {
      case: "semicolon-delimited export",
      csv: `name;role;company;industry;location;linkedin_bio\nAva;CEO;Acme;SaaS;Berlin;bio\n`,
      expected: [{ name: "Ava", role: "CEO", company: "Acme", industry: "SaaS", location: "Berlin", linkedin_bio: "bio" }],
    },
  ])("parses $case", ({ csv, expected }) => {
    const parsed = parseLeadsCsv(csv);
    expect(parsed.leads).toEqual(expected);
    expect(parsed.skipped).toEqual([]);
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
