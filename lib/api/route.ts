import { AppError, notFound } from "@/lib/errors";
import { toErrorResponse } from "./errors";

/** Every method Next.js routes to a route handler; any other never reaches one. */
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
type Method = (typeof METHODS)[number];
type ImplementableMethod = Exclude<Method, "HEAD" | "OPTIONS">;

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
type Handler = (request: Request, context: RouteContext) => Promise<Response>;

const guarded =
  (handler: Handler): Handler =>
  async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return toErrorResponse(error);
    }
  };

/**
 * Builds every method export of a route file: the given handlers wrapped in the shared error
 * mapping, HEAD as GET, OPTIONS as a 204, and a JSON 405 for the rest (Next.js would answer those
 * with an empty body). OPTIONS and the 405 name the same `Allow` methods.
 */
export function defineRoute(handlers: Partial<Record<ImplementableMethod, Handler>>): Record<Method, Handler> {
  const allowed = (["GET", "POST", "PUT", "PATCH", "DELETE"] as const).filter((method) => handlers[method]);
  const allow = [...allowed, ...(handlers.GET ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const notAllowed =
    (method: Method): Handler =>
    async () =>
      toErrorResponse(
        new AppError("method_not_allowed", `Method ${method} is not allowed here. Use ${allowed.join(" or ")}.`),
        { Allow: allow },
      );
  const handlerFor = (method: Method): Handler => {
    if (method === "OPTIONS") return async () => new Response(null, { status: 204, headers: { Allow: allow } });
    const handler = handlers[method === "HEAD" ? "GET" : method];
    return handler ? guarded(handler) : notAllowed(method);
  };
  return Object.fromEntries(METHODS.map((method) => [method, handlerFor(method)])) as Record<Method, Handler>;
}

/**
 * The exports of a catch-all route file (`[...rest]/route.ts`) under an API prefix: a JSON 404 for
 * every method, where Next.js would answer with its HTML page.
 */
export function defineNotFoundRoute(): Record<Method, Handler> {
  const answer: Handler = async (request) =>
    toErrorResponse(notFound(`There is no API endpoint at ${new URL(request.url).pathname.slice(0, 200)}.`));
  return Object.fromEntries(METHODS.map((method) => [method, answer])) as Record<Method, Handler>;
}
