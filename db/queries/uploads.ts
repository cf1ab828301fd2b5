import { and, count, eq } from "drizzle-orm";
import type { LeadData } from "@/lib/scoring/types";
import { getDb } from "../index";
import { leads, uploads } from "../schema";
import type { WorkspaceScope } from "../scope";

// 1,000 rows × 7 columns stays far below PostgreSQL's 65,535 bind-parameter limit.
const INSERT_CHUNK = 1_000;

export type Upload = {
  id: number;
  filename: string;
  rows_accepted: number;
  rows_skipped: number;
  created_at: Date;
};

/** Stores an upload and all its leads in one transaction: either every row lands or none does. */
export async function insertUpload(scope: WorkspaceScope, input: {
  filename: string;
  leads: readonly LeadData[];
  skippedCount: number;
}): Promise<Upload> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [upload] = await tx
      .insert(uploads)
      .values({ workspaceId: scope.workspaceId, filename: input.filename, rowsAccepted: input.leads.length, rowsSkipped: input.skippedCount })
      .returning({
        id: uploads.id,
        filename: uploads.filename,
        rows_accepted: uploads.rowsAccepted,
        rows_skipped: uploads.rowsSkipped,
        created_at: uploads.createdAt,
      });
    for (let start = 0; start < input.leads.length; start += INSERT_CHUNK) {
      await tx.insert(leads).values(
        input.leads.slice(start, start + INSERT_CHUNK).map((lead) => ({
          workspaceId: scope.workspaceId,
          uploadId: upload!.id,
          name: lead.name,
          role: lead.role,
          company: lead.company,
          industry: lead.industry,
          location: lead.location,
          linkedinBio: lead.linkedin_bio,
        })),
      );
    }
    return upload!;
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
