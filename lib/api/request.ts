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

/** Reads a multipart body without ever holding more than `maxBytes` of it. */
export async function readMultipart(request: Request, maxBytes: number): Promise<FormData> {
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
  const { body: limited, exceeded } = limitBody(request, maxBytes, tooLargeUpload);
  try {
    return await new Response(limited, { headers: { "content-type": request.headers.get("content-type")! } }).formData();
  } catch (error) {
    if (exceeded()) throw tooLargeUpload();
    if (error instanceof AppError) throw error;
    throw invalidInput("The multipart body could not be read. Send the CSV as a form upload in the field \"csv_file\".", {
      code: "invalid_multipart",
    });
  }
}
