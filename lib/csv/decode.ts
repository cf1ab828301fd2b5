import { invalidInput } from "@/lib/errors";

const hasPrefix = (bytes: Uint8Array, prefix: number[]) => prefix.every((byte, index) => bytes[index] === byte);

/** How much of a file is looked at before its encoding is chosen and it is judged text or binary. */
const SNIFF_BYTES = 65_536;

export type CsvDecoder = {
  /** The text these bytes complete (possibly empty while the start of the file is being sniffed). */
  write(bytes: Uint8Array): string;
  /** The rest of the text; throws for an empty file. */
  end(): string;
};

/**
 * Turns an uploaded file into text as it arrives. UTF-8 (with or without BOM) is the format we
 * document; UTF-16 with a BOM (Excel's "Unicode text") and Windows-1252 (older Excel "CSV") are
 * read too, because sales teams export from whatever they have. The encoding is chosen from the
 * first 64 KB: a file that starts as UTF-8 and turns out not to be later is refused rather than
 * read twice. Anything with NUL bytes is not a CSV.
 */
export function createCsvDecoder(): CsvDecoder {
  let head: Uint8Array[] | null = [];
  let headBytes = 0;
  let decoder: TextDecoder | null = null;
  let checkedSample = false;

  const check = (text: string): string => {
    if (text.includes("\u0000")) throw notCsv();
    if (!checkedSample && text.length > 0) {
      checkedSample = true;
      if (looksBinary(text.slice(0, SNIFF_BYTES))) throw notCsv();
    }
    return text;
  };

  const decode = (bytes: Uint8Array, stream: boolean): string => {
    try {
      return check(decoder!.decode(bytes, { stream }));
    } catch (error) {
      if (error instanceof TypeError) {
        throw invalidInput("The file is not valid UTF-8 throughout: it changes encoding part-way. Save it again as CSV UTF-8 and upload that.", {
          code: "invalid_encoding",
        });
      }
      throw error;
    }
  };

  const start = (whole: boolean): string => {
    const bytes = concat(head!);
    head = null;
    decoder = chooseDecoder(bytes, whole);
    return decode(bytes, true);
  };

  return {
    write(bytes) {
      if (decoder) return decode(bytes, true);
      head!.push(bytes);
      headBytes += bytes.byteLength;
      return headBytes >= SNIFF_BYTES ? start(false) : "";
    },
    end() {
      if (!decoder) {
        if (headBytes === 0) throw invalidInput("The file is empty.", { code: "empty_file" });
        return start(true) + decode(new Uint8Array(), false);
      }
      return decode(new Uint8Array(), false);
    },
  };
}

/** The whole of a file's bytes as text (see createCsvDecoder). */
export function decodeCsvBytes(bytes: Uint8Array): string {
  const decoder = createCsvDecoder();
  return decoder.write(bytes) + decoder.end();
}

const notCsv = () =>
  invalidInput("This is not a CSV file: it contains binary data. Export your leads as CSV and upload that.", { code: "not_csv" });

// Text files hold tabs and line breaks, not other control characters; an image or archive
// decoded as Windows-1252 is full of them (and NUL bytes anywhere are never text).
function looksBinary(sample: string): boolean {
  const controls = sample.match(/[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/g)?.length ?? 0;
  return controls > sample.length / 100;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** TextDecoder drops a leading BOM itself. */
function chooseDecoder(head: Uint8Array, whole: boolean): TextDecoder {
  if (hasPrefix(head, [0xff, 0xfe])) return new TextDecoder("utf-16le");
  if (hasPrefix(head, [0xfe, 0xff])) return new TextDecoder("utf-16be");
  try {
    // A multi-byte character cut off at the end of a sample is not a reason to doubt UTF-8.
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: !whole });
    return new TextDecoder("utf-8", { fatal: true });
  } catch {
    return new TextDecoder("windows-1252");
  }
}
