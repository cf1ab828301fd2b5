import path from "node:path";
import { defineConfig } from "@playwright/test";
import { OFFLINE_OWNER, RUNS_OWNER } from "./e2e/accounts";
import { e2eSettings, runFiles } from "./e2e/settings";

const { appPort, geminiPort, offlinePort, freshPort, devPort, runsPort, slowGeminiPort, dir } = await e2eSettings();
const url = (port: number) => `http://127.0.0.1:${port}`;

/**
 * Specs on the offline, fresh and dev servers, which no other spec uses: they run beside the rest
 * (about half the time each way; the long-runs and crash specs, on servers of their own too, even
 * out the other half).
 */
const OWN_SERVERS = /(a11y|dev-server|readme)\.spec\.ts$/;

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
  // On CI one retry: six servers and two browsers share two cores there, and a test that fails once
  // and then passes is reported as flaky (in the list and the HTML report) rather than hidden.
  retries: process.env.CI ? 1 : 0,
  // Two browsers and six servers share two cores: a page may take longer than the default 5 s to settle.
  expect: { timeout: 15_000 },
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
  // Two at a time: the main server's specs one after another, beside them those of OWN_SERVERS, so
  // that one waits on its server while the other runs.
  workers: 2,
  projects: [
    // Owner setup on the fresh app server, as a new team would do it; every other test starts signed in as that owner.
    { name: "setup", testMatch: /owner\.setup\.ts/ },
    // They share the owner's workspace (the journey expects it empty at its start): one at a time.
    // The long-runs and crash specs, on servers of their own, run here for balance.
    { name: "chromium", dependencies: ["setup"], testIgnore: OWN_SERVERS, workers: 1, use: { storageState: runFiles(dir).ownerState } },
    // Each on servers of its own, one at a time among themselves: the accessibility scans look at the
    // fresh server's setup page before the README walk sets it up. After the setup too, though none
    // needs it: Playwright runs a project beside the others that wait for the same projects.
    { name: "own-servers", dependencies: ["setup"], testMatch: OWN_SERVERS, workers: 1 },
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
      // Webhooks go to a receiver the tests run on 127.0.0.1, over http.
      WEBHOOK_ALLOW_PRIVATE: "true",
    }),
    // Long scoring runs to reload and cancel mid-way (e2e/runs.spec.ts): a slow fake Gemini, small
    // batches and little concurrency make 2,000 leads take about half a minute, on this server only.
    {
      command: `npx tsx scripts/fake-gemini.ts --port ${slowGeminiPort} --latency 400`,
      port: slowGeminiPort,
      reuseExistingServer: false,
    },
    production(runsPort, {
      DATABASE_URL: `file:${path.join(dir, "runs-db")}`,
      INTENTSCORE_INIT_USER_EMAIL: RUNS_OWNER.email,
      INTENTSCORE_INIT_USER_PASSWORD: RUNS_OWNER.password,
      INTENTSCORE_INIT_API_KEY: RUNS_OWNER.apiKey,
      GEMINI_API_KEY: "e2e-fake-key",
      GEMINI_BASE_URL: url(slowGeminiPort),
      GEMINI_MODEL: "gemini-e2e",
      GEMINI_BATCH_SIZE: "10",
      GEMINI_MAX_CONCURRENCY: "4",
      // 2,000 leads stay interactive (batch mode starts above the threshold).
      GEMINI_BATCH_MODE_THRESHOLD: "100000",
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
