import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { PGLITE_LOCK_STALE_MS } from "@/db";

type Report = { state: "open" | "refused" | "waiting"; pid: number; offers?: string[] };
type Child = {
  process: ChildProcess;
  /** The first report; with `wait`, "waiting", and `go()` asks for the next. */
  report: Promise<Report>;
  go: () => Promise<Report>;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

// Two containers sharing a volume each see their server as the same process id; a fresh PID
// namespace per child reproduces that. Without root, a user namespace grants the right to make one.
const NAMESPACE_COMMANDS = [
  ["unshare", "--pid", "--fork", "--kill-child"],
  ["unshare", "--user", "--map-root-user", "--pid", "--fork", "--kill-child"],
];
const namespaceCommand = NAMESPACE_COMMANDS.find((command) => spawnSync(command[0]!, [...command.slice(1), "true"]).status === 0);

const children: ChildProcess[] = [];

function start(dir: string, options: { write?: boolean; wait?: boolean; ownPidNamespace?: boolean } = {}): Child {
  const flags = [...(options.write ? ["--write"] : []), ...(options.wait ? ["--wait"] : [])];
  const node = [process.execPath, "--import", "tsx", "test/support/lock-child.ts", ...flags];
  const [command, ...args] = options.ownPidNamespace ? [...namespaceCommand!, ...node] : node;
  const child = spawn(command!, args, { env: { ...process.env, DATABASE_URL: `file:${dir}` }, stdio: ["pipe", "pipe", "pipe"] });
  children.push(child);
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const reports: Report[] = [];
  const waiters: ((report: Report) => void)[] = [];
  let buffer = "";
  child.stdout!.on("data", (chunk) => {
    buffer += chunk;
    const lines = buffer.split("\n");
    buffer = lines.pop()!;
    for (const line of lines.filter((text) => text.startsWith("{"))) {
      const report = JSON.parse(line) as Report;
      const waiter = waiters.shift();
      if (waiter) waiter(report);
      else reports.push(report);
    }
  });
  const next = () =>
    new Promise<Report>((resolve, reject) => {
      const ready = reports.shift();
      if (ready) return resolve(ready);
      waiters.push(resolve);
      child.on("exit", () => reject(new Error(`child exited without a report; stderr: ${stderr}`)));
    });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const go = () => {
    child.stdin!.write("go\n");
    return next();
  };
  return { process: child, report: next(), go, stderr: () => stderr, exit };
}

// A PGlite matter: run once, in the PGlite project.
describe.runIf(process.env.DATABASE_URL?.startsWith("memory:"))("the embedded database directory is opened by one process at a time", () => {
  let dir: string;
  const lockPath = () => `${path.resolve(dir)}.lock`;

  afterEach(async () => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await rm(dir, { recursive: true, force: true });
    await rm(lockPath(), { recursive: true, force: true });
  });

  const freshDir = async () => (dir = await mkdtemp(path.join(tmpdir(), "intentscore-lock-")));

  it("refuses a second process while the first lives, and the first carries on", async () => {
    await freshDir();
    const first = start(dir, { write: true });
    expect((await first.report).state).toBe("open");
    const second = start(dir);
    await expect(second.report).resolves.toMatchObject({ state: "refused" });
    expect((await second.exit).code).toBe(3);
    expect(second.stderr()).toContain("is open in another process");
    expect(first.process.exitCode).toBeNull();
  });

  it.skipIf(!namespaceCommand)("refuses it even when both processes have the same process id (separate PID namespaces)", async () => {
    await freshDir();
    const first = start(dir, { ownPidNamespace: true });
    const firstReport = await first.report;
    expect(firstReport).toMatchObject({ state: "open", pid: 1 });
    const second = start(dir, { ownPidNamespace: true });
    await expect(second.report).resolves.toEqual({ state: "refused", pid: 1 });
  });

  it("on SIGTERM closes the database cleanly and releases the lock at once", async () => {
    await freshDir();
    const first = start(dir, { write: true });
    const { pid } = await first.report;
    expect(existsSync(lockPath())).toBe(true);
    first.process.kill("SIGTERM");
    expect(await first.exit).toEqual({ code: 143, signal: null });
    expect(existsSync(lockPath())).toBe(false);
    const next = start(dir);
    await expect(next.report).resolves.toMatchObject({ state: "open", offers: [`Written by ${pid}`] });
  });

  it("takes over the lock of a killed process once it is stale, and not before", async () => {
    await freshDir();
    const first = start(dir, { write: true });
    const tooSoon = start(dir, { wait: true });
    const next = start(dir, { wait: true });
    const { pid } = await first.report;
    expect((await tooSoon.report).state).toBe("waiting");
    expect((await next.report).state).toBe("waiting");

    first.process.kill("SIGKILL");
    expect((await first.exit).signal).toBe("SIGKILL");
    const killedAt = Date.now();
    expect(existsSync(lockPath())).toBe(true);
    await expect(tooSoon.go()).resolves.toMatchObject({ state: "refused" });

    await sleep(Math.max(0, killedAt + PGLITE_LOCK_STALE_MS + 500 - Date.now()));
    await expect(next.go()).resolves.toMatchObject({ state: "open", offers: [`Written by ${pid}`] });
  }, 90_000);

  it("clears the process-id lock file an earlier version left behind", async () => {
    await freshDir();
    await writeFile(lockPath(), String(process.pid));
    const child = start(dir);
    await expect(child.report).resolves.toMatchObject({ state: "open" });
  });
});
