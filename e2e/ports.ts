import { tmpdir } from "node:os";
import path from "node:path";

/** Where playwright.config.ts starts its servers. */
export const APP_PORT = 3210;
export const GEMINI_PORT = 3211;
export const OFFLINE_APP_PORT = 3212;
export const OFFLINE_APP_URL = `http://127.0.0.1:${OFFLINE_APP_PORT}`;

/** The throwaway embedded database of the app under test; emptied before and removed after each run. */
export const E2E_DATABASE_DIR = path.join(tmpdir(), "intentscore-e2e-db");
