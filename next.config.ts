import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  output: "standalone",
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
