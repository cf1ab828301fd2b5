import { closeDb, databaseEngine, migrateDatabase } from "@/db";

try {
  await migrateDatabase();
  console.log(`Migrations applied (${await databaseEngine()}).`);
  await closeDb();
} catch {
  // The cause has been logged above.
  console.error("Migrations were not applied.");
  process.exitCode = 1;
}
