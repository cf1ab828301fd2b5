/** Where playwright.config.ts starts its servers. */
export const APP_PORT = 3210;
export const GEMINI_PORT = 3211;
export const OFFLINE_APP_PORT = 3212;
export const OFFLINE_APP_URL = `http://127.0.0.1:${OFFLINE_APP_PORT}`;
