/** What went wrong, in terms of the product; lib/api maps each kind to an HTTP status in one place. */
export type AppErrorKind =
  | "invalid_input"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "not_implemented"
  | "unavailable";

export class AppError extends Error {
  readonly kind: AppErrorKind;
  /** A stable, machine-readable code for clients; defaults to the kind. */
  readonly code: string;
  readonly details?: unknown;
  /** Headers the answer must carry (WWW-Authenticate, Retry-After, …). */
  readonly headers?: Record<string, string>;

  constructor(
    kind: AppErrorKind,
    message: string,
    options: { code?: string; details?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.kind = kind;
    this.code = options.code ?? kind;
    this.details = options.details;
    this.headers = options.headers;
  }
}

export const invalidInput = (message: string, options?: { code?: string; details?: unknown }) =>
  new AppError("invalid_input", message, options);

export const notFound = (message: string, options?: { code?: string; details?: unknown }) =>
  new AppError("not_found", message, options);

export const conflict = (message: string, options?: { code?: string; details?: unknown }) =>
  new AppError("conflict", message, options);

export const runNotFound = (id: number) => notFound(`Run ${id} was not found.`, { code: "run_not_found" });

export const offerNotFound = (id: number) => notFound(`Offer ${id} was not found.`, { code: "offer_not_found" });

/** The one answer for a database that cannot serve: down, dropped, unmigrated, read-only or closing. */
export const databaseUnavailable = () =>
  new AppError("unavailable", "The database is not available right now. Try again shortly.", { code: "database_unavailable" });

/** A deadlock or serialization conflict the database resolved by cancelling this request's statement. */
export const databaseConflict = () =>
  new AppError("unavailable", "The request ran into a conflicting change in the database and was stopped. Try again.", { code: "database_conflict" });

export const uploadNotFound = (id: number) => notFound(`Upload ${id} was not found.`, { code: "upload_not_found" });

// SQLSTATE classes 22 (data exception) and 23 (integrity constraint) quote the offending value.
const QUOTES_VALUES = /^2[23]/;

function safeMessage(error: Error, code: unknown): string {
  // Drizzle's wrapper puts the query's parameters in its message; the SQL alone is safe.
  const { query, params } = error as { query?: unknown; params?: unknown };
  if (params !== undefined && typeof query === "string") return `Failed query: ${query.slice(0, 200)}`;
  if (typeof code === "string" && QUOTES_VALUES.test(code)) return "(message withheld: it may quote data)";
  // The Gemini SDK's ApiError carries the response body, which may quote the request (lead data).
  const { status } = error as { status?: unknown };
  if (error.name === "ApiError" && typeof status === "number") return `HTTP ${status} (body withheld: it may quote the request)`;
  return error.message;
}

/**
 * An error as one safe log line: class, code and message along its cause chain, and the stack of
 * the outermost. Never the error object itself: a database driver's error carries the query's
 * parameters (lead data) and the server's `detail`, which must not reach a log.
 */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    if (!(current instanceof Error)) {
      parts.push(`thrown ${typeof current}`);
      break;
    }
    const code = (current as { code?: unknown }).code;
    const label = typeof code === "string" || typeof code === "number" ? `${current.name} [${code}]` : current.name;
    parts.push(`${label}: ${safeMessage(current, code)}`);
    current = current.cause;
  }
  // Only the frames: the stack's first lines repeat the message, parameters and all.
  const stack = error instanceof Error ? error.stack?.split("\n").filter((line) => /^\s+at /.test(line)).slice(0, 5).join("\n") : undefined;
  return [parts.join(" ← caused by "), stack].filter(Boolean).join("\n");
}

// The database, not the request, is at fault: Node socket errors, postgres.js connection errors,
// PostgreSQL's connection-exception class (08…) and "server going away" / "too many connections"
// states, a database that was dropped (3D000) or lost its tables or columns (42P01, 42703,
// 3F000), a read-only database (25006) or one not in a state to serve (55000), and an embedded
// database that has been closed while shutting down.
const DATABASE_FAILURES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "57P01",
  "57P02",
  "57P03",
  "57P04",
  "53300",
  "3D000",
  "3F000",
  "42P01",
  "42703",
  "25006",
  "55000",
]);

/** Whether `error` or one of its causes (a driver's error wrapped by Drizzle, say) passes `test`. */
function inCauseChain(error: unknown, test: (current: unknown, code: string | undefined) => boolean): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (test(current, typeof code === "string" ? code : undefined)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** A database that cannot serve (down, dropped, unmigrated, read-only, closing), by SQLSTATE or driver state. */
export function isDatabaseFailure(error: unknown): boolean {
  return inCauseChain(
    error,
    (current, code) =>
      (code !== undefined && (DATABASE_FAILURES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) || (current instanceof Error && current.message === "PGlite is closed"),
  );
}

/** PostgreSQL cancelled a statement caught in a deadlock or a serialization conflict: the same work goes through on a later attempt. */
const DATABASE_CONFLICTS = new Set(["40P01", "40001"]);

export const isDatabaseConflict = (error: unknown): boolean => inCauseChain(error, (_, code) => code !== undefined && DATABASE_CONFLICTS.has(code));

/** postgres.js's and the server's codes for a connection that is gone (the server restarted, the network dropped). */
const CONNECTION_LOST = new Set(["CONNECTION_CLOSED", "CONNECTION_DESTROYED", "CONNECTION_ENDED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "57P01", "57P02", "57P03"]);

export const isConnectionLost = (error: unknown): boolean => inCauseChain(error, (_, code) => code !== undefined && CONNECTION_LOST.has(code));
