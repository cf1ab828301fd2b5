import Papa from "papaparse";
import { invalidInput } from "@/lib/errors";
import { LEAD_FIELDS, type LeadData, type LeadField } from "@/lib/scoring/types";

export type RowNote = { row: number; reason: string };
/** A lead read from a file; `linkedin_url` is null when the file has no such column or the cell is empty. */
export type ImportedLead = LeadData & { linkedin_url: string | null };
export type ParsedLeads = {
  leads: ImportedLead[];
  /** The first MAX_REPORTED_ROWS rows left out, with why. */
  skipped: RowNote[];
  skippedCount: number;
  /** The first MAX_REPORTED_ROWS rows stored with a remark (fewer fields than the header). */
  warnings: RowNote[];
  warningsCount: number;
};

/** An answer lists at most this many skipped rows and warnings; the counts cover them all. */
export const MAX_REPORTED_ROWS = 1_000;

/** The longest value stored per field; a longer one is almost always two cells run together. */
export const FIELD_MAX_LENGTH: Record<LeadField | "linkedin_url", number> = {
  name: 500,
  role: 500,
  company: 500,
  industry: 500,
  location: 500,
  linkedin_url: 500,
  linkedin_bio: 10_000,
};

/** "LinkedIn Bio", " linkedin_bio " and "LINKEDIN-BIO" all name the same column. */
const normaliseHeader = (header: string) => header.trim().toLowerCase().replace(/[\s-]+/g, "_");

const MISSING_NAME = "Missing name";

const isBlank = (value: string | undefined) => value === undefined || value.trim() === "";

function readHeader(header: string[]): Map<string, number> {
  const columns = new Map<string, number>();
  const duplicates = new Set<string>();
  header.forEach((name, index) => {
    const key = normaliseHeader(name);
    if (key === "") return;
    if (columns.has(key)) duplicates.add(key);
    else columns.set(key, index);
  });
  if (duplicates.size > 0) {
    const names = [...duplicates];
    throw invalidInput(`Duplicate column names: ${names.join(", ")}. Each column may appear once.`, {
      code: "duplicate_columns",
      details: { duplicates: names },
    });
  }
  const missing = LEAD_FIELDS.filter((field) => !columns.has(field));
  if (missing.length > 0) {
    throw invalidInput(`Missing required columns: ${missing.join(", ")}`, {
      code: "missing_columns",
      details: { missing, required: LEAD_FIELDS },
    });
  }
  return columns;
}

/** A quoted field still open after this many characters is taken for a quote that is never closed. */
const MAX_ROW_CHARS = 1_048_576;
/** Enough of the start of a file to tell its delimiter and line breaks. */
const SNIFF_CHARS = 65_536;

export type LeadsCsvSummary = Omit<ParsedLeads, "leads"> & { accepted: number };

export type LeadsCsvParser = {
  /** Feeds the next piece of text; returns the leads it completed, in file order. */
  write(text: string): ImportedLead[];
  /** The end of the file: the last leads. */
  end(): ImportedLead[];
  /** What was skipped and warned about; throws when the file held no lead to import. */
  summary(): LeadsCsvSummary;
};

/**
 * Parses a leads CSV as it arrives, holding no more than the row in progress. Row numbers are
 * spreadsheet rows: the header is row 1, so the first lead is row 2 (a quoted cell spanning several
 * lines is still one row). Field values are kept exactly as written. Truly blank lines are ignored;
 * a row is skipped, with its reason, when it has no name, more fields than the header (a likely
 * unquoted comma: its values would land in the wrong columns) or a field over its length cap. A row
 * with fewer fields is stored with the rest empty and reported as a warning.
 */
