import path from "node:path";
import { defineConfig } from "@playwright/test";
import { e2eSettings } from "./e2e/settings";

const { appPort, geminiPort, offlinePort, devPort, dir } = await e2eSettings();

const serverEnv = { HOSTNAME: "127.0.0.1", NEXT_TELEMETRY_DISABLED: "1" };

export default defineConfig({
  testDir: "e2e",
  globalTeardown: "./e2e/global-teardown.ts",
  outputDir: "test-results",
  timeout: 60_000,
  workers: 1,
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL: `http://127.0.0.1:${appPort}`,
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
  // Each server is started the way the README starts it: `npm start` (the standalone build) and
  // `npm run dev`, each on a throwaway database in this run's own temporary folder.
  webServer: [
    {
      command: `npx tsx scripts/fake-gemini.ts --port ${geminiPort} --latency 100`,
      port: geminiPort,
      reuseExistingServer: false,
    },
    {
      command: "npm start",
      url: `http://127.0.0.1:${appPort}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        ...serverEnv,
        PORT: String(appPort),
        DATABASE_URL: `file:${path.join(dir, "app-db")}`,
        GEMINI_API_KEY: "e2e-fake-key",
        GEMINI_BASE_URL: `http://127.0.0.1:${geminiPort}`,
        GEMINI_MODEL: "gemini-e2e",
        GEMINI_BATCH_SIZE: "2",
      },
    },
    {
      command: "npm start",
      url: `http://127.0.0.1:${offlinePort}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { ...serverEnv, PORT: String(offlinePort), DATABASE_URL: "memory:", GEMINI_API_KEY: "" },
    },
    {
      // The development server compiles on first request: allow it time on a small machine.
      command: `npm run dev -- --port ${devPort}`,
      url: `http://127.0.0.1:${devPort}/healthz`,
      reuseExistingServer: false,
      timeout: 180_000,
      env: { NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: `file:${path.join(dir, "dev-db")}`, GEMINI_API_KEY: "" },
    },
  ],
});
