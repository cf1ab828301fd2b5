import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { isPublicAddress } from "./address";

/**
 * Sending a webhook without letting its URL reach inside our network (SSRF): the URL must be https,
 * and every address its host resolves to public — checked when the endpoint is saved and again on
 * every delivery, where the request connects to exactly the addresses that were checked (a custom
 * DNS lookup), so a name that re-resolves to 127.0.0.1 between check and connect (DNS rebinding)
 * gets nowhere. Redirects are never followed. `allowPrivate` (WEBHOOK_ALLOW_PRIVATE) lifts both
 * rules, for tests and closed networks.
 */

export type Resolve = (hostname: string) => Promise<string[]>;

const RESOLVE_TIMEOUT_MS = 5_000;

const resolveAll: Resolve = (hostname) =>
  new Promise((resolve, reject) => {
    // A resolver that does not answer must not hold the request that saves the endpoint.
    const timer = setTimeout(() => reject(new Error("DNS lookup timed out")), RESOLVE_TIMEOUT_MS);
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => {
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(addresses.map((entry) => entry.address));
    });
  });

const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");

/** Why this URL may not receive webhooks, or undefined when it may. */
export async function webhookUrlProblem(text: string, { allowPrivate, resolve = resolveAll }: { allowPrivate: boolean; resolve?: Resolve }): Promise<string | undefined> {
  const url = new URL(text);
  if (allowPrivate) return undefined;
  if (url.protocol !== "https:") return "url must start with https://";
  const host = bareHost(url);
  if (isIP(host)) return isPublicAddress(host) ? undefined : `url points to ${host}, which is not a public address`;
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch {
    return `the host ${host} could not be resolved`;
  }
  if (addresses.length === 0) return `the host ${host} could not be resolved`;
  // Which address it resolved to is not said: that would map private names to internal addresses.
  return addresses.some((address) => !isPublicAddress(address)) ? `the host ${host} resolves to an address that is not public` : undefined;
}

class BlockedAddressError extends Error {
  readonly code = "EBLOCKEDADDRESS";
}

/** A DNS lookup for the request that refuses any answer with a non-public address. */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { all: true, verbatim: true, family: options.family }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 0);
    const blocked = addresses.find((entry) => !isPublicAddress(entry.address));
    if (blocked || addresses.length === 0) {
      return callback(new BlockedAddressError(`${hostname} resolves to ${blocked ? "an address that is not public" : "nothing"}`), "", 0);
    }
    if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};

export type PostOutcome = {
  /** The answer's status, when there was one. */
  status: number | null;
  latencyMs: number;
  /** Why it failed, for the delivery log (null on a 2xx); at most a short snippet of the answer's body. */
  error: string | null;
};

const SNIPPET_BYTES = 200;

/** Readable and short, with no control characters: it is shown in the app. */
const snippet = (bytes: Buffer) =>
  bytes
    .subarray(0, SNIPPET_BYTES)
    .toString("utf8")
    .replace(/[\s\u0000-\u001f\u007f\ufffd]+/g, " ")
    .trim();

function failureMessage(error: unknown, timeoutMs: number): string {
  if (error instanceof BlockedAddressError) return `Refused: ${error.message}.`;
  const { name, code } = error as { name?: string; code?: string };
  if (name === "AbortError" || name === "TimeoutError" || code === "ABORT_ERR") return `No answer within ${timeoutMs / 1000} s.`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "The host could not be resolved.";
  if (code === "ECONNREFUSED") return "The connection was refused.";
  if (code === "ECONNRESET") return "The connection was reset.";
  if (typeof code === "string" && /CERT|SSL|TLS/.test(code)) return `The TLS handshake failed (${code}).`;
  return typeof code === "string" ? `The request failed (${code}).` : "The request failed.";
}

/** POSTs a signed webhook: 2xx is success; any other answer, a redirect included, is a failure. */
export function postWebhook(
  target: string,
  body: string,
  headers: Record<string, string>,
  { timeoutMs, allowPrivate }: { timeoutMs: number; allowPrivate: boolean },
): Promise<PostOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    const url = new URL(target);
    const host = bareHost(url);
    if (!allowPrivate && (url.protocol !== "https:" || (isIP(host) && !isPublicAddress(host)))) {
      resolve({ status: null, latencyMs: 0, error: `Refused: ${url.protocol !== "https:" ? "the URL is not https" : `${host} is not a public address`}.` });
      return;
    }
    const signal = AbortSignal.timeout(timeoutMs);
    const request = (url.protocol === "https:" ? https : http).request(url, {
      method: "POST",
      agent: false,
      signal,
      lookup: allowPrivate ? undefined : publicOnlyLookup,
      headers: {
        ...headers,
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(body)),
        "user-agent": "IntentScore-Webhooks/1",
      },
    });
    request.on("error", (error) => resolve({ status: null, latencyMs: elapsed(), error: failureMessage(error, timeoutMs) }));
    request.on("response", (response) => {
      const status = response.statusCode ?? 0;
      const latencyMs = elapsed();
      if (status >= 200 && status < 300) {
        resolve({ status, latencyMs, error: null });
        response.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () => {
        const text = snippet(Buffer.concat(chunks));
        const what =
          status >= 300 && status < 400 ? `HTTP ${status}: redirects are not followed; use the final URL` : `HTTP ${status}`;
        resolve({ status, latencyMs, error: text ? `${what}: ${text}` : what });
        response.destroy();
      };
      response.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= SNIPPET_BYTES) finish();
      });
      response.on("end", finish);
      response.on("error", finish);
    });
    request.end(body);
  });
}