export function createLeadsCsvParser(): LeadsCsvParser {
  let pending = "";
  let parser: Papa.Parser | null = null;
  let rowsSeen = 0;
  let header: string[] | null = null;
  let columns: Map<string, number> | null = null;
  let fieldColumns: number[] = [];
  let urlColumn: number | undefined;
  let accepted = 0;
  const notes: Omit<ParsedLeads, "leads"> = { skipped: [], skippedCount: 0, warnings: [], warningsCount: 0 };
  const skip = (row: number, reason: string) => {
    if (notes.skippedCount++ < MAX_REPORTED_ROWS) notes.skipped.push({ row, reason });
  };
  const warn = (row: number, reason: string) => {
    if (notes.warningsCount++ < MAX_REPORTED_ROWS) notes.warnings.push({ row, reason });
  };

  const readRecord = (record: string[], row: number, out: ImportedLead[]) => {
    if (header === null) {
      header = record;
      columns = readHeader(record);
      fieldColumns = LEAD_FIELDS.map((field) => columns!.get(field)!);
      urlColumn = columns.get("linkedin_url");
      return;
    }
    // A truly blank line; `,,,,,` is a row of empty cells, reported below as missing its name.
    if (record.length === 1 && isBlank(record[0])) return;
    if (record.length > header.length) {
      skip(row, `${record.length} fields where the header has ${header.length}: likely an unquoted comma`);
      return;
    }
    const lead = {} as LeadData;
    LEAD_FIELDS.forEach((field, index) => (lead[field] = record[fieldColumns[index]!] ?? ""));
    const url = urlColumn === undefined ? "" : (record[urlColumn] ?? "").trim();
    if (isBlank(lead.name)) {
      skip(row, MISSING_NAME);
      return;
    }
    const tooLong = LEAD_FIELDS.find((field) => lead[field].length > FIELD_MAX_LENGTH[field]);
    if (tooLong) {
      skip(row, `${tooLong} is longer than ${FIELD_MAX_LENGTH[tooLong].toLocaleString("en")} characters`);
      return;
    }
    if (url.length > FIELD_MAX_LENGTH.linkedin_url) {
      skip(row, `linkedin_url is longer than ${FIELD_MAX_LENGTH.linkedin_url} characters`);
      return;
    }
    if (record.length < header.length) {
      warn(row, `${record.length} fields where the header has ${header.length}: the missing fields were left empty`);
    }
    accepted++;
    out.push({ ...lead, linkedin_url: url === "" ? null : url });
  };

  const parse = (last: boolean): ImportedLead[] => {
    if (!parser) {
      if (!last && pending.length < SNIFF_CHARS) return [];
      pending = pending.replace(/^\uFEFF/, "");
      if (pending.trim() === "") {
        if (last) throw invalidInput("The file is empty.", { code: "empty_file" });
        return [];
      }
      const { meta } = Papa.parse<string[]>(pending, { preview: 10, delimitersToGuess: [",", ";", "\t", "|"] });
      parser = new Papa.Parser({ delimiter: meta.delimiter, newline: meta.linebreak as "\n" | "\r" | "\r\n" });
    }
    // The parser leaves the last, possibly incomplete, row for the next call until the end.
    const result = parser.parse(pending, 0, !last) as Papa.ParseResult<string[]>;
    const unclosed = result.errors.find((error) => error.code === "MissingQuotes");
    if (unclosed) {
      throw invalidInput(
        `The CSV is malformed: a quoted field starting in row ${rowsSeen + (unclosed.row ?? 0) + 1} is never closed.`,
        { code: "malformed_csv" },
      );
    }
    pending = last ? "" : pending.slice(result.meta.cursor);
    if (pending.length > MAX_ROW_CHARS) {
      throw invalidInput(
        `The CSV is malformed: row ${rowsSeen + 1} runs past ${MAX_ROW_CHARS.toLocaleString("en")} characters, so a quoted field in it is likely never closed.`,
        { code: "malformed_csv" },
      );
    }
    const leads: ImportedLead[] = [];
    for (const record of result.data as string[][]) readRecord(record, ++rowsSeen, leads);
    return leads;
  };

  return {
    write(text) {
      pending += text;
      return parse(false);
    },
    end() {
      // An empty file (or a byte-order mark alone) is refused there as "empty_file".
      return parse(true);
    },
    summary() {
      if (accepted === 0 && notes.skippedCount === 0) {
        throw invalidInput("The file has a header row but no leads.", { code: "no_rows" });
      }
      if (accepted === 0) {
        const allUnnamed = notes.skipped.every((note) => note.reason === MISSING_NAME);
        throw invalidInput(`No leads could be imported: ${allUnnamed ? "every row is missing a name" : "every row was skipped"}.`, {
          code: "no_valid_rows",
          details: { skipped: notes.skipped, skipped_count: notes.skippedCount },
        });
      }
      return { ...notes, accepted };
    },
  };
}

/** Parses a whole leads CSV held as one string (see createLeadsCsvParser). */
export function parseLeadsCsv(text: string): ParsedLeads {
  const parser = createLeadsCsvParser();
  const leads = [...parser.write(text), ...parser.end()];
  const { accepted: _accepted, ...notes } = parser.summary();
  return { leads, ...notes };
}
