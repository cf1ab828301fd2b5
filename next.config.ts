import { hostname, networkInterfaces } from "node:os";
import type { NextConfig } from "next";

// `next dev` serves its scripts only to origins it knows (localhost by default). Opened at
// 127.0.0.1 or at the "Network:" address it prints, the page would never become interactive.
const thisMachine = [
  "127.0.0.1",
  "[::1]",
  hostname(),
  ...Object.values(networkInterfaces())
    .flat()
    .flatMap((address) => (address && !address.internal ? [address.family === "IPv6" ? `[${address.address}]` : address.address] : [])),
];

// On every response, pages and API alike. HSTS only from a production build: a development server
// on plain http must not pin a host to https.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
  { key: "X-Frame-Options", value: "DENY" },
  ...(process.env.NODE_ENV === "production" ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
];

const nextConfig: NextConfig = {
  headers: async () => [{ source: "/:path*", headers: securityHeaders }],
  output: "standalone",
  allowedDevOrigins: thisMachine,
  // The original API is called with and without trailing slashes; clients that POST
  // must not be bounced through a 308, so both forms are served directly.
  skipTrailingSlashRedirect: true,
  // PGlite loads its WebAssembly and data files from its own package folder at run time.
  serverExternalPackages: ["@electric-sql/pglite"],
  // Migrations are read from disk when the server starts, so the standalone build needs them.
  outputFileTracingIncludes: { "/**": ["./drizzle/**/*"] },
  poweredByHeader: false,
};

export default nextConfig;
