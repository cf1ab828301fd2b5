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

const DEFAULT_FIELDS = ["name", "role", "company", "industry", "location", "intent", "score", "reasoning"] as const;

/** The fields of a result each layout writes, in its columns' order: an export reads no more. */
export const EXPORT_FIELDS = {
  default: DEFAULT_FIELDS,
  full: [...DEFAULT_FIELDS, "rule_score", "ai_score", "ai_provider", "ai_model", "scored_at", "upload_id"],
} as const satisfies Record<ExportLayout, readonly (keyof ExportRow)[]>;

/** A row as a layout reads it. */
export type ExportRowOf<Layout extends ExportLayout> = Pick<ExportRow, (typeof EXPORT_FIELDS)[Layout][number]>;

/** Excel only reads a CSV file as UTF-8 when it starts with a byte order mark. */
export const UTF8_BOM = "\uFEFF";

// OWASP's CSV-injection guidance: a cell a spreadsheet could read as a formula gets a leading
// apostrophe and quotes (a value that continues past a newline too).
const FORMULA_START = /^[=+\-@\t\r]/;
// RFC 4180 quotes a cell with a comma, a quote or a line break; a leading or trailing space or a
// byte order mark would be lost by some readers; and Excel in much of Europe splits on semicolons.
const NEEDS_QUOTES = /[",;\r\n\uFEFF]|^ | $/;

/** One cell, quoted and neutralised as needed: a million rows go through this, so no more than a test and a replace. */
function cell(value: string): string {
  if (FORMULA_START.test(value)) return `"'${value.replaceAll('"', '""')}"`;
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const text = (value: string | number | null) => (value === null ? "" : cell(String(value)));

const columnsOf = (layout: ExportLayout) => (layout === "full" ? FULL_EXPORT_COLUMNS : EXPORT_COLUMNS);

/** The header line, CRLF-terminated as RFC 4180 asks. */
export const csvHeader = (layout: ExportLayout): string => `${columnsOf(layout).map(cell).join(",")}\r\n`;

const defaultCells = (row: ExportRowOf<"default">) =>
  `${cell(row.name)},${cell(row.role)},${cell(row.company)},${cell(row.industry)},${cell(row.location)},${text(row.intent)},${text(row.score)},${text(row.reasoning)}`;

const fullCells = (row: ExportRow) =>
  `${defaultCells(row)},${text(row.rule_score)},${text(row.ai_score)},${text(row.ai_provider)},${text(row.ai_model)},${row.scored_at === null ? "" : row.scored_at.toISOString()},${row.upload_id}`;

/** A chunk of data lines, each CRLF-terminated; empty for no rows. */
export function csvLines<Layout extends ExportLayout>(rows: readonly ExportRowOf<Layout>[], layout: Layout): string {
  const line = (layout === "full" ? fullCells : defaultCells) as (row: ExportRowOf<Layout>) => string;
  let lines = "";
  for (const row of rows) lines += `${line(row)}\r\n`;
  return lines;
}
