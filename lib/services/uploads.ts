import { setImmediate as nextTurn } from "node:timers/promises";
import { beginLeadImport, type LeadImport, type LeadToStore } from "@/db/queries/lead-import";
import { deleteUpload } from "@/db/queries/upload-history";
import type { WorkspaceScope } from "@/db/scope";
import type { MultipartPart } from "@/lib/api/request";
import type { Actor } from "@/lib/auth/principal";
import { createCsvDecoder } from "@/lib/csv/decode";
import { leadIdentity } from "@/lib/csv/lead-identity";
import { createLeadsCsvParser, type ImportedLead, type LeadsCsvSummary, type RowNote } from "@/lib/csv/parse-leads";
import { env } from "@/lib/env";
import { invalidInput, uploadNotFound } from "@/lib/errors";
import { uploadOptionsSchema } from "@/lib/validations/uploads";
import { withImportSlot } from "./import-slots";

export const MAX_UPLOAD_BYTES = env.MAX_UPLOAD_MB * 1024 * 1024;
/** Room for the multipart framing around the file itself. */
export const MAX_UPLOAD_BODY_BYTES = MAX_UPLOAD_BYTES + 64 * 1024;

/** Leads staged per write: large enough for COPY to be efficient, small enough to keep memory flat. */
const STAGE_BATCH = 2_000;
const DECODE_SLICE = 65_536;

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

async function drain(stream: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const _chunk of stream);
}

/**
 * Decodes, parses and checks a file as it arrives and stages its leads in batches. Between
 * batches the event loop gets a turn, so that other requests (and /healthz) are answered while a
 * large file is read.
 */
async function stageFile(staging: LeadImport, stream: AsyncIterable<Uint8Array>): Promise<LeadsCsvSummary> {
  const decoder = createCsvDecoder();
  const parser = createLeadsCsvParser();
  let batch: LeadToStore[] = [];
  const flush = async () => {
    await staging.write(batch);
    batch = [];
    await nextTurn();
  };
  const add = async (leads: ImportedLead[]) => {
    for (const lead of leads) batch.push({ ...lead, identity: leadIdentity(lead) });
    if (batch.length >= STAGE_BATCH) await flush();
  };
  for await (const chunk of stream) {
    // A body may come in one large piece (an in-process Request does that); decode it a slice at a time.
    for (let at = 0; at < chunk.byteLength; at += DECODE_SLICE) await add(parser.write(decoder.write(chunk.subarray(at, at + DECODE_SLICE))));
  }
  await add(parser.write(decoder.end()));
  await add(parser.end());
  const summary = parser.summary();
  if (batch.length > 0) await flush();
  return summary;
}

/**
 * Imports the `csv_file` part of an upload form as it arrives: all valid rows are stored, or
 * nothing is (a file refused half-way, a broken body or a failed write leaves no trace). The form's
 * `on_duplicate` may come before or after the file: leads are staged first and merged with the
 * duplicate rule at the end.
 */
export async function importLeadsUpload(scope: WorkspaceScope, actor: Actor, parts: AsyncIterable<MultipartPart>): Promise<ImportResult> {
  return withImportSlot(async () => {
    let staging: LeadImport | undefined;
    try {
      let file: { summary: LeadsCsvSummary; filename: string } | undefined;
      let onDuplicate: string | undefined;
      for await (const part of parts) {
        if (part.kind === "field" && part.name === "on_duplicate") onDuplicate ??= part.value;
        else if (part.name !== "csv_file" || file) {
          if (part.kind === "file") await drain(part.stream);
        } else if (part.kind === "field") {
          throw invalidInput('The form field "csv_file" must be a file, not text.', { code: "missing_file" });
        } else {
          staging = await beginLeadImport(scope);
          // A file name is the client's to choose; keep it printable and short.
          const filename = part.filename.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 255) || "leads.csv";
          file = { summary: await stageFile(staging, part.stream), filename };
        }
      }
      if (!file || !staging) {
        throw invalidInput('No file was sent. Put the CSV in the form field "csv_file".', { code: "missing_file" });
      }
      const options = uploadOptionsSchema.parse({ on_duplicate: onDuplicate });
      const { summary } = file;
      const ready = staging;
      staging = undefined;
      const stored = await ready.commit({
        filename: file.filename,
        skippedCount: summary.skippedCount,
        onDuplicate: options.on_duplicate,
        uploadedBy: actor.kind === "user" ? { userId: actor.userId } : { apiKeyId: actor.keyId },
      });
      return {
        message: `Successfully uploaded ${summary.accepted} leads`,
        uploaded: summary.accepted,
        created: stored.created,
        updated: stored.updated,
        duplicates_skipped: stored.duplicatesSkipped,
        upload_id: stored.uploadId,
        skipped: summary.skipped,
        skipped_count: summary.skippedCount,
        warnings: summary.warnings,
        warnings_count: summary.warningsCount,
      };
    } catch (error) {
      await staging?.discard();
      throw error;
    }
  });
}

/** Deletes an upload with its leads and their scores; 404 `upload_not_found` when unknown here. */
export async function eraseUpload(scope: WorkspaceScope, id: number): Promise<void> {
  if (!(await deleteUpload(scope, id))) throw uploadNotFound(id);
}
