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
  console.error("Unhandled error while serving a request", error);
  return Response.json(
    { error: "Something went wrong on our side. Please try again.", code: "internal_error" },
    { status: 500, headers },
  );
}
