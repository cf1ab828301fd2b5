import { ZodError } from "zod";
import { AppError, databaseConflict, databaseUnavailable, describeError, isDatabaseConflict, isDatabaseFailure, type AppErrorKind } from "@/lib/errors";
import { log } from "@/lib/log";

const STATUS: Record<AppErrorKind, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  not_implemented: 501,
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

/**
 * The one mapping from any thrown error to a status and a JSON body: client errors say what was
 * wrong, a database that cannot serve is a 503, anything else a 500 with nothing internal in it
 * (the cause goes to the log, without request data).
 */
export function describeFailure(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    const body: ErrorBody = { error: error.message, code: error.code };
    if (error.details !== undefined) body.details = error.details;
    return { status: STATUS[error.kind], body };
  }
  if (error instanceof ZodError) return { status: 400, body: describeZodError(error) };
  if (isDatabaseFailure(error)) {
    log().error({ error: describeError(error) }, "The database failed while serving a request");
    return describeFailure(databaseUnavailable());
  }
  if (isDatabaseConflict(error)) {
    log().warn({ error: describeError(error) }, "A database conflict stopped a request");
    return describeFailure(databaseConflict());
  }
  log().error({ error: describeError(error) }, "Unhandled error while serving a request");
  return { status: 500, body: { error: "Something went wrong on our side. Please try again.", code: "internal_error" } };
}

/** Any thrown error as an HTTP response. Stack traces never leave the server. */
export function toErrorResponse(error: unknown, headers?: Record<string, string>): Response {
  const { status, body } = describeFailure(error);
  return Response.json(body, { status, headers: { ...headers, ...(error instanceof AppError ? error.headers : undefined) } });
}
