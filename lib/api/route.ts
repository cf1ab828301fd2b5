import { AppError } from "@/lib/errors";
import { toErrorResponse } from "./errors";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

type RouteContext = { params: Promise<Record<string, string>> };
type Handler = (request: Request, context: RouteContext) => Promise<Response>;

/**
 * Builds every method export of a route file: the given handlers wrapped in the shared error
 * mapping, and a JSON 405 for the rest (Next.js would answer those with an empty body).
 */
export function defineRoute(handlers: Partial<Record<Method, Handler>>): Record<Method, Handler> {
  const allowed = METHODS.filter((method) => handlers[method]);
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const entries = METHODS.map((method): [Method, Handler] => {
    const handler = handlers[method];
    if (!handler) {
      return [
        method,
        async () =>
          toErrorResponse(
            new AppError("method_not_allowed", `Method ${method} is not allowed here. Use ${allowed.join(" or ")}.`),
            { Allow: allow },
          ),
      ];
    }
    return [
      method,
      async (request, context) => {
        try {
          return await handler(request, context);
        } catch (error) {
          return toErrorResponse(error);
        }
      },
    ];
  });
  return Object.fromEntries(entries) as Record<Method, Handler>;
}
