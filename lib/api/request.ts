import { AppError, invalidInput } from "@/lib/errors";

function mediaType(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/**
 * Reads a JSON body. The content type is not checked strictly, because the original API's clients
 * do not always send one (`curl -d '{…}'` labels JSON as a form); a real form or file upload is
 * refused with 415. An empty body is `undefined`.
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  const type = mediaType(request);
  const notJson = () =>
    new AppError("unsupported_media_type", "This endpoint takes a JSON body (Content-Type: application/json).");
  if (type === "multipart/form-data") throw notJson();
  const text = await request.text();
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
  const tooLarge = () =>
    new AppError("payload_too_large", `The upload is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB limit.`, {
      details: { max_bytes: maxBytes },
    });
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (declared > maxBytes) throw tooLarge();
  if (!request.body) throw invalidInput('No file was sent. Put the CSV in the field "csv_file".', { code: "missing_file" });

  let received = 0;
  const limited = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (received > maxBytes) controller.error(tooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  try {
    return await new Response(limited, { headers: { "content-type": request.headers.get("content-type")! } }).formData();
  } catch (error) {
    if (received > maxBytes) throw tooLarge();
    if (error instanceof AppError) throw error;
    throw invalidInput("The multipart body could not be read. Send the CSV as a form upload in the field \"csv_file\".", {
      code: "invalid_multipart",
    });
  }
}
