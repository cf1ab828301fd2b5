import { defineConfig } from "drizzle-kit";

// Migrations are generated from db/schema.ts and applied by the app itself (db/migrate.ts),
// so drizzle-kit only needs the dialect here, not a connection.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./drizzle",
});
