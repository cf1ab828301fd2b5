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
  rule_score: 50,
  ai_score: 50,
  ai_provider: "gemini",
  ai_model: "gemini-3.8-flash",
  scored_at: new Date("2026-03-01T09:30:00.000Z"),
  upload_id: 7,
  ...overrides,
});

describe("csv export", () => {
  it("writes the original header exactly, CRLF-terminated", () => {
    expect(csvHeader("default")).toBe("Name,Role,Company,Industry,Location,Intent,Score,Reasoning\r\n");
  });

  it("adds the score's provenance in the full layout", () => {
    expect(csvHeader("full")).toBe(
      "Name,Role,Company,Industry,Location,Intent,Score,Reasoning,Rule score,AI score,AI provider,AI model,Scored at,Upload id\r\n",
    );
    expect(csvLines([row({})], "full")).toBe("Ava,CEO,Acme,SaaS,Berlin,High,90,Strong fit.,50,50,gemini,gemini-3.8-flash,2026-03-01T09:30:00.000Z,7\r\n");
    expect(csvLines([row({ intent: null, score: null, reasoning: null, rule_score: null, ai_score: null, ai_provider: null, ai_model: null, scored_at: null })], "full")).toBe(
      "Ava,CEO,Acme,SaaS,Berlin,,,,,,,,,7\r\n",
    );
  });

  it.each([
    { case: "a plain row", input: row({}), line: "Ava,CEO,Acme,SaaS,Berlin,High,90,Strong fit.\r\n" },
    { case: "a comma", input: row({ company: "Acme, Inc." }), line: 'Ava,CEO,"Acme, Inc.",SaaS,Berlin,High,90,Strong fit.\r\n' },
    { case: "a quote", input: row({ reasoning: 'Said "yes"' }), line: 'Ava,CEO,Acme,SaaS,Berlin,High,90,"Said ""yes"""\r\n' },
    { case: "a semicolon", input: row({ company: "Müller; Söhne" }), line: 'Ava,CEO,"Müller; Söhne",SaaS,Berlin,High,90,Strong fit.\r\n' },
    { case: "a semicolon in the reasoning", input: row({ reasoning: "Fits; buys soon" }), line: 'Ava,CEO,Acme,SaaS,Berlin,High,90,"Fits; buys soon"\r\n' },
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
    expect(csvLines([input], "default")).toBe(line);
  });

  it("round-trips many rows through a CSV parser", () => {
    const rows = [row({ name: "A, B" }), row({ reasoning: 'x "y"\r\nz' }), row({ score: 0, intent: "Low" })];
    const parsed = Papa.parse<string[]>(csvHeader("default") + csvLines(rows, "default"), { skipEmptyLines: true });
    expect(parsed.data).toEqual([
      ["Name", "Role", "Company", "Industry", "Location", "Intent", "Score", "Reasoning"],
      ["A, B", "CEO", "Acme", "SaaS", "Berlin", "High", "90", "Strong fit."],
      ["Ava", "CEO", "Acme", "SaaS", "Berlin", "High", "90", 'x "y"\r\nz'],
      ["Ava", "CEO", "Acme", "SaaS", "Berlin", "Low", "0", "Strong fit."],
    ]);
  });

  it("keeps a semicolon-separated reading whole: every cell with a semicolon is quoted", () => {
    const rows = [row({ name: "A;B", role: "x;y;z", reasoning: "p; q" })];
    const parsed = Papa.parse<string[]>(csvHeader("full") + csvLines(rows, "full"), { delimiter: ";", skipEmptyLines: true });
    // Read with ; as the separator, no cell splits inside a value: each line is one cell.
    expect(parsed.data.map((line) => line.length)).toEqual([1, 1]);
    expect(Papa.parse<string[]>(csvLines(rows, "full"), { skipEmptyLines: true }).data[0]!.slice(0, 2)).toEqual(["A;B", "x;y;z"]);
  });

  // The cells are written by hand for speed; Papa's unparse with the same rules is the reference.
  const papaLine = (cells: (string | null)[]) =>
    `${Papa.unparse([cells.map((value) => value ?? "")], {
      newline: "\r\n",
      escapeFormulae: /^[=+\-@\t\r]/,
      quotes: (value: unknown) => typeof value === "string" && value.includes(";"),
    })}\r\n`;

  it.each([" lead", "trail ", " ", "", "\uFEFFbom", "a\rb", '"', "''", "=", "-", "a,b;c\"d\ne", "Ünïcødé 😀", "\t", "\n=1", "x\r\n"])(
    "writes %j as Papa's unparse does",
    (value) => {
      const cells = [value, value, value, value, value, value, null, value];
      const input = row({ name: value, role: value, company: value, industry: value, location: value, intent: value, score: null, reasoning: value });
      expect(csvLines([input], "default")).toBe(papaLine(cells));
    },
  );

  it("writes a thousand random rows exactly as Papa's unparse does", () => {
    const alphabet = ["a", "Z", "0", " ", ",", ";", '"', "'", "\r", "\n", "\t", "=", "+", "-", "@", "\uFEFF", "é", "😀"];
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const value = () => Array.from({ length: Math.floor(random() * 6) }, () => alphabet[Math.floor(random() * alphabet.length)]!).join("");
    const rows = Array.from({ length: 1_000 }, () => row({ name: value(), role: value(), company: value(), industry: value(), location: value(), reasoning: value() }));
    const expected = rows.map((r) => papaLine([r.name, r.role, r.company, r.industry, r.location, r.intent, String(r.score), r.reasoning])).join("");
    expect(csvLines(rows, "default")).toBe(expected);
  });

  it("writes nothing for no rows", () => {
    expect(csvLines([], "default")).toBe("");
    expect(csvLines([], "full")).toBe("");
  });
});
