import { describeFailure } from "./errors";
import { textStream } from "./text-stream";

export type ServerSentEvent = { event: string; id?: string; data: unknown };

const KEEPALIVE_MS = 15_000;

/**
 * A text/event-stream answer: `produce` sends events until it returns (the stream ends) or the
 * client goes away (`signal` aborts). A comment every 15 s keeps proxies from closing an idle stream;
 * a failure becomes a final `error` event with the error body a response would carry.
 */
export function sseResponse(produce: (send: (event: ServerSentEvent) => void, signal: AbortSignal) => Promise<void>, signal: AbortSignal): Response {
  const stop = new AbortController();
  signal.addEventListener("abort", () => stop.abort());
  const stream = textStream(
    async (write) => {
      const send = ({ event, id, data }: ServerSentEvent) =>
        write(`event: ${event}\n${id === undefined ? "" : `id: ${id}\n`}data: ${JSON.stringify(data)}\n\n`);
      const keepalive = setInterval(() => write(": keepalive\n\n"), KEEPALIVE_MS);
      // Reconnect after 2 s if the connection drops (the browser's EventSource default is about 3 s).
      write("retry: 2000\n\n");
      try {
        await produce(send, stop.signal);
      } catch (error) {
        send({ event: "error", data: describeFailure(error).body });
      } finally {
        clearInterval(keepalive);
      }
    },
    () => stop.abort(),
  );
  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no" },
  });
}
