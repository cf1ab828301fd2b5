/**
 * The API's route handlers behind a plain HTTP server, in a process of its own, for the bench:
 * request bodies stream in and responses stream out as they would under `next start`, and the
 * process's own memory can be measured. Prints `{"port", "workspaceId"}` once listening.
 * GET /__bench/rss answers {rss, peak} (sampled every 10 ms) and the longest event-loop stall
 * (`stallMs`) since the last call, and resets both.
 */
import { createServer } from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";

Object.assign(process.env, { LOG_LEVEL: process.env.LOG_LEVEL ?? "warn", API_RATE_LIMIT_PER_MINUTE: "1000000" });
const { call, testWorkspace } = await import("@/test/support/api");
const workspace = await testWorkspace();

let peak = process.memoryUsage().rss;
setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10).unref();
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();

const server = createServer(async (request, response) => {
  try {
    if (request.url === "/__bench/rss") {
      const rss = process.memoryUsage().rss;
      response.end(JSON.stringify({ rss, peak: Math.max(peak, rss), stallMs: loop.max / 1e6 }));
      peak = rss;
      loop.reset();
      return;
    }
    const hasBody = request.method !== "GET" && request.method !== "HEAD";
    const headers = Object.fromEntries(Object.entries(request.headers).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
    const answer = await call(request.method!, request.url!, {
      headers,
      ...(hasBody ? { body: Readable.toWeb(request) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
    } as RequestInit);
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    if (answer.body) Readable.fromWeb(answer.body as NodeWebStream<Uint8Array>).pipe(response);
    else response.end();
  } catch (error) {
    response.writeHead(500).end(String(error));
  }
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(JSON.stringify({ port: typeof address === "object" && address ? address.port : 0, workspaceId: workspace.scope.workspaceId }));
});
