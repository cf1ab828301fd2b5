import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { afterAll, inject } from "vitest";

// Runs before each integration test file in the "postgres" project: the file gets a database of
// its own, so files can run in parallel and every test starts from an empty schema.
const adminUrl = process.env.TEST_DATABASE_URL!;
// Tagged with the run (test/support/postgres-run.ts), which drops any of its databases left at the end.
const name = `intentscore_test_${inject("postgresRunTag")}_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);

const url = new URL(adminUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();

afterAll(async () => {
  // Runs still polling (a batch run waiting on its job, say) would otherwise open a new connection
  // after the close, which the drop below cuts mid-handshake.
  const [{ closeDb }, { stopRunWorker }] = await Promise.all([import("@/db"), import("@/lib/services/run-worker")]);
  await stopRunWorker();
  await closeDb();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
});
