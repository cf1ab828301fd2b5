/** Runs once when a server instance starts (never during `next build`): apply pending migrations. */
export async function register() {
  // NEXT_RUNTIME is set by Next.js itself; the edge bundle must not pull in the database drivers.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { migrateDatabase } = await import("@/db");
  try {
    await migrateDatabase();
  } catch (error) {
    // Start anyway: /healthz answers 503 and the next request tries again.
    console.error("The database is not ready yet; it will be retried on the next request.", error);
  }
}
