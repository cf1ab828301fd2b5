import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { csvHeader, csvLines, type ExportRow } from "./export";

const row = (overrides: Partial<ExportRow>): ExportRow => ({
  name: "Ava",
  role: "CEO",
  company: "Acme",
  industry: "SaaS",
  location: "Berlin",
  intent: "High",
  score: 90,
  reasoning: "Strong fit.",
  ...overrides,
});

describe("csv export", () => {
  it("writes the original header exactly, CRLF-terminated", () => {
    expect(csvHeader()).toBe("Name,Role,Company,Industry,Location,Intent,Score,Reasoning\r\n");
  });

  it.each([
    { case: "a plain row", input: row({}), line: "Ava,CEO,Acme,SaaS,Berlin,High,90,Strong fit.\r\n" },
    { case: "a comma", input: row({ company: "Acme, Inc." }), line: 'Ava,CEO,"Acme, Inc.",SaaS,Berlin,High,90,Strong fit.\r\n' },
    { case: "a quote", input: row({ reasoning: 'Said "yes"' }), line: 'Ava,CEO,Acme,SaaS,Berlin,High,90,"Said ""yes"""\r\n' },
    { case: "a newline", input: row({ reasoning: "one\ntwo" }), line: 'Ava,CEO,Acme,SaaS,Berlin,High,90,"one\ntwo"\r\n' },
    { case: "an unscored lead", input: row({ intent: null, score: null, reasoning: null }), line: "Ava,CEO,Acme,SaaS,Berlin,,,\r\n" },
    { case: "a leading =", input: row({ name: "=HYPERLINK(\"x\")" }), line: '"\'=HYPERLINK(""x"")",CEO,Acme,SaaS,Berlin,High,90,Strong fit.\r\n' },
    { case: "a leading +", input: row({ role: "+1 555" }), line: "Ava,\"'+1 555\",Acme,SaaS,Berlin,High,90,Strong fit.\r\n" },
    { case: "a leading -", input: row({ company: "-2+3" }), line: "Ava,CEO,\"'-2+3\",SaaS,Berlin,High,90,Strong fit.\r\n" },
    { case: "a leading @", input: row({ industry: "@SUM(A1)" }), line: "Ava,CEO,Acme,\"'@SUM(A1)\",Berlin,High,90,Strong fit.\r\n" },
    { case: "a leading tab", input: row({ location: "\t=1" }), line: "Ava,CEO,Acme,SaaS,\"'\t=1\",High,90,Strong fit.\r\n" },
    { case: "a leading carriage return", input: row({ location: "\r=1" }), line: "Ava,CEO,Acme,SaaS,\"'\r=1\",High,90,Strong fit.\r\n" },
    { case: "a formula continued on a second line", input: row({ reasoning: "=1+1\nmore" }), line: "Ava,CEO,Acme,SaaS,Berlin,High,90,\"'=1+1\nmore\"\r\n" },
    { case: "a formula sign in the middle (left alone)", input: row({ name: "Ava=Bo" }), line: "Ava=Bo,CEO,Acme,SaaS,Berlin,High,90,Strong fit.\r\n" },
  ])("quotes and neutralises $case", ({ input, line }) => {
    expect(csvLines([input])).toBe(line);
  });

  it("round-trips many rows through a CSV parser", () => {
    const rows = [row({ name: "A, B" }), row({ reasoning: 'x "y"\r\nz' }), row({ score: 0, intent: "Low" })];
    const parsed = Papa.parse<string[]>(csvHeader() + csvLines(rows), { skipEmptyLines: true });
    expect(parsed.data).toEqual([
      ["Name", "Role", "Company", "Industry", "Location", "Intent", "Score", "Reasoning"],
      ["A, B", "CEO", "Acme", "SaaS", "Berlin", "High", "90", "Strong fit."],
      ["Ava", "CEO", "Acme", "SaaS", "Berlin", "High", "90", 'x "y"\r\nz'],
      ["Ava", "CEO", "Acme", "SaaS", "Berlin", "Low", "0", "Strong fit."],
    ]);
  });

  it("writes nothing for no rows", () => {
    expect(csvLines([])).toBe("");
  });
});
