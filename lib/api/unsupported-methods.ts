import { Server, STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { AppError } from "@/lib/errors";
import { toErrorResponse } from "./errors";

/** The methods Next.js hands to route handlers; defineRoute answers each of them. */
const SUPPORTED = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const INSTALLED = Symbol.for("intentscore.refuseUnsupportedMethods");

const refusal = (method: string) =>
  toErrorResponse(new AppError("not_implemented", `${method} is not supported by this server. Use ${SUPPORTED.join(", ")}.`), {
    Allow: SUPPORTED.join(", "),
    Connection: "close",
  });

async function refuse(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const answer = refusal(`Method ${request.method}`);
  // The body, if any, is never read; the connection closes after the answer.
  request.resume();
  response.writeHead(answer.status, Object.fromEntries(answer.headers));
  response.end(await answer.text());
}

/** A method Node's HTTP parser does not know at all (FOO, TRACK) never becomes a request: answer on the socket. */
async function refuseUnparsed(socket: Duplex): Promise<void> {
  const answer = refusal("This method");
  const body = Buffer.from(await answer.text());
  const headers = [...answer.headers, ["content-length", String(body.length)]].map(([name, value]) => `${name}: ${value}\r\n`).join("");
  socket.end(Buffer.concat([Buffer.from(`HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}\r\n${headers}\r\n`), body]));
}

/**
 * Answers every method other than Next.js's seven with a JSON 501 before Next.js sees it. Next.js
 * cannot: TRACE cannot even become a fetch `Request`, so it fails with a plain-text 500 before any
 * proxy or route code runs; other methods (PROPFIND, QUERY, …) get an empty 400, and ones Node's
 * parser does not know (FOO, TRACK) a plain 400 from Node. Only the Node server's own "request"
 * and "clientError" events come early enough, so this wraps its `emit`, once per process. Called
 * when the server starts (instrumentation's `register`).
 */
export function refuseUnsupportedMethods(): void {
  const prototype = Server.prototype as Server & { [INSTALLED]?: true };
  if (prototype[INSTALLED]) return;
  prototype[INSTALLED] = true;
  const emit = prototype.emit;
  prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "clientError") {
      const [error, socket] = args as [NodeJS.ErrnoException, Duplex];
      if (error.code === "HPE_INVALID_METHOD" && socket.writable) {
        void refuseUnparsed(socket);
        return true;
      }
    }
    if (event === "request") {
      const [request, response] = args as [IncomingMessage, ServerResponse];
      if (!SUPPORTED.includes(request.method ?? "")) {
        void refuse(request, response);
        return true;
      }
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof prototype.emit;
}
