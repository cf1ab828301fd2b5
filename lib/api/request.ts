import { Readable } from "node:stream";
import Busboy from "busboy";
import { AppError, invalidInput } from "@/lib/errors";

function mediaType(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/** JSON bodies are small (an offer, a list of lead ids); anything larger is refused unread. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

const tooLarge = (what: string, maxBytes: number) =>
  new AppError("payload_too_large", `${what} is larger than the ${formatBytes(maxBytes)} limit.`, {
    details: { max_bytes: maxBytes },
  });

const formatBytes = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`);

/** The body as a stream that errors with `error()` once more than `maxBytes` have come through. */
function limitBody(request: Request, maxBytes: number, error: () => AppError): { body: ReadableStream<Uint8Array>; exceeded: () => boolean } {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (declared > maxBytes) throw error();
  let received = 0;
  const body = request.body!.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (received > maxBytes) controller.error(error());
        else controller.enqueue(chunk);
      },
    }),
  );
  return { body, exceeded: () => received > maxBytes };
}

/**
 * Reads a JSON body of at most `maxBytes`, streaming it so that a huge body is refused (413) after
 * its first megabyte, never held whole. The content type is not checked strictly, because the
 * original API's clients do not always send one (`curl -d '{…}'` labels JSON as a form); a real
 * form or file upload is refused with 415. An empty body is `undefined`.
 */
export async function readJsonBody(request: Request, maxBytes = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const type = mediaType(request);
  const notJson = () =>
    new AppError("unsupported_media_type", "This endpoint takes a JSON body (Content-Type: application/json).");
  if (type === "multipart/form-data") throw notJson();
  if (!request.body) return undefined;
  const tooLargeBody = () => tooLarge("The request body", maxBytes);
  const { body, exceeded } = limitBody(request, maxBytes, tooLargeBody);
  let text: string;
  try {
    text = await new Response(body).text();
  } catch {
    // The stream's own error is not always what surfaces here; the byte count says what happened.
    throw exceeded() ? tooLargeBody() : invalidInput("The request body could not be read.", { code: "unreadable_body" });
  }
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    if (type === "application/x-www-form-urlencoded") throw notJson();
    throw invalidInput("The request body is not valid JSON.", { code: "invalid_json" });
  }
}

/** Query parameters as an object; a parameter given more than once becomes an array. */
export function readSearchParams(request: Request): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const [key, value] of new URL(request.url).searchParams) {
    const previous = params[key];
    params[key] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return params;
}

export type MultipartPart =
  | { kind: "field"; name: string; value: string }
  | { kind: "file"; name: string; filename: string; stream: AsyncIterable<Uint8Array> };

const invalidMultipart = () =>
  invalidInput('The multipart body could not be read. Send the CSV as a form upload in the field "csv_file".', {
    code: "invalid_multipart",
  });

/**
 * The parts of a multipart body, in order, as they arrive: nothing is buffered beyond what the
 * reader has not yet taken, and more than `maxBytes` (or a file over `maxFileBytes`) is refused
 * (413) as it comes through. A file
 * part's stream must be read to its end (or the loop left) before the next part arrives. The
 * content type is checked on the call, before any of the body is read.
 */
export function multipartParts(request: Request, maxBytes: number, maxFileBytes = maxBytes): AsyncIterable<MultipartPart> {
  const type = mediaType(request);
  if (type !== "multipart/form-data") {
    throw invalidInput(
      type === "application/json"
        ? 'Upload the CSV as multipart/form-data with the file in the field "csv_file", not as JSON.'
        : 'Upload the CSV as multipart/form-data with the file in the field "csv_file".',
      { code: "multipart_required" },
    );
  }
  if (!request.body) throw invalidInput('No file was sent. Put the CSV in the field "csv_file".', { code: "missing_file" });
  const tooLargeUpload = () => tooLarge("The upload", maxBytes);
  const { body, exceeded } = limitBody(request, maxBytes, tooLargeUpload);
  const contentType = request.headers.get("content-type")!;
  // The one error the whole body fails with: over the limit, a broken body, or what the reader threw.
  const failure = (error: unknown) => (exceeded() ? tooLargeUpload() : error instanceof AppError ? error : invalidMultipart());

  return {
    async *[Symbol.asyncIterator]() {
      let parser: Busboy.Busboy;
      try {
        // Browsers and curl send a file name as raw UTF-8 (busboy would read it as latin1).
        parser = Busboy({ headers: { "content-type": contentType }, defParamCharset: "utf8", limits: { fieldSize: 64 * 1024, fields: 50, files: 10, fileSize: maxFileBytes } });
      } catch {
        throw invalidMultipart();
      }
      const input = Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>);
      const queue: MultipartPart[] = [];
      let done = false;
      let error: unknown;
      let wake = () => {};
      let currentFile: Readable | undefined;
      const fail = (cause: unknown) => {
        error ??= failure(cause);
        currentFile?.destroy(error as Error);
        wake();
      };
      parser.on("field", (name, value) => {
        queue.push({ kind: "field", name, value });
        wake();
      });
      parser.on("file", (name, stream, info) => {
        currentFile = stream;
        stream.on("limit", () => fail(tooLarge("The file", maxFileBytes)));
        // Its failure reaches the reader through `error`, whether or not it is still reading.
        stream.on("error", () => {});
        const file = async function* () {
          try {
            for await (const chunk of stream) yield chunk as Uint8Array;
          } catch (cause) {
            throw failure(error ?? cause);
          }
          if (error) throw error;
        };
        queue.push({ kind: "file", name, filename: info.filename ?? "", stream: file() });
        wake();
      });
      parser.on("error", fail);
      parser.on("close", () => {
        done = true;
        wake();
      });
      input.on("error", fail);
      input.pipe(parser);
      try {
        for (;;) {
          if (error) throw error;
          const part = queue.shift();
          if (part) {
            yield part;
            continue;
          }
          if (done) return;
          await new Promise<void>((resolve) => (wake = resolve));
        }
      } finally {
        input.unpipe(parser);
        input.destroy();
        currentFile?.resume();
      }
    },
  };
}
