import { countUsers, findWorkspaceIdByOwnerEmail } from "@/db/queries/workspaces";
import { workspaceScope } from "@/db/scope";
import { env } from "@/lib/env";
import { registerInitialApiKey } from "./api-keys";
import { getAuth } from "./server";

/**
 * Headless initialization for containers and automation: with no account yet, the INTENTSCORE_INIT_*
 * variables create the owner and the first workspace, and register an API key for it. Safe to run
 * at every start: an existing account or key is never changed.
 */
export async function initializeFromEnv(): Promise<void> {
  const email = env.INTENTSCORE_INIT_USER_EMAIL;
  const password = env.INTENTSCORE_INIT_USER_PASSWORD;
  if (!email || !password) return;
  if ((await countUsers()) === 0) {
    const auth = await getAuth();
    // Several instances may start at once: whichever loses the race finds the account made.
    await auth.api.signUpEmail({ body: { email, password, name: email.split("@")[0]! } }).catch(async (error: unknown) => {
      if ((await countUsers()) === 0) throw error;
    });
  }
  const apiKey = env.INTENTSCORE_INIT_API_KEY;
  if (!apiKey) return;
  const workspaceId = await findWorkspaceIdByOwnerEmail(email);
  if (workspaceId) await registerInitialApiKey(workspaceScope(workspaceId), apiKey);
}
