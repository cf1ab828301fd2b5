import { rmSync } from "node:fs";
import { currentE2eSettings } from "./settings";

/**
 * The run's temporary folder (databases, session files) goes when the runner exits: Playwright
 * stops the web servers after global teardown, and a server whose database folder vanished under it
 * would stop on its lock heartbeat with a fatal "lost the lock" line.
 */
export default async function globalTeardown() {
  const { dir } = currentE2eSettings();
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
}
