/** The owner the setup project creates on the main app server through the UI. */
export const OWNER = { name: "Olive Owner", email: "olive@example.com", password: "olive-owner-password" };

/** The owner of the offline server, made there by headless initialization (INTENTSCORE_INIT_*). */
export const OFFLINE_OWNER = {
  email: "owner@example.com",
  password: "offline-owner-password",
  apiKey: "isk_e2e_offline_server_key_0123456789abcdef",
};

/** The owner of the long-runs server (e2e/runs.spec.ts), made there by headless initialization. */
export const RUNS_OWNER = {
  email: "runs-owner@example.com",
  password: "runs-owner-password",
  apiKey: "isk_e2e_runs_server_key_0123456789abcdef",
};
