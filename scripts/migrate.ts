import { closeDb, databaseEngine, migrateDatabase } from "@/db";

await migrateDatabase();
console.log(`Migrations applied (${await databaseEngine()}).`);
await closeDb();
