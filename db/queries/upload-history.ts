import { and, desc, eq, sql } from "drizzle-orm";
import { getDb } from "../index";
import { apiKeys, leads, uploads, user } from "../schema";
import type { WorkspaceScope } from "../scope";
import { uploadColumns, type Upload } from "./uploads";

/** Who made an upload: a member or an API key (null for uploads from before this was recorded). */
export type Uploader = { type: "user"; id: string; name: string } | { type: "api_key"; id: number; name: string } | null;
/** `lead_count`: the leads that belong to the upload now, i.e. what deleting it erases. */
export type UploadRecord = Upload & { lead_count: number; uploaded_by: Uploader };

/** The most recent uploads, newest first, with who made each: the upload history and the upload filter. */
export async function listUploads(scope: WorkspaceScope, limit = 100): Promise<UploadRecord[]> {
  const db = await getDb();
  const rows = await db
    .select({
      ...uploadColumns,
      lead_count: sql<number>`(select count(*)::int from ${leads} where ${leads.uploadId} = ${uploads.id})`,
      userId: uploads.uploadedByUserId,
      userName: user.name,
      apiKeyId: uploads.uploadedByApiKeyId,
      apiKeyName: apiKeys.name,
    })
    .from(uploads)
    .leftJoin(user, eq(user.id, uploads.uploadedByUserId))
    .leftJoin(apiKeys, eq(apiKeys.id, uploads.uploadedByApiKeyId))
    .where(eq(uploads.workspaceId, scope.workspaceId))
    .orderBy(desc(uploads.createdAt), desc(uploads.id))
    .limit(limit);
  return rows.map(({ userId, userName, apiKeyId, apiKeyName, ...upload }) => ({
    ...upload,
    uploaded_by:
      userId !== null ? { type: "user", id: userId, name: userName ?? "" }
      : apiKeyId !== null ? { type: "api_key", id: apiKeyId, name: apiKeyName ?? "" }
      : null,
  }));
}

/** Deletes an upload with its leads and, through them, their scores and claims. False when there is no such upload here. */
export async function deleteUpload(scope: WorkspaceScope, id: number): Promise<boolean> {
  const db = await getDb();
  const deleted = await db
    .delete(uploads)
    .where(and(eq(uploads.workspaceId, scope.workspaceId), eq(uploads.id, id)))
    .returning({ id: uploads.id });
  return deleted.length > 0;
}
