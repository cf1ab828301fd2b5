import Papa from "papaparse";

/** The original API's columns, in its order; `columns=full` adds the score's provenance after them. */
export const EXPORT_COLUMNS = ["Name", "Role", "Company", "Industry", "Location", "Intent", "Score", "Reasoning"] as const;
export const FULL_EXPORT_COLUMNS = [...EXPORT_COLUMNS, "Rule score", "AI score", "AI provider", "AI model", "Scored at", "Upload id"] as const;

export type ExportLayout = "default" | "full";

export type ExportRow = {
  name: string;
  role: string;
  company: string;
  industry: string;
  location: string;
  intent: string | null;
  score: number | null;
  reasoning: string | null;
  rule_score: number | null;
  ai_score: number | null;
  ai_provider: string | null;
  ai_model: string | null;
  scored_at: Date | null;
  upload_id: number;
};

/** Excel only reads a CSV file as UTF-8 when it starts with a byte order mark. */
export const UTF8_BOM = "\uFEFF";

// OWASP's CSV-injection guidance: a cell a spreadsheet could read as a formula gets a leading
// apostrophe and quotes. Papa's built-in pattern misses values that continue past a newline.
const FORMULA_START = /^[=+\-@\t\r]/;

const unparse = (data: string[][]) =>
  Papa.unparse(data, {
    header: false,
    newline: "\r\n",
    escapeFormulae: FORMULA_START,
    // Excel in much of Europe splits on semicolons; quoting keeps such a cell whole there too.
    quotes: (value: unknown) => typeof value === "string" && value.includes(";"),
  });

const columnsOf = (layout: ExportLayout) => (layout === "full" ? FULL_EXPORT_COLUMNS : EXPORT_COLUMNS);

/** The header line, CRLF-terminated as RFC 4180 asks. */
export const csvHeader = (layout: ExportLayout): string => `${unparse([[...columnsOf(layout)]])}\r\n`;

const text = (value: string | number | null) => (value === null ? "" : String(value));

function cells(row: ExportRow, layout: ExportLayout): string[] {
  const base = [row.name, row.role, row.company, row.industry, row.location, text(row.intent), text(row.score), text(row.reasoning)];
  if (layout === "default") return base;
  return [
    ...base,
    text(row.rule_score),
    text(row.ai_score),
    text(row.ai_provider),
    text(row.ai_model),
    row.scored_at === null ? "" : row.scored_at.toISOString(),
    String(row.upload_id),
  ];
}

/** A chunk of data lines, each CRLF-terminated; empty for no rows. */
export function csvLines(rows: readonly ExportRow[], layout: ExportLayout): string {
  if (rows.length === 0) return "";
  return `${unparse(rows.map((row) => cells(row, layout)))}\r\n`;
}
