import { randomUUID } from "node:crypto";
import postgres from "postgres";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Names this run's throwaway databases (test/support/postgres-database.ts). */
    postgresRunTag: string;
  }
}

/**
 * Global setup of the "postgres" project: a tag for this run's databases, and at the end the drop of
 * any of them still there. A file whose tests are all skipped (engine-specific ones, a `-t` filter)
 * runs no afterAll, so its database would otherwise stay behind on the server.
 */
export default function setup(project: TestProject) {
  const tag = randomUUID().replaceAll("-", "").slice(0, 8);
  project.provide("postgresRunTag", tag);
  return async () => {
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      const left = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`intentscore_test_${tag}_%`}`;
      for (const { datname } of left) await admin.unsafe(`drop database if exists ${datname} with (force)`);
    } finally {
      await admin.end();
    }
  };
}
