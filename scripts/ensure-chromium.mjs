// First step of `npm test`: the browser tests drive Debian's Chromium, never a downloaded browser.
// Installs it where this user may (root, or passwordless sudo); otherwise stops at once, before any
// build, with the command to run.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = "/usr/bin/chromium";
const INSTALL = "sudo apt-get update && sudo apt-get install -y chromium";

if (!existsSync(CHROMIUM)) {
  const isRoot = process.getuid?.() === 0;
  const canSudo = !isRoot && spawnSync("sudo", ["-n", "true"], { stdio: "ignore" }).status === 0;
  const hasApt = spawnSync("apt-get", ["--version"], { stdio: "ignore" }).status === 0;
  if (hasApt && (isRoot || canSudo)) {
    console.log(`Chromium is missing; installing Debian's package (apt-get install chromium)`);
    const run = (...args) =>
      execFileSync(isRoot ? args[0] : "sudo", isRoot ? args.slice(1) : ["-n", ...args], {
        stdio: "inherit",
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      });
    run("apt-get", "update", "-qq");
    run("apt-get", "install", "-y", "-qq", "chromium");
  } else {
    console.error(
      `The browser tests need Debian's Chromium at ${CHROMIUM}, and this user cannot install it.\n` +
        `Install it with:\n\n  ${INSTALL}\n\nthen run npm test again.`,
    );
    process.exit(1);
  }
}
