import { vi } from "vitest";

/**
 * Captures what the logger (lib/log.ts) writes to stdout and stderr from now on, instead of
 * printing it. `lines()` are the JSON objects written, `text()` everything as written; `restore()` stops.
 */
export function captureLogs() {
  const written: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    written.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return true;
  };
  const spies = [vi.spyOn(process.stdout, "write").mockImplementation(capture), vi.spyOn(process.stderr, "write").mockImplementation(capture)];
  const text = () => written.join("");
  return {
    text,
    lines: () =>
      text()
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    restore: () => spies.forEach((spy) => spy.mockRestore()),
  };
}
