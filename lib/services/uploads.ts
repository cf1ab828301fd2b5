import { insertUpload } from "@/db/queries/uploads";
import type { WorkspaceScope } from "@/db/scope";
import { decodeCsvBytes } from "@/lib/csv/decode";
import { parseLeadsCsv, type SkippedRow } from "@/lib/csv/parse-leads";
import { env } from "@/lib/env";
import { AppError, invalidInput } from "@/lib/errors";

export const MAX_UPLOAD_BYTES = env.MAX_UPLOAD_MB * 1024 * 1024;
/** Room for the multipart framing around the file itself. */
export const MAX_UPLOAD_BODY_BYTES = MAX_UPLOAD_BYTES + 64 * 1024;

export type ImportResult = {
  message: string;
  uploaded: number;
  upload_id: number;
  skipped: SkippedRow[];
};

/** Imports the `csv_file` field of an upload form: all valid rows are stored, or nothing is. */
export async function importLeadsFile(scope: WorkspaceScope, field: FormDataEntryValue | null): Promise<ImportResult> {
  if (field === null) {
    throw invalidInput('No file was sent. Put the CSV in the form field "csv_file".', { code: "missing_file" });
  }
  if (typeof field === "string") {
    throw invalidInput('The form field "csv_file" must be a file, not text.', { code: "missing_file" });
  }
  if (field.size > MAX_UPLOAD_BYTES) {
    throw new AppError("payload_too_large", `The file is larger than the ${env.MAX_UPLOAD_MB} MB limit.`, {
      details: { max_bytes: MAX_UPLOAD_BYTES, file_bytes: field.size },
    });
  }
  const text = decodeCsvBytes(new Uint8Array(await field.arrayBuffer()));
  const { leads, skipped } = parseLeadsCsv(text);
  // A file name is the client's to choose; keep it printable and short.
  const filename = field.name.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 255) || "leads.csv";
  const upload = await insertUpload(scope, { filename, leads, skippedCount: skipped.length });
  return {
    message: `Successfully uploaded ${leads.length} leads`,
    uploaded: leads.length,
    upload_id: upload.id,
    skipped,
  };
}
