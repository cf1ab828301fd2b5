import { authorize, authorizeCron, type Access, type Principal } from "@/lib/auth/principal";
import { AppError, notFound } from "@/lib/errors";
import { setLogWorkspace, withRequestLog } from "@/lib/log";
import { toErrorResponse } from "./errors";

/** Every method Next.js routes to a route handler; any other never reaches one. */
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
type Method = (typeof METHODS)[number];
type ImplementableMethod = Exclude<Method, "HEAD" | "OPTIONS">;

type Params = Record<string, string | string[] | undefined>;
type NextContext = { params: Promise<Params> };
type NextHandler = (request: Request, context: NextContext) => Promise<Response>;

export type PublicHandler = (request: Request, context: { params: Params }) => Promise<Response>;
export type Handler = (request: Request, context: { params: Params; principal: Principal }) => Promise<Response>;

function withHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/** An API answer is data, never a page: nothing in it may run, load or be framed. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * The route pattern a request matched, for the log: each dynamic segment's value put back as its
 * name (`/product/offer/{id}`, `/results/{...rest}`), so no client-typed path reaches a log line.
 */
export function routePattern(pathname: string, params: Params): string {
  const segments = pathname.split("/").filter(Boolean);
  const decoded = segments.map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === "string") {
      const at = decoded.lastIndexOf(value);
      if (at >= 0) decoded.splice(at, 1, `{${name}}`);
    } else if (value?.length) {
      for (let at = decoded.length - value.length; at >= 0; at--) {
        if (value.every((part, i) => decoded[at + i] === part)) {
          decoded.splice(at, value.length, `{...${name}}`);
          break;
        }
      }
    }
  }
  return `/${decoded.join("/")}`;
}

const withApiPolicy =
  (handler: NextHandler): NextHandler =>
  async (request, context) =>
    withRequestLog(
      request,
      // Next.js resolves `params` to undefined on a route without dynamic segments.
      async () => routePattern(new URL(request.url).pathname, (await context.params) ?? {}),
      async () => withHeaders(await handler(request, context), { "Content-Security-Policy": API_CONTENT_SECURITY_POLICY }),
    );

/**
 * HEAD answers what GET would, without the body. Next.js neither reads nor cancels a HEAD answer's
 * body, so it is cancelled here: a streamed body (an export) would otherwise keep what it holds —
 * a database connection inside a transaction — open for good.
 */
const headOf =
  (get: NextHandler): NextHandler =>
  async (request, context) => {
    const response = await get(request, context);
    await response.body?.cancel();
    return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
  };

function buildRoute(handlers: Partial<Record<ImplementableMethod, NextHandler>>): Record<Method, NextHandler> {
  const allowed = (["GET", "POST", "PUT", "PATCH", "DELETE"] as const).filter((method) => handlers[method]);
  const allow = [...allowed, ...(handlers.GET ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const notAllowed =
    (method: Method): NextHandler =>
    async () =>
      toErrorResponse(
        new AppError("method_not_allowed", `Method ${method} is not allowed here. Use ${allowed.join(" or ")}.`),
        { Allow: allow },
      );
  const handlerFor = (method: Method): NextHandler => {
    if (method === "OPTIONS") return async () => new Response(null, { status: 204, headers: { Allow: allow } });
    if (method === "HEAD" && handlers.GET) return headOf(handlers.GET);
    return handlers[method as ImplementableMethod] ?? notAllowed(method);
  };
  return Object.fromEntries(METHODS.map((method) => [method, withApiPolicy(handlerFor(method))])) as Record<Method, NextHandler>;
}

function mapMethods<A, B>(handlers: Partial<Record<ImplementableMethod, A>>, wrap: (handler: A) => B) {
  return Object.fromEntries(Object.entries(handlers).map(([method, handler]) => [method, wrap(handler as A)])) as Partial<
    Record<ImplementableMethod, B>
  >;
}

/**
 * Builds every method export of a route file: each handler runs after the request is authorized
 * (`access`: any member of the workspace, or an owner/admin), with the workspace scope it decided,
 * inside the shared error mapping; HEAD runs GET, OPTIONS is a 204, and the rest get a JSON 405.
 * OPTIONS and the 405 name the same `Allow` methods.
 */
export function defineRoute(
  handlers: Partial<Record<ImplementableMethod, Handler>>,
  { access = "member" }: { access?: Access } = {},
): Record<Method, NextHandler> {
  return buildRoute(
    mapMethods(handlers, (handler) => async (request: Request, context: NextContext) => {
      let headers: Record<string, string> = {};
      try {
        const authorized = await authorize(request, access);
        headers = authorized.headers;
        setLogWorkspace(authorized.principal.scope.workspaceId);
        const response = await handler(request, { params: await context.params, principal: authorized.principal });
        // A workspace's data: never kept by a browser or a shared cache.
        if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", "private, no-store");
        return withHeaders(response, headers);
      } catch (error) {
        return toErrorResponse(error, headers);
      }
    }),
  );
}

/** The same for the few endpoints anyone may call (the health check). */
export function definePublicRoute(handlers: Partial<Record<ImplementableMethod, PublicHandler>>): Record<Method, NextHandler> {
  return buildRoute(
    mapMethods(handlers, (handler) => async (request: Request, context: NextContext) => {
      try {
        return await handler(request, { params: await context.params });
      } catch (error) {
        return toErrorResponse(error);
      }
    }),
  );
}

/** The same for the scheduler's route, which the cron secret authorizes (work across workspaces). */
export function defineCronRoute(handlers: Partial<Record<ImplementableMethod, PublicHandler>>): Record<Method, NextHandler> {
  return definePublicRoute(
    mapMethods(handlers, (handler): PublicHandler => async (request, context) => {
      authorizeCron(request);
      return handler(request, context);
    }),
  );
}

/**
 * The exports of a catch-all route file (`[...rest]/route.ts`) under an API prefix: a JSON 404 for
 * every method, where Next.js would answer with its HTML page.
 */
export function defineNotFoundRoute(): Record<Method, NextHandler> {
  const answer: NextHandler = async (request) =>
    toErrorResponse(notFound(`There is no API endpoint at ${new URL(request.url).pathname.slice(0, 200)}.`));
  return Object.fromEntries(METHODS.map((method) => [method, withApiPolicy(answer)])) as Record<Method, NextHandler>;
}
