import { vi } from "vitest";

/**
 * Captures what the logger (lib/log.ts) writes to stdout from now on, instead of printing it.
 * `lines()` are the JSON objects written, `text()` everything as written; `restore()` stops.
 */
export function captureLogs() {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    written.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return true;
  });
  const text = () => written.join("");
  return {
    text,
    lines: () =>
      text()
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    restore: () => spy.mockRestore(),
  };
}
