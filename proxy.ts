import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";

/**
 * Pages get a Content-Security-Policy with a fresh nonce per request (Next.js puts it on its own
 * scripts), so no inline or injected script runs: no 'unsafe-inline' or 'unsafe-eval' for scripts
 * outside development. API responses carry their own policy (lib/api/route.ts), and the other
 * security headers come from next.config.ts for every response.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const development = env.NODE_ENV === "development";
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

// Pages only: not the REST API (its uploads must stream past the proxy untouched) nor static files.
export const config = {
  matcher: [
    {
      source: "/((?!api|product|leads|uploads|score|runs|cron|results|csv|healthz|openapi.json|webhooks|_next/static|_next/image|samples|icon.svg|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
