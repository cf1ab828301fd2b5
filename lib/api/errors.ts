import { ZodError } from "zod";
import { AppError, type AppErrorKind } from "@/lib/errors";

const STATUS: Record<AppErrorKind, number> = {
  invalid_input: 400,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unavailable: 503,
};

type ErrorBody = { error: string; code: string; details?: unknown };

function describeZodError(error: ZodError): ErrorBody {
  const details = error.issues.map((issue) => ({
    path: issue.path.join("."),
    message: issue.message,
  }));
  const first = details[0];
  const message = first
    ? first.path
      ? `Invalid ${first.path}: ${first.message}`
      : first.message
    : "Invalid request";
  return { error: message, code: "validation_failed", details };
}

// Node socket errors, postgres.js connection errors, and PostgreSQL's "server going away" and
// "too many connections" states: the database, not the request, is at fault.
const CONNECTION_FAILURES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);

function isConnectionFailure(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && CONNECTION_FAILURES.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** The one place where any thrown error becomes an HTTP response. Stack traces never leave the server. */
export function toErrorResponse(error: unknown, headers?: HeadersInit): Response {
  if (error instanceof AppError) {
    const body: ErrorBody = { error: error.message, code: error.code };
    if (error.details !== undefined) body.details = error.details;
    return Response.json(body, { status: STATUS[error.kind], headers });
  }
  if (error instanceof ZodError) {
    return Response.json(describeZodError(error), { status: 400, headers });
  }
  if (isConnectionFailure(error)) {
    console.error("Lost the database while serving a request", error);
    return Response.json(
      { error: "The database is not reachable right now. Try again shortly.", code: "database_unavailable" },
      { status: 503, headers },
    );
  }
  console.error("Unhandled error while serving a request", error);
  return Response.json(
    { error: "Something went wrong on our side. Please try again.", code: "internal_error" },
    { status: 500, headers },
  );
}
