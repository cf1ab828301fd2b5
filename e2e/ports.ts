import { currentE2eSettings, runFiles } from "./settings";

const settings = currentE2eSettings();

/** The servers playwright.config.ts started for this run. */
export const APP_URL = `http://127.0.0.1:${settings.appPort}`;
export const OFFLINE_APP_URL = `http://127.0.0.1:${settings.offlinePort}`;
export const FRESH_APP_URL = `http://127.0.0.1:${settings.freshPort}`;
export const DEV_APP_URL = `http://127.0.0.1:${settings.devPort}`;
export const RUNS_APP_URL = `http://127.0.0.1:${settings.runsPort}`;

/** What the setup project leaves for the others: the owner's browser session and an API key. */
export const { ownerState: OWNER_STATE, ownerApiKey: OWNER_API_KEY_FILE } = runFiles(settings.dir);
