import { desc, eq } from "drizzle-orm";
import { getDb } from "../index";
import { uploads } from "../schema";
import type { WorkspaceScope } from "../scope";
import type { Upload } from "./uploads";

/** The most recent uploads, newest first, for the web app's upload history and upload filter. */
export async function listUploads(scope: WorkspaceScope, limit = 100): Promise<Upload[]> {
  const db = await getDb();
  return db
    .select({
      id: uploads.id,
      filename: uploads.filename,
      rows_accepted: uploads.rowsAccepted,
      rows_skipped: uploads.rowsSkipped,
      created_at: uploads.createdAt,
    })
    .from(uploads)
    .where(eq(uploads.workspaceId, scope.workspaceId))
    .orderBy(desc(uploads.createdAt), desc(uploads.id))
    .limit(limit);
}
