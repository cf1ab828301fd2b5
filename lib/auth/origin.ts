import { env } from "@/lib/env";

/**
 * The origin this server is reached at: BETTER_AUTH_URL when set, else the one the client addressed
 * (Host, or X-Forwarded-Host/-Proto behind a proxy). Not the request URL, which a development server
 * rebuilds as localhost even for a browser at 127.0.0.1 or a LAN address.
 */
export function ownOrigin(request: Request): string {
  if (env.BETTER_AUTH_URL) return new URL(env.BETTER_AUTH_URL).origin;
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host") || url.host;
  const protocol = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || url.protocol.replace(/:$/, "");
  return `${protocol}://${host}`;
}
