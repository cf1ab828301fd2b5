import { timingSafeEqual } from "node:crypto";
import { countRequest, findLiveApiKey, touchApiKey } from "@/db/queries/api-keys";
import { findFirstWorkspaceId, findRole, type Role } from "@/db/queries/workspaces";
import { workspaceScope, type WorkspaceScope } from "@/db/scope";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { hashApiKey } from "./api-keys";
import { ownOrigin } from "./origin";
import { getAuth } from "./server";

/**
 * What a route needs: any member of the workspace; its owner or an admin (members, keys); or
 * `integrations` — an owner or admin, or an API key, which is how an integration (Zapier's REST
 * hooks, a CRM) subscribes to webhooks.
 */
export type Access = "member" | "admin" | "integrations";

export type Actor = { kind: "user"; userId: string } | { kind: "api_key"; keyId: number };

export type Principal = { scope: WorkspaceScope; role: Role; actor: Actor };

/** Headers every answer to this caller carries (the rate limit's state for API keys). */
export type Authorized = { principal: Principal; headers: Record<string, string> };

const RATE_WINDOW_SECONDS = 60;
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

const unauthorized = (message: string) =>
  new AppError("unauthorized", message, { code: "unauthorized", headers: { "WWW-Authenticate": 'Bearer realm="IntentScore"' } });

const forbidden = (message: string, code = "forbidden") => new AppError("forbidden", message, { code });

function presentedApiKey(request: Request): string | undefined {
  const authorization = request.headers.get("authorization");
  const bearer = authorization && /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
  return bearer || request.headers.get("x-api-key")?.trim() || undefined;
}

/**
 * A cookie is sent by the browser whatever page made the request, so a state-changing request
 * authenticated by one must come from this app's own pages (API keys are not sent by browsers
 * on their own, so calls with a key are not affected).
 */
function isCrossSite(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  return origin !== ownOrigin(request);
}

async function authorizeApiKey(secret: string, access: Access): Promise<Authorized> {
  const key = await findLiveApiKey(hashApiKey(secret));
  if (!key) throw unauthorized("The API key is not valid: it may be mistyped, expired or revoked.");
  const limit = key.rateLimitPerMinute ?? env.API_RATE_LIMIT_PER_MINUTE;
  const { count, resetAt } = await countRequest(`api_key:${key.id}`, RATE_WINDOW_SECONDS);
  const resetSeconds = Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000));
  const headers = {
    "RateLimit-Limit": String(limit),
    "RateLimit-Remaining": String(Math.max(0, limit - count)),
    "RateLimit-Reset": String(resetSeconds),
  };
  if (count > limit) {
    throw new AppError("rate_limited", `This API key made more than ${limit} requests this minute. Try again in ${resetSeconds} s.`, {
      headers: { ...headers, "Retry-After": String(resetSeconds) },
    });
  }
  if (access === "admin") throw forbidden("API keys cannot manage members or keys. Sign in as an owner or admin.");
  await touchApiKey(key.id);
  return { principal: { scope: workspaceScope(key.workspaceId), role: "member", actor: { kind: "api_key", keyId: key.id } }, headers };
}

/** A user's principal in their active workspace (or, if they left it or chose none, their first). */
export async function userPrincipal(userId: string, activeWorkspaceId: string | null | undefined): Promise<Principal | undefined> {
  let workspaceId = activeWorkspaceId ?? undefined;
  let role = workspaceId ? await findRole(userId, workspaceId) : undefined;
  if (!role) {
    workspaceId = await findFirstWorkspaceId(userId);
    role = workspaceId ? await findRole(userId, workspaceId) : undefined;
  }
  if (!workspaceId || !role) return undefined;
  return { scope: workspaceScope(workspaceId), role, actor: { kind: "user", userId } };
}

/** The signed-in user's principal, or undefined without a session or a workspace. */
export async function sessionPrincipal(headers: Headers): Promise<Principal | undefined> {
  const session = await (await getAuth()).api.getSession({ headers });
  return session ? userPrincipal(session.user.id, session.session.activeOrganizationId) : undefined;
}

/**
 * The scheduler's call to the cron route (Vercel Cron sends `Authorization: Bearer $CRON_SECRET`).
 * Without CRON_SECRET set, nobody may call it.
 */
export function authorizeCron(request: Request): void {
  const expected = env.CRON_SECRET;
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  if (!expected) throw forbidden("Set CRON_SECRET to call the cron route.", "cron_not_configured");
  const a = Buffer.from(presented ?? "");
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw unauthorized("The cron secret is missing or wrong.");
}

/**
 * The one place where a request is authenticated (an API key, or the session cookie) and allowed or
 * refused; route handlers receive the workspace scope it decides.
 */
export async function authorize(request: Request, access: Access): Promise<Authorized> {
  const secret = presentedApiKey(request);
  if (secret) return authorizeApiKey(secret, access);
  const principal = await sessionPrincipal(request.headers);
  if (!principal) throw unauthorized("Sign in, or send an API key: Authorization: Bearer <key>.");
  if (UNSAFE_METHODS.has(request.method) && isCrossSite(request)) {
    throw forbidden("This request came from another site and was refused.", "cross_site_request");
  }
  if (access !== "member" && principal.role === "member") {
    throw forbidden("Only an owner or admin of this workspace can do this.");
  }
  return { principal, headers: {} };
}
