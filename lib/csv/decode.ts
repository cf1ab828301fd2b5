import { invalidInput } from "@/lib/errors";

const hasPrefix = (bytes: Uint8Array, prefix: number[]) => prefix.every((byte, index) => bytes[index] === byte);

/**
 * Turns an uploaded file into text. UTF-8 (with or without BOM) is the format we document;
 * UTF-16 with a BOM (Excel's "Unicode text") and Windows-1252 (older Excel "CSV") are read too,
 * because sales teams export from whatever they have. Anything with NUL bytes is not a CSV.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  if (bytes.byteLength === 0) throw invalidInput("The file is empty.", { code: "empty_file" });

  const text = decode(bytes);
  if (looksBinary(text)) {
    throw invalidInput("This is not a CSV file: it contains binary data. Export your leads as CSV and upload that.", {
      code: "not_csv",
    });
  }
  return text;
}

// Text files hold tabs and line breaks, not other control characters; an image or archive
// decoded as Windows-1252 is full of them (and NUL bytes anywhere are never text).
function looksBinary(text: string): boolean {
  if (text.includes("\u0000")) return true;
  const sample = text.slice(0, 65_536);
  const controls = sample.match(/[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/g)?.length ?? 0;
  return controls > sample.length / 100;
}

function decode(bytes: Uint8Array): string {
  if (hasPrefix(bytes, [0xff, 0xfe])) return new TextDecoder("utf-16le").decode(bytes);
  if (hasPrefix(bytes, [0xfe, 0xff])) return new TextDecoder("utf-16be").decode(bytes);
  try {
    // TextDecoder drops a leading BOM itself.
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}
