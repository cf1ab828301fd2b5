/** Runs once when a server instance starts (never during `next build`). */
export async function register() {
  // NEXT_RUNTIME is set by Next.js itself; the edge bundle must not pull in the database drivers.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ migrateDatabase }, { env }, { MISSING_SECRET_MESSAGE }, { initializeFromEnv }, { refuseUnsupportedMethods }] =
    await Promise.all([
      import("@/db"),
      import("@/lib/env"),
      import("@/lib/auth/secret"),
      import("@/lib/auth/init"),
      import("@/lib/api/unsupported-methods"),
    ]);
  // TRACE and methods Next.js cannot route get a JSON answer instead of a plain-text 500.
  refuseUnsupportedMethods();
  if (env.NODE_ENV === "production" && !env.BETTER_AUTH_SECRET) {
    console.error(MISSING_SECRET_MESSAGE);
    process.exit(1);
  }
  try {
    await migrateDatabase();
    await initializeFromEnv();
  } catch (error) {
    // Start anyway: /healthz answers 503 and the next request tries again.
    console.error("The database is not ready yet; it will be retried on the next request.", error);
  }
}
