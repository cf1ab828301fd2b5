/** Runs once when a server instance starts (never during `next build`). */
export async function register() {
  // NEXT_RUNTIME is set by Next.js itself; the edge bundle must not pull in the database drivers.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ migrateDatabase }, { describeError }, { log }, { requireProductionSecret }, { initializeFromEnv }, { refuseUnsupportedMethods }, { startBackgroundWork }] =
    await Promise.all([
      import("@/db"),
      import("@/lib/errors"),
      import("@/lib/log"),
      import("@/lib/auth/secret"),
      import("@/lib/auth/init"),
      import("@/lib/api/unsupported-methods"),
      import("@/lib/services/background"),
    ]);
  // TRACE and methods Next.js cannot route get a JSON answer instead of a plain-text 500.
  refuseUnsupportedMethods();
  requireProductionSecret();
  try {
    await migrateDatabase();
    await initializeFromEnv();
  } catch (error) {
    // Start anyway: /healthz answers 503 and the next request tries again.
    log().error({ error: describeError(error) }, "Start-up did not finish; the next request tries again");
  }
  // Scoring runs queued here or elsewhere, and runs left by an instance that died, are picked up from now on.
  startBackgroundWork();
}
