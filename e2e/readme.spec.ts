import { execFile } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { OFFLINE_APP_URL } from "./ports";

const run = promisify(execFile);

// Pasted as written from the repository root, against a running server (the README's
// http://localhost:3000 becomes this run's server), every curl example must succeed: curl fails
// on any 4xx or 5xx answer here, and the block stops at the first failure.
const STRICT_CURL = 'set -euo pipefail; curl() { command curl --silent --show-error --fail-with-body "$@"; echo; }';

test("every curl example in the README works when pasted", async () => {
  const readme = await readFile("README.md", "utf8");
  const blocks = [...readme.matchAll(/```bash\n([\s\S]*?)```/g)].map((match) => match[1]!).filter((block) => /^curl /m.test(block));
  expect(blocks.length).toBeGreaterThanOrEqual(4);
  try {
    for (const block of blocks) {
      const pasted = block.replaceAll("http://localhost:3000", OFFLINE_APP_URL);
      await expect(run("bash", ["-c", `${STRICT_CURL}\n${pasted}`]), block).resolves.toBeTruthy();
    }
  } finally {
    await rm("lead_scores.csv", { force: true });
  }
});
