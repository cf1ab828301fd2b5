import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/** What one browser-test run uses: free ports and a temporary folder of its own, so checkouts can test side by side. */
export type E2eSettings = {
  appPort: number;
  geminiPort: number;
  offlinePort: number;
  freshPort: number;
  devPort: number;
  /** The server of the long scoring runs (e2e/runs.spec.ts) and its slow fake Gemini. */
  runsPort: number;
  slowGeminiPort: number;
  dir: string;
};

// playwright.config.ts runs in the runner and again in each worker: the runner picks once and its
// workers inherit the choice through the environment.
const KEY = "INTENTSCORE_E2E_SETTINGS";

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

export async function e2eSettings(): Promise<E2eSettings> {
  const chosen = process.env[KEY];
  if (chosen) return JSON.parse(chosen) as E2eSettings;
  const [appPort, geminiPort, offlinePort, freshPort, devPort, runsPort, slowGeminiPort] = await Promise.all(Array.from({ length: 7 }, freePort));
  const dir = await mkdtemp(path.join(tmpdir(), "intentscore-e2e-"));
  const settings = { appPort: appPort!, geminiPort: geminiPort!, offlinePort: offlinePort!, freshPort: freshPort!, devPort: devPort!, runsPort: runsPort!, slowGeminiPort: slowGeminiPort!, dir };
  process.env[KEY] = JSON.stringify(settings);
  return settings;
}

/** The settings of the current run, for spec files (they load after the config chose them). */
export function currentE2eSettings(): E2eSettings {
  const chosen = process.env[KEY];
  if (!chosen) throw new Error("Run the browser tests through Playwright (npx playwright test): it chooses the ports.");
  return JSON.parse(chosen) as E2eSettings;
}

/** Files the setup project writes for the rest of the run. */
export const runFiles = (dir: string) => ({
  ownerState: path.join(dir, "owner-state.json"),
  ownerApiKey: path.join(dir, "owner-api-key.txt"),
});
