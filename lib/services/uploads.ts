import { deleteUpload } from "@/db/queries/upload-history";
import { insertUpload, type LeadToStore } from "@/db/queries/uploads";
import type { WorkspaceScope } from "@/db/scope";
import { decodeCsvBytes } from "@/lib/csv/decode";
import { leadIdentity } from "@/lib/csv/lead-identity";
import { parseLeadsCsv, type ImportedLead, type RowNote } from "@/lib/csv/parse-leads";
import type { Actor } from "@/lib/auth/principal";
import { env } from "@/lib/env";
import { AppError, invalidInput, uploadNotFound } from "@/lib/errors";
import type { OnDuplicate } from "@/lib/validations/uploads";

export const MAX_UPLOAD_BYTES = env.MAX_UPLOAD_MB * 1024 * 1024;
/** Room for the multipart framing around the file itself. */
export const MAX_UPLOAD_BODY_BYTES = MAX_UPLOAD_BYTES + 64 * 1024;

export type ImportResult = {
  message: string;
  /** Rows accepted from the file: `created + updated + duplicates_skipped`. */
  uploaded: number;
  created: number;
  updated: number;
  duplicates_skipped: number;
  upload_id: number;
  /** The first 1,000 rows left out; `skipped_count` counts them all. */
  skipped: RowNote[];
  skipped_count: number;
  /** The first 1,000 rows stored with a remark; `warnings_count` counts them all. */
  warnings: RowNote[];
  warnings_count: number;
};

/**
 * Each lead with its identity; a row whose identity an earlier row of the file had is a `repeat`.
 * With `update` the first row of an identity carries the last row's fields, as if each later row
 * had refreshed it in turn.
 */
function withIdentities(leads: readonly ImportedLead[], onDuplicate: OnDuplicate): LeadToStore[] {
  const firstRow = new Map<string, number>();
  const stored: LeadToStore[] = [];
  for (const lead of leads) {
    const identity = leadIdentity(lead);
    const first = firstRow.get(identity);
    if (first === undefined) firstRow.set(identity, stored.length);
    else if (onDuplicate === "update") stored[first] = { ...lead, identity, repeat: false };
    stored.push({ ...lead, identity, repeat: first !== undefined });
  }
  return stored;
}

/** Imports the `csv_file` field of an upload form: all valid rows are stored, or nothing is. */
export async function importLeadsFile(
  scope: WorkspaceScope,
  actor: Actor,
  field: FormDataEntryValue | null,
  options: { on_duplicate: OnDuplicate },
): Promise<ImportResult> {
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
  const { leads, skipped, skippedCount, warnings, warningsCount } = parseLeadsCsv(text);
  // A file name is the client's to choose; keep it printable and short.
  const filename = field.name.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 255) || "leads.csv";
  const stored = await insertUpload(scope, {
    filename,
    leads: withIdentities(leads, options.on_duplicate),
    skippedCount,
    onDuplicate: options.on_duplicate,
    uploadedBy: actor.kind === "user" ? { userId: actor.userId } : { apiKeyId: actor.keyId },
  });
  return {
    message: `Successfully uploaded ${leads.length} leads`,
    uploaded: leads.length,
    created: stored.created,
    updated: stored.updated,
    duplicates_skipped: stored.duplicatesSkipped,
    upload_id: stored.upload.id,
    skipped,
    skipped_count: skippedCount,
    warnings,
    warnings_count: warningsCount,
  };
}

/** Deletes an upload with its leads and their scores; 404 `upload_not_found` when unknown here. */
export async function eraseUpload(scope: WorkspaceScope, id: number): Promise<void> {
  if (!(await deleteUpload(scope, id))) throw uploadNotFound(id);
}
