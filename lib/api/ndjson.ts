import { describeFailure } from "./errors";
import { textStream } from "./text-stream";

export const NDJSON_TYPE = "application/x-ndjson";

export const acceptsNdjson = (request: Request) => (request.headers.get("accept") ?? "").includes(NDJSON_TYPE);

/** The last line of a stream that failed: the error body the same failure gets as a response. */
export type StreamError = { type: "error"; error: string; code: string };

/**
 * A response that streams one JSON object per line as `produce` sends them. The work carries on
 * if the client goes away; a failure becomes a final `{"type":"error","error":…,"code":…}` line
 * (the status is long sent).
 */
export function ndjsonResponse<Event extends object>(produce: (send: (event: Event) => void) => Promise<void>): Response {
  const stream = textStream(async (write) => {
    const send = (event: Event | StreamError) => write(`${JSON.stringify(event)}\n`);
    try {
      await produce(send);
    } catch (error) {
      const { body } = describeFailure(error);
      send({ type: "error", error: `${body.error} Scores saved so far are kept; run it again to finish.`, code: body.code });
    }
  });
  return new Response(stream, { headers: { "Content-Type": `${NDJSON_TYPE}; charset=utf-8`, "Cache-Control": "no-store" } });
}
