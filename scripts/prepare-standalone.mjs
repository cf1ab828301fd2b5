// After `next build`: the standalone server serves only what sits beside it, so copy in the static
// assets and public/ (as Next's docs say to). `npm start` and the Dockerfile then run it as is.
import { cpSync, existsSync, rmSync } from "node:fs";

const standalone = ".next/standalone";
if (!existsSync(`${standalone}/server.js`)) {
  console.error("No standalone build found in .next/standalone; run `next build` first.");
  process.exit(1);
}
for (const [from, to] of [
  [".next/static", `${standalone}/.next/static`],
  ["public", `${standalone}/public`],
]) {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
}
