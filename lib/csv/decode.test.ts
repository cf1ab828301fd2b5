import { describe, expect, it } from "vitest";
import { decodeCsvBytes } from "./decode";

const bytes = (...values: number[]) => new Uint8Array(values);
const utf8 = (text: string) => new TextEncoder().encode(text);

describe("decodeCsvBytes", () => {
  it.each([
    { case: "plain UTF-8", input: utf8("name\nZoë"), expected: "name\nZoë" },
    { case: "UTF-8 with a BOM, which is dropped", input: bytes(0xef, 0xbb, 0xbf, ...utf8("name")), expected: "name" },
    { case: "UTF-16LE with a BOM", input: bytes(0xff, 0xfe, 0x6e, 0x00, 0x61, 0x00), expected: "na" },
    { case: "UTF-16BE with a BOM", input: bytes(0xfe, 0xff, 0x00, 0x6e, 0x00, 0x61), expected: "na" },
    { case: "Windows-1252 when the bytes are not UTF-8", input: bytes(0x5a, 0x6f, 0xeb), expected: "Zoë" },
  ])("reads $case", ({ input, expected }) => {
    expect(decodeCsvBytes(input)).toBe(expected);
  });

  it.each([
    { case: "an empty file", input: bytes(), code: "empty_file" },
    { case: "a PNG image", input: bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00), code: "not_csv" },
    { case: "UTF-16 text with NUL characters", input: bytes(0xff, 0xfe, 0x61, 0x00, 0x00, 0x00), code: "not_csv" },
    { case: "binary without NUL bytes", input: bytes(...Array.from({ length: 200 }, (_, i) => 1 + (i % 30))), code: "not_csv" },
    { case: "a zip archive (xlsx)", input: bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00), code: "not_csv" },
  ])("rejects $case", ({ input, code }) => {
    expect(() => decodeCsvBytes(input)).toThrow(expect.objectContaining({ kind: "invalid_input", code }));
  });
});
