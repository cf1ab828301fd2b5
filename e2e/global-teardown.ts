import { rm } from "node:fs/promises";
import { currentE2eSettings } from "./settings";

export default async function globalTeardown() {
  await rm(currentE2eSettings().dir, { recursive: true, force: true });
}
