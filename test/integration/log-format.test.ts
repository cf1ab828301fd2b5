import { execFile } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = process.cwd();

/** What a fresh process logs with `log().info(…)` under the given environment. */
async function logOnce(env: Record<string, string>): Promise<string> {
  const code = `const { log } = await import(${JSON.stringify(path.join(root, "lib/log.ts"))}); log().info({ answer: 42 }, "hello");`;
  const tsx = pathToFileURL(path.join(root, "node_modules/tsx/dist/loader.mjs")).href;
  const { stdout } = await run(process.execPath, ["--import", tsx, "--input-type=module", "-e", code], {
    cwd: root,
    env: { PATH: process.env.PATH, TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json"), NODE_ENV: "production", ...env },
  });
  return stdout;
}

describe("log format", () => {
  it("writes one JSON object a line in production", async () => {
    const line = JSON.parse((await logOnce({ NODE_ENV: "production" })).trim());
    expect(line).toMatchObject({ level: 30, msg: "hello", answer: 42, time: expect.any(String) });
  });

  it("prints readable lines in development", async () => {
    const text = await logOnce({ NODE_ENV: "development" });
    expect(text).toContain("hello");
    expect(text).toMatch(/INFO/);
    expect(() => JSON.parse(text.trim())).toThrow();
  });

  it("honours LOG_LEVEL and refuses an unknown one", async () => {
    expect(await logOnce({ NODE_ENV: "production", LOG_LEVEL: "warn" })).toBe("");
    await expect(logOnce({ NODE_ENV: "production", LOG_LEVEL: "loud" })).rejects.toThrow(/LOG_LEVEL must be/);
  });
});
