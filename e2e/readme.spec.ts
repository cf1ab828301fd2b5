import { execFile } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { FRESH_APP_URL } from "./ports";

const run = promisify(execFile);

// Pasted as written, one block after another into one shell at the repository root, against a
// fresh install (the README's http://localhost:3000 becomes this run's server), every curl example
// must succeed: curl fails here on any 4xx or 5xx answer, and the shell stops at the first failure.
const STRICT_CURL = 'set -euo pipefail; curl() { command curl --silent --show-error --fail-with-body "$@"; echo; }';

test("every curl example in the README works when pasted, from a fresh install to a working key", async () => {
  const readme = await readFile("README.md", "utf8");
  const blocks = [...readme.matchAll(/```bash\n([\s\S]*?)```/g)].map((match) => match[1]!).filter((block) => /^(export .*=\$\()?curl /m.test(block));
  expect(blocks.length).toBeGreaterThanOrEqual(5);
  const script = blocks.join("\n").replaceAll("http://localhost:3000", FRESH_APP_URL);
  expect(script).toContain("Authorization: Bearer $INTENTSCORE_API_KEY");
  try {
    const { stdout } = await run("bash", ["-c", `${STRICT_CURL}\n${script}\necho "key=$INTENTSCORE_API_KEY"`]);
    expect(stdout).toMatch(/key=isk_\S{20,}/);
    expect(stdout).toContain("Successfully uploaded 5 leads");
  } finally {
    await rm("lead_scores.csv", { force: true });
    await rm("cookies.txt", { force: true });
  }
});
