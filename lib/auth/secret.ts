import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";

// Beside the embedded database, so that development sessions survive a restart.
const DEV_SECRET_FILE = path.resolve(".data/auth-secret");

const MISSING_SECRET_MESSAGE =
  "BETTER_AUTH_SECRET is not set: the production server needs a secret of 32+ characters to sign sessions (for example: openssl rand -base64 32).";

/** The secret that signs sessions: BETTER_AUTH_SECRET, or in development one generated once and kept in .data/. */
export async function authSecret(): Promise<string> {
  if (env.BETTER_AUTH_SECRET) return env.BETTER_AUTH_SECRET;
  if (env.NODE_ENV === "production") throw new Error(MISSING_SECRET_MESSAGE);
  const existing = await readFile(DEV_SECRET_FILE, "utf8").catch(() => "");
  if (existing.trim().length >= 32) return existing.trim();
  const secret = randomBytes(32).toString("base64url");
  await mkdir(path.dirname(DEV_SECRET_FILE), { recursive: true });
  // `wx`: when two processes start at once, the first one's secret wins and the other reads it.
  await writeFile(DEV_SECRET_FILE, secret, { flag: "wx", mode: 0o600 }).catch(() => undefined);
  return (await readFile(DEV_SECRET_FILE, "utf8")).trim();
}

/** At server start: a production server without BETTER_AUTH_SECRET stops, saying why in one line. */
export function requireProductionSecret(): void {
  if (env.NODE_ENV !== "production" || env.BETTER_AUTH_SECRET) return;
  console.error(MISSING_SECRET_MESSAGE);
  process.exit(1);
}
