import { currentE2eSettings } from "./settings";

const settings = currentE2eSettings();

/** The servers playwright.config.ts started for this run. */
export const OFFLINE_APP_URL = `http://127.0.0.1:${settings.offlinePort}`;
export const DEV_APP_URL = `http://127.0.0.1:${settings.devPort}`;
