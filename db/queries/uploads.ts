import { and, count, eq, inArray, sql } from "drizzle-orm";
import type { LeadData } from "@/lib/scoring/types";
import type { OnDuplicate } from "@/lib/validations/uploads";
import { getDb } from "../index";
import { leads, scores, uploads } from "../schema";
import type { WorkspaceScope } from "../scope";

// 1,000 rows × 9 columns stays far below PostgreSQL's 65,535 bind-parameter limit.
const INSERT_CHUNK = 1_000;

export type Upload = {
  id: number;
  filename: string;
  rows_accepted: number;
  rows_skipped: number;
  rows_duplicate: number;
  created_at: Date;
};

/** A lead read from a file, with its identity (lib/csv/lead-identity.ts); `repeat` when an earlier row of the file had it. */
export type LeadToStore = LeadData & { linkedin_url: string | null; identity: string; repeat: boolean };

export type StoredUpload = { upload: Upload; created: number; updated: number; duplicatesSkipped: number };

export const uploadColumns = {
  id: uploads.id,
  filename: uploads.filename,
  rows_accepted: uploads.rowsAccepted,
  rows_skipped: uploads.rowsSkipped,
  rows_duplicate: uploads.rowsDuplicate,
  created_at: uploads.createdAt,
};

/** A lead's identity is taken when a lead that is not a kept copy has it. */
const identityTarget = { target: [leads.workspaceId, leads.identity], where: sql`not ${leads.keptDuplicate}` };

/**
 * Stores an upload and its leads in one transaction: either every row lands or none does. A lead
 * whose identity is taken is left alone (`skip`), refreshes the stored lead and marks its scores
 * stale (`update`), or is stored as a kept copy (`keep`). Rows repeated within the file are
 * decided by the caller (`repeat`: they are only ever stored, as copies, with `keep`).
 */
export async function insertUpload(scope: WorkspaceScope, input: {
  filename: string;
  leads: readonly LeadToStore[];
  skippedCount: number;
  onDuplicate: OnDuplicate;
  uploadedBy: { userId: string } | { apiKeyId: number };
}): Promise<StoredUpload> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(uploads)
      .values({
        workspaceId: scope.workspaceId,
        filename: input.filename,
        rowsAccepted: input.leads.length,
        rowsSkipped: input.skippedCount,
        uploadedByUserId: "userId" in input.uploadedBy ? input.uploadedBy.userId : null,
        uploadedByApiKeyId: "apiKeyId" in input.uploadedBy ? input.uploadedBy.apiKeyId : null,
      })
      .returning({ id: uploads.id });
    const uploadId = inserted!.id;
    const row = (lead: LeadToStore, keptDuplicate = false) => ({
      workspaceId: scope.workspaceId,
      uploadId,
      name: lead.name,
      role: lead.role,
      company: lead.company,
      industry: lead.industry,
      location: lead.location,
      linkedinBio: lead.linkedin_bio,
      linkedinUrl: lead.linkedin_url,
      identity: lead.identity,
      keptDuplicate,
    });

    let created = 0;
    let duplicates = 0;
    for (let start = 0; start < input.leads.length; start += INSERT_CHUNK) {
      const chunk = input.leads.slice(start, start + INSERT_CHUNK);
      const firsts = chunk.filter((lead) => !lead.repeat);
      if (input.onDuplicate === "update") {
        if (firsts.length === 0) continue;
        const written = await tx
          .insert(leads)
          .values(firsts.map((lead) => row(lead)))
          .onConflictDoUpdate({
            target: identityTarget.target,
            targetWhere: identityTarget.where,
            set: {
              name: sql`excluded.name`,
              role: sql`excluded.role`,
              company: sql`excluded.company`,
              industry: sql`excluded.industry`,
              location: sql`excluded.location`,
              linkedinBio: sql`excluded.linkedin_bio`,
              linkedinUrl: sql`excluded.linkedin_url`,
            },
          })
          // xmax is 0 for a row this statement inserted, and set for one it updated.
          .returning({ id: leads.id, inserted: sql<boolean>`(xmax = 0)` });
        const refreshed = written.filter((lead) => !lead.inserted).map((lead) => lead.id);
        created += written.length - refreshed.length;
        // A row repeated within the file refreshed the lead its first row wrote (the caller merged them).
        duplicates += refreshed.length + chunk.length - firsts.length;
        if (refreshed.length > 0) {
          await tx.update(scores).set({ stale: true }).where(and(eq(scores.workspaceId, scope.workspaceId), inArray(scores.leadId, refreshed)));
        }
        continue;
      }
      const stored = firsts.length === 0 ? [] : await tx
        .insert(leads)
        .values(firsts.map((lead) => row(lead)))
        .onConflictDoNothing(identityTarget)
        .returning({ identity: leads.identity });
      created += stored.length;
      if (input.onDuplicate === "skip") duplicates += chunk.length - stored.length;
      else {
        const storedIdentities = new Set(stored.map((lead) => lead.identity));
        const copies = chunk.filter((lead) => lead.repeat || !storedIdentities.has(lead.identity));
        if (copies.length > 0) await tx.insert(leads).values(copies.map((lead) => row(lead, true)));
        created += copies.length;
        duplicates += copies.length;
      }
    }

    const [upload] = await tx
      .update(uploads)
      .set({ rowsDuplicate: duplicates })
      .where(eq(uploads.id, uploadId))
      .returning(uploadColumns);
    return {
      upload: upload!,
      created,
      updated: input.onDuplicate === "update" ? duplicates : 0,
      duplicatesSkipped: input.onDuplicate === "skip" ? duplicates : 0,
    };
  });
}

export async function countLeads(scope: WorkspaceScope): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(leads).where(eq(leads.workspaceId, scope.workspaceId));
  return row?.n ?? 0;
}

export async function uploadExists(scope: WorkspaceScope, id: number): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ id: uploads.id })
    .from(uploads)
    .where(and(eq(uploads.workspaceId, scope.workspaceId), eq(uploads.id, id)));
  return row !== undefined;
}
