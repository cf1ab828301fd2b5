import path from "node:path";
import { defineConfig } from "@playwright/test";
import { OFFLINE_OWNER } from "./e2e/accounts";
import { e2eSettings, runFiles } from "./e2e/settings";

const { appPort, geminiPort, offlinePort, freshPort, devPort, dir } = await e2eSettings();
const url = (port: number) => `http://127.0.0.1:${port}`;

/** `npm start` on one port: a production server as the README starts it, on this run's own database. */
const production = (port: number, env: Record<string, string>) => ({
  command: "npm start",
  url: `${url(port)}/healthz`,
  reuseExistingServer: false,
  timeout: 60_000,
  stdout: "pipe" as const,
  stderr: "pipe" as const,
  env: {
    HOSTNAME: "127.0.0.1",
    PORT: String(port),
    NEXT_TELEMETRY_DISABLED: "1",
    BETTER_AUTH_SECRET: "e2e-secret-0123456789-0123456789-abcdef",
    BETTER_AUTH_URL: url(port),
    // Every test signs in from 127.0.0.1; the per-address limit is tested in the integration tests.
    AUTH_RATE_LIMIT_PER_MINUTE: "1000",
    GEMINI_API_KEY: "",
    ...env,
  },
});

export default defineConfig({
  testDir: "e2e",
  globalTeardown: "./e2e/global-teardown.ts",
  outputDir: "test-results",
  timeout: 60_000,
  workers: 1,
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL: url(appPort),
    browserName: "chromium",
    // Debian's Chromium: nothing is downloaded at install or run time.
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
    acceptDownloads: true,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
  projects: [
    // Owner setup on the fresh app server, as a new team would do it; every other test starts signed in as that owner.
    { name: "setup", testMatch: /owner\.setup\.ts/ },
    { name: "chromium", dependencies: ["setup"], use: { storageState: runFiles(dir).ownerState } },
  ],
  // Each server is started the way the README starts it: `npm start` (the standalone build) and
  // `npm run dev`, each on a throwaway database in this run's own temporary folder.
  webServer: [
    {
      command: `npx tsx scripts/fake-gemini.ts --port ${geminiPort} --latency 100`,
      port: geminiPort,
      reuseExistingServer: false,
    },
    // The main app: real Gemini SDK against the fake; open sign-up, so a second workspace can be made.
    production(appPort, {
      DATABASE_URL: `file:${path.join(dir, "app-db")}`,
      GEMINI_API_KEY: "e2e-fake-key",
      GEMINI_BASE_URL: url(geminiPort),
      GEMINI_MODEL: "gemini-e2e",
      GEMINI_BATCH_SIZE: "2",
      ALLOW_SIGNUP: "true",
    }),
    // The offline analyzer, with its owner and key made by headless initialization.
    production(offlinePort, {
      DATABASE_URL: "memory:",
      INTENTSCORE_INIT_USER_EMAIL: OFFLINE_OWNER.email,
      INTENTSCORE_INIT_USER_PASSWORD: OFFLINE_OWNER.password,
      INTENTSCORE_INIT_API_KEY: OFFLINE_OWNER.apiKey,
    }),
    // A fresh install with no account yet, for the README's walk from nothing to a working API key.
    production(freshPort, { DATABASE_URL: "memory:" }),
    {
      // The development server compiles on first request: allow it time on a small machine.
      command: `npm run dev -- --port ${devPort}`,
      url: `${url(devPort)}/healthz`,
      reuseExistingServer: false,
      timeout: 180_000,
      env: { NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: `file:${path.join(dir, "dev-db")}`, GEMINI_API_KEY: "" },
    },
  ],
});
