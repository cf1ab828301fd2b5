import { rm } from "node:fs/promises";
import { E2E_DATABASE_DIR } from "./ports";

export default async function globalTeardown() {
  await rm(E2E_DATABASE_DIR, { recursive: true, force: true });
  await rm(`${E2E_DATABASE_DIR}.lock`, { force: true });
}
