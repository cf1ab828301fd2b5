import { createServer, request as httpRequest, type Server } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refuseUnsupportedMethods } from "./unsupported-methods";

// A server that, like Next.js, turns every request into a fetch Request first: for TRACE that
// throws, which Next.js answers with a plain-text 500.
let server: Server;
let port: number;

beforeAll(async () => {
  refuseUnsupportedMethods();
  refuseUnsupportedMethods(); // installing twice changes nothing
  server = createServer((req, res) => {
    try {
      const request = new Request(`http://localhost${req.url}`, { method: req.method });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ method: request.method }));
    } catch {
      res.writeHead(500, { "content-type": "text/plain" }).end("Internal Server Error");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function send(method: string, body?: string): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, method, path: "/score/", headers: body ? { "content-length": Buffer.byteLength(body) } : {} }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("refuseUnsupportedMethods", () => {
  it.each(["TRACE", "PROPFIND", "QUERY", "SEARCH", "MKCOL", "PURGE"])("answers %s with a JSON 501 naming the methods there are", async (method) => {
    const response = await send(method, method === "PROPFIND" ? "<propfind/>" : undefined);
    expect(response.status).toBe(501);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    expect(response.headers.allow).toBe("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
    expect(response.headers.connection).toBe("close");
    expect(JSON.parse(response.text)).toEqual({
      error: `Method ${method} is not supported by this server. Use GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS.`,
      code: "not_implemented",
    });
  });

  it.each(["FOO", "TRACK", "M-SEARCHX"])("answers %s, which Node's parser does not know, with a JSON 501 too", async (method) => {
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () => socket.write(`${method} /score/ HTTP/1.1\r\nHost: localhost\r\n\r\n`));
      let text = "";
      socket.setEncoding("utf8");
      socket.on("data", (chunk) => (text += chunk));
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    const [head, body] = raw.split("\r\n\r\n");
    expect(head).toMatch(/^HTTP\/1\.1 501 Not Implemented\r\n/);
    expect(head!.toLowerCase()).toContain("content-type: application/json");
    expect(JSON.parse(body!)).toEqual({
      error: "This method is not supported by this server. Use GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS.",
      code: "not_implemented",
    });
  });

  it.each(["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])("passes %s on to the application", async (method) => {
    const response = await send(method);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ method });
  });
});
