import Papa from "papaparse";
import { invalidInput } from "@/lib/errors";
import { LEAD_FIELDS, type LeadData, type LeadField } from "@/lib/scoring/types";

export type SkippedRow = { row: number; reason: string };
export type ParsedLeads = { leads: LeadData[]; skipped: SkippedRow[] };

/** "LinkedIn Bio", " linkedin_bio " and "LINKEDIN-BIO" all name the same column. */
const normaliseHeader = (header: string) => header.trim().toLowerCase().replace(/[\s-]+/g, "_");

const isBlank = (value: string | undefined) => value === undefined || value.trim() === "";

/**
 * Parses a leads CSV. Row numbers are spreadsheet rows: the header is row 1, so the first lead
 * is row 2 (a quoted cell spanning several lines is still one row). Field values are kept
 * exactly as written; blank rows are ignored; a row without a name is skipped and reported.
 */
export function parseLeadsCsv(text: string): ParsedLeads {
  const content = text.replace(/^\uFEFF/, "");
  if (content.trim() === "") throw invalidInput("The file is empty.", { code: "empty_file" });

  const parsed = Papa.parse<string[]>(content, { skipEmptyLines: false, delimitersToGuess: [",", ";", "\t", "|"] });
  const unclosed = parsed.errors.find((error) => error.code === "MissingQuotes");
  if (unclosed) {
    throw invalidInput(
      `The CSV is malformed: a quoted field starting in row ${(unclosed.row ?? 0) + 1} is never closed.`,
      { code: "malformed_csv" },
    );
  }

  const [header = [], ...records] = parsed.data;
  const columns = new Map<string, number>();
  header.forEach((name, index) => {
    const key = normaliseHeader(name);
    if (!columns.has(key)) columns.set(key, index);
  });
  const missing = LEAD_FIELDS.filter((field) => !columns.has(field));
  if (missing.length > 0) {
    throw invalidInput(`Missing required columns: ${missing.join(", ")}`, {
      code: "missing_columns",
      details: { missing, required: LEAD_FIELDS },
    });
  }

  const leads: LeadData[] = [];
  const skipped: SkippedRow[] = [];
  records.forEach((record, index) => {
    if (record.every(isBlank)) return;
    const row = index + 2;
    const lead = Object.fromEntries(
      LEAD_FIELDS.map((field): [LeadField, string] => [field, record[columns.get(field)!] ?? ""]),
    ) as LeadData;
    if (isBlank(lead.name)) skipped.push({ row, reason: "Missing name" });
    else leads.push(lead);
  });

  if (leads.length === 0 && skipped.length === 0) {
    throw invalidInput("The file has a header row but no leads.", { code: "no_rows" });
  }
  if (leads.length === 0) {
    throw invalidInput("No leads could be imported: every row is missing a name.", {
      code: "no_valid_rows",
      details: { skipped },
    });
  }
  return { leads, skipped };
}
