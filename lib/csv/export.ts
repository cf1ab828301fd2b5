import Papa from "papaparse";

export const EXPORT_COLUMNS = ["Name", "Role", "Company", "Industry", "Location", "Intent", "Score", "Reasoning"] as const;

export type ExportRow = {
  name: string;
  role: string;
  company: string;
  industry: string;
  location: string;
  intent: string | null;
  score: number | null;
  reasoning: string | null;
};

// OWASP's CSV-injection guidance: a cell a spreadsheet could read as a formula gets a leading
// apostrophe and quotes. Papa's built-in pattern misses values that continue past a newline.
const FORMULA_START = /^[=+\-@\t\r]/;

const unparse = (data: (string | number)[][]) =>
  Papa.unparse(data, { header: false, newline: "\r\n", escapeFormulae: FORMULA_START });

/** The header line, CRLF-terminated as RFC 4180 asks. */
export const csvHeader = (): string => `${unparse([[...EXPORT_COLUMNS]])}\r\n`;

/** A chunk of data lines, each CRLF-terminated; empty for no rows. */
export function csvLines(rows: readonly ExportRow[]): string {
  if (rows.length === 0) return "";
  const data = rows.map((row) => [
    row.name,
    row.role,
    row.company,
    row.industry,
    row.location,
    row.intent ?? "",
    row.score === null ? "" : String(row.score),
    row.reasoning ?? "",
  ]);
  return `${unparse(data)}\r\n`;
}
