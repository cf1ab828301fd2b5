import { randomUUID } from "node:crypto";
import { getDb } from "@/db";
import { createWorkspace, findWorkspaceIdByOwnerEmail } from "@/db/queries/workspaces";
import { user } from "@/db/schema";
import { workspaceScope, type WorkspaceScope } from "@/db/scope";
import { createApiKey } from "@/lib/auth/api-keys";
import { initializeFromEnv } from "@/lib/auth/init";
import { env } from "@/lib/env";

export type TestWorkspace = { scope: WorkspaceScope; key: string };

/** A user who owns a new workspace, and an API key for it: what an integration test calls the API as. */
export async function createTestWorkspace(name = "Test workspace"): Promise<TestWorkspace> {
  const db = await getDb();
  const id = randomUUID();
  await db.insert(user).values({ id, name: "Test owner", email: `owner-${id}@example.com` });
  const scope = workspaceScope(await createWorkspace(id, name));
  const key = await createApiKey(scope, { name: "Integration tests" }, id);
  return { scope, key: key.key };
}

/**
 * The workspace and key of headless initialization (INTENTSCORE_INIT_*), as a server would make them
 * at start: how several processes of one test share a workspace.
 */
export async function initializedWorkspace(): Promise<TestWorkspace> {
  await initializeFromEnv();
  const workspaceId = await findWorkspaceIdByOwnerEmail(env.INTENTSCORE_INIT_USER_EMAIL!);
  return { scope: workspaceScope(workspaceId!), key: env.INTENTSCORE_INIT_API_KEY! };
}

/** The session cookie a Set-Cookie answer carries, as a Cookie request header. */
export function sessionCookie(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0]!)
    .filter((pair) => !pair.endsWith("="))
    .join("; ");
}
