import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = process.cwd();
let dir: string;

/** The secret module in a process of its own, started in `cwd` with this environment. */
function secretProcess(code: string, env: Record<string, string>, cwd: string) {
  const { BETTER_AUTH_SECRET: _ignored, ...base } = process.env;
  // tsx by path: the process runs in a folder of its own, outside the project.
  const tsx = pathToFileURL(path.join(root, "node_modules/tsx/dist/loader.mjs")).href;
  return run(process.execPath, ["--import", tsx, "--input-type=module", "-e", code], {
    cwd,
    env: { ...base, TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json"), ...env },
  });
}

afterAll(() => rm(dir, { recursive: true, force: true }));

describe("the session secret", () => {
  it("a production server without BETTER_AUTH_SECRET refuses to start, saying so in one line", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "intentscore-secret-"));
    const outcome = await secretProcess(
      `const { requireProductionSecret } = await import(${JSON.stringify(path.join(root, "lib/auth/secret.ts"))}); requireProductionSecret(); console.log("started");`,
      { NODE_ENV: "production" },
      dir,
    ).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect(outcome).toMatchObject({ code: 1, stdout: "" });
    const lines = (outcome as { stderr: string }).stderr.trim().split("\n");
    expect(lines).toEqual([expect.stringMatching(/^BETTER_AUTH_SECRET is not set: .*openssl rand -base64 32/)]);
  });

  it("in development one is generated beside the embedded database and kept across restarts", async () => {
    const code = `const { authSecret } = await import(${JSON.stringify(path.join(root, "lib/auth/secret.ts"))}); console.log(await authSecret());`;
    const first = (await secretProcess(code, { NODE_ENV: "development" }, dir)).stdout.trim();
    const again = (await secretProcess(code, { NODE_ENV: "development" }, dir)).stdout.trim();
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(again).toBe(first);
  });
});
