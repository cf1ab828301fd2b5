import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { getDb } from "../index";
import { apiKeys, member, rateLimitWindows } from "../schema";
import type { WorkspaceScope } from "../scope";

export type ApiKey = {
  id: number;
  name: string;
  hint: string;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
  rate_limit_per_minute: number | null;
};

const keyColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  hint: apiKeys.hint,
  created_at: apiKeys.createdAt,
  expires_at: apiKeys.expiresAt,
  last_used_at: apiKeys.lastUsedAt,
  revoked_at: apiKeys.revokedAt,
  rate_limit_per_minute: apiKeys.rateLimitPerMinute,
};

export async function listApiKeys(scope: WorkspaceScope): Promise<ApiKey[]> {
  const db = await getDb();
  return db.select(keyColumns).from(apiKeys).where(eq(apiKeys.workspaceId, scope.workspaceId)).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

export async function insertApiKey(
  scope: WorkspaceScope,
  key: { name: string; hash: string; hint: string; createdBy: string | null; expiresAt: Date | null; rateLimitPerMinute: number | null },
): Promise<ApiKey> {
  const db = await getDb();
  const [row] = await db
    .insert(apiKeys)
    .values({ workspaceId: scope.workspaceId, ...key })
    .returning(keyColumns);
  return row!;
}

/** Registers a key given from outside (headless initialization) unless it is registered already. */
export async function registerApiKey(scope: WorkspaceScope, key: { name: string; hash: string; hint: string }): Promise<void> {
  const db = await getDb();
  await db.insert(apiKeys).values({ workspaceId: scope.workspaceId, createdBy: null, ...key }).onConflictDoNothing({ target: apiKeys.hash });
}

/** Revokes a key of this workspace; false when there is no such key. */
export async function revokeApiKey(scope: WorkspaceScope, id: number): Promise<boolean> {
  const db = await getDb();
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
    .where(and(eq(apiKeys.workspaceId, scope.workspaceId), eq(apiKeys.id, id)))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}

/**
 * The key with this hash if it is live (not revoked, not expired, and its creator, if known, still
 * a member of its workspace: a key does not outlive its maker's access), and the workspace it acts
 * for. This is how a request becomes scoped, so it is the one lookup that takes no scope.
 */
export async function findLiveApiKey(
  hash: string,
): Promise<{ id: number; workspaceId: string; rateLimitPerMinute: number | null } | undefined> {
  const db = await getDb();
  const [row] = await db
    .select({ id: apiKeys.id, workspaceId: apiKeys.workspaceId, rateLimitPerMinute: apiKeys.rateLimitPerMinute })
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.hash, hash),
        isNull(apiKeys.revokedAt),
        or(isNull(apiKeys.expiresAt), sql`${apiKeys.expiresAt} > now()`),
        or(isNull(apiKeys.createdBy), sql`exists (select 1 from ${member} m where m.workspace_id = ${apiKeys.workspaceId} and m.user_id = ${apiKeys.createdBy})`),
      ),
    );
  return row;
}

/** Records use at most once a minute per key, so a busy integration does not write on every call. */
export async function touchApiKey(id: number): Promise<void> {
  const db = await getDb();
  await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`))));
}

/**
 * Counts one request in the current fixed window of `bucket` and returns the count so far and when
 * the window ends. One statement, so concurrent requests on any instance count exactly.
 */
export async function countRequest(bucket: string, windowSeconds: number): Promise<{ count: number; resetAt: Date }> {
  const db = await getDb();
  const windowStart = sql`to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds})`;
  const [row] = await db
    .insert(rateLimitWindows)
    .values({ bucket, windowStart, count: 1 })
    .onConflictDoUpdate({ target: [rateLimitWindows.bucket, rateLimitWindows.windowStart], set: { count: sql`${rateLimitWindows.count} + 1` } })
    .returning({ count: rateLimitWindows.count, windowStart: rateLimitWindows.windowStart });
  // Old windows are cleared now and then by whoever counts; nothing reads them.
  if (row!.count === 1) await db.delete(rateLimitWindows).where(lt(rateLimitWindows.windowStart, sql`now() - interval '1 hour'`));
  return { count: row!.count, resetAt: new Date(row!.windowStart.getTime() + windowSeconds * 1000) };
}
