/** What went wrong, in terms of the product; lib/api maps each kind to an HTTP status in one place. */
export type AppErrorKind =
  | "invalid_input"
  | "not_found"
  | "method_not_allowed"
  | "payload_too_large"
  | "unsupported_media_type"
  | "unavailable";

export class AppError extends Error {
  readonly kind: AppErrorKind;
  /** A stable, machine-readable code for clients; defaults to the kind. */
  readonly code: string;
  readonly details?: unknown;

  constructor(kind: AppErrorKind, message: string, options: { code?: string; details?: unknown } = {}) {
    super(message);
    this.name = "AppError";
    this.kind = kind;
    this.code = options.code ?? kind;
    this.details = options.details;
  }
}

export const invalidInput = (message: string, options?: { code?: string; details?: unknown }) =>
  new AppError("invalid_input", message, options);

export const notFound = (message: string, options?: { code?: string; details?: unknown }) =>
  new AppError("not_found", message, options);
