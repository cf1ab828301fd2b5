import { defineConfig } from "@playwright/test";
import { APP_PORT, E2E_DATABASE_DIR, GEMINI_PORT, OFFLINE_APP_PORT } from "./e2e/ports";

// The built standalone server, started as a container would start it, on a throwaway database.
const standalone = `rm -rf ${E2E_DATABASE_DIR} ${E2E_DATABASE_DIR}.lock && cp -r .next/static .next/standalone/.next/ && cp -r public .next/standalone/ && node .next/standalone/server.js`;

export default defineConfig({
  testDir: "e2e",
  globalTeardown: "./e2e/global-teardown.ts",
  outputDir: "test-results",
  timeout: 60_000,
  workers: 1,
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}`,
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
  webServer: [
    {
      command: `npx tsx scripts/fake-gemini.ts --port ${GEMINI_PORT} --latency 100`,
      port: GEMINI_PORT,
      reuseExistingServer: false,
    },
    {
      command: standalone,
      url: `http://127.0.0.1:${APP_PORT}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        PORT: String(APP_PORT),
        HOSTNAME: "127.0.0.1",
        DATABASE_URL: `file:${E2E_DATABASE_DIR}`,
        GEMINI_API_KEY: "e2e-fake-key",
        GEMINI_BASE_URL: `http://127.0.0.1:${GEMINI_PORT}`,
        GEMINI_MODEL: "gemini-e2e",
        GEMINI_BATCH_SIZE: "2",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
    {
      command: "node .next/standalone/server.js",
      url: `http://127.0.0.1:${OFFLINE_APP_PORT}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        PORT: String(OFFLINE_APP_PORT),
        HOSTNAME: "127.0.0.1",
        DATABASE_URL: "memory:",
        GEMINI_API_KEY: "",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  ],
});
