import { createHash, randomBytes } from "node:crypto";
import { insertApiKey, registerApiKey, revokeApiKey, type ApiKey } from "@/db/queries/api-keys";
import type { WorkspaceScope } from "@/db/scope";
import { notFound } from "@/lib/errors";
import type { ApiKeyInput } from "@/lib/validations/api-keys";

const PREFIX = "isk_";

export const hashApiKey = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** What a list shows of a key: enough to tell keys apart, never enough to use one. */
export const apiKeyHint = (secret: string) => `${secret.startsWith(PREFIX) ? PREFIX : ""}…${secret.slice(-4)}`;

export type CreatedApiKey = ApiKey & { key: string };

/** A new key for the workspace. Its secret is in the answer only: the database keeps its hash. */
export async function createApiKey(
  scope: WorkspaceScope,
  input: ApiKeyInput,
  createdBy: string | null,
): Promise<CreatedApiKey> {
  const secret = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  const key = await insertApiKey(scope, {
    name: input.name,
    hash: hashApiKey(secret),
    hint: apiKeyHint(secret),
    createdBy,
    expiresAt: input.expires_in_days ? new Date(Date.now() + input.expires_in_days * 86_400_000) : null,
    rateLimitPerMinute: input.rate_limit_per_minute ?? null,
  });
  return { ...key, key: secret };
}

/** Registers a key chosen by the operator (INTENTSCORE_INIT_API_KEY); a key registered before stays as it is. */
export function registerInitialApiKey(scope: WorkspaceScope, secret: string): Promise<void> {
  return registerApiKey(scope, { name: "Initial key", hash: hashApiKey(secret), hint: apiKeyHint(secret) });
}

/** Revokes a key of this workspace at once; 404 when it has no such key. */
export async function revokeKey(scope: WorkspaceScope, id: number): Promise<void> {
  if (!(await revokeApiKey(scope, id))) throw notFound(`API key ${id} was not found.`, { code: "api_key_not_found" });
}
