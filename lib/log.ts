import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";
import path from "node:path";
import pino, { type DestinationStream, type Logger } from "pino";
import { env } from "@/lib/env";

/**
 * Where log lines go: JSON, one object a line, on stdout, and errors on stderr (as before logs were
 * structured, so a supervisor that splits the two keeps doing so). In development, pino-pretty formats them
 * in this process (no transport worker, which a bundled or standalone server cannot resolve); it is
 * a devDependency, looked up at run time, so a production install never needs it.
 */
function destination(): DestinationStream {
  if (env.NODE_ENV === "development") {
    try {
      const pretty = createRequire(path.join(process.cwd(), "package.json"))("pino-pretty") as typeof import("pino-pretty");
      return pretty.build({ colorize: true, sync: true, ignore: "pid,hostname" });
    } catch {
      // Not installed: plain JSON below.
    }
  }
  return pino.multistream(
    [
      { level: "trace", stream: process.stdout },
      { level: "error", stream: process.stderr },
    ],
    { dedupe: true },
  );
}

const root: Logger = pino({ level: env.LOG_LEVEL, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, destination());

/** What every line logged while serving one API request carries. */
type RequestContext = { requestId: string; workspaceId?: string };
const requestContext = new AsyncLocalStorage<RequestContext>();

/** The logger, with the current request's id and workspace when called while serving one. */
export function log(): Logger {
  const context = requestContext.getStore();
  return context ? root.child({ request_id: context.requestId, workspace_id: context.workspaceId }) : root;
}

// A client's own id is kept only when it cannot smuggle anything into a log line or a header.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The id a request is logged under: the client's `X-Request-Id` if it is a plain token, else a new one. */
export function requestIdOf(request: Request): string {
  const given = request.headers.get("x-request-id");
  return given && SANE_REQUEST_ID.test(given) ? given : crypto.randomUUID();
}

/** Runs `work` outside any request's context: background work started by a request does not log as part of it. */
export function outsideRequest<T>(work: () => T): T {
  return requestContext.exit(work);
}

/** Records the workspace the current request acts in, for its request line and any error logged. */
export function setLogWorkspace(workspaceId: string): void {
  const context = requestContext.getStore();
  if (context) context.workspaceId = workspaceId;
}

/**
 * Runs `serve` with the request's log context, echoes the id in `X-Request-Id`, and logs one line
 * when the response (or, for a stream, its headers) is ready. `route` is the route pattern, never
 * the path itself: paths may hold whatever a client typed.
 */
export async function withRequestLog(request: Request, route: () => Promise<string>, serve: () => Promise<Response>): Promise<Response> {
  const context: RequestContext = { requestId: requestIdOf(request) };
  const started = performance.now();
  return requestContext.run(context, async () => {
    const response = await serve();
    response.headers.set("X-Request-Id", context.requestId);
    const status = response.status;
    log()[status >= 500 ? "error" : "info"](
      { method: request.method, route: await route(), status, duration_ms: Math.round((performance.now() - started) * 10) / 10 },
      "request",
    );
    return response;
  });
}
