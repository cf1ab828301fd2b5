import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
const alias = { "@": root };
const integration = ["test/integration/**/*.test.ts"];

// Integration tests run against PGlite always, and against PostgreSQL too when
// TEST_DATABASE_URL points at a server (each test file then gets a throwaway database).
const postgresUrl = process.env.TEST_DATABASE_URL;

export default defineConfig({
  resolve: { alias },
  test: {
    // Vitest's default leaves one of two cores idle; the integration files spend much of their time
    // waiting on the databases and child processes, so two at a time finish in two thirds the time.
    maxWorkers: 2,
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["lib/**/*.test.ts"], environment: "node" },
      },
      {
        resolve: { alias },
        test: {
          name: "pglite",
          include: integration,
          env: { DATABASE_URL: "memory:", GEMINI_API_KEY: "", API_RATE_LIMIT_PER_MINUTE: "1000000", BETTER_AUTH_URL: "http://localhost" },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      ...(postgresUrl
        ? [
            {
              resolve: { alias },
              test: {
                name: "postgres",
                include: integration,
                env: { TEST_DATABASE_URL: postgresUrl, GEMINI_API_KEY: "", API_RATE_LIMIT_PER_MINUTE: "1000000", BETTER_AUTH_URL: "http://localhost" },
                globalSetup: ["test/support/postgres-run.ts"],
                setupFiles: ["test/support/postgres-database.ts"],
                testTimeout: 60_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
    ],
  },
});
