import { and, count, eq } from "drizzle-orm";
import { getDb } from "../index";
import { leads, uploads } from "../schema";
import type { WorkspaceScope } from "../scope";

export type Upload = {
  id: number;
  filename: string;
  rows_accepted: number;
  rows_skipped: number;
  rows_duplicate: number;
  created_at: Date;
};

export const uploadColumns = {
  id: uploads.id,
  filename: uploads.filename,
  rows_accepted: uploads.rowsAccepted,
  rows_skipped: uploads.rowsSkipped,
  rows_duplicate: uploads.rowsDuplicate,
  created_at: uploads.createdAt,
};

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
