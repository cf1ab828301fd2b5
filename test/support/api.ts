import { readdirSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { createTestWorkspace, initializedWorkspace, type TestWorkspace } from "./workspaces";

/**
 * Calls the route handlers in-process the way Next.js routes a request to them, so integration
 * tests read like HTTP calls and go through the real handlers, validation and database. The route
 * table is read from the route files under app/(api), with Next.js's precedence: at each segment a
 * static name before `[param]`, before `[...catchAll]`, before `[[...optionalCatchAll]]`.
 */
type RouteModule = Record<string, unknown>;
type Segment = { kind: 0 | 1 | 2 | 3; name: string };
type Route = { segments: Segment[]; pattern: RegExp; file: string };


// The REST API, and better-auth's endpoints under /api/auth.
const API_DIRS = [path.join(process.cwd(), "app", "(api)"), path.join(process.cwd(), "app")];

function parseSegment(name: string): Segment {
  let match: RegExpExecArray | null;
  if ((match = /^\[\[\.\.\.(\w+)\]\]$/.exec(name))) return { kind: 3, name: match[1]! };
  if ((match = /^\[\.\.\.(\w+)\]$/.exec(name))) return { kind: 2, name: match[1]! };
  if ((match = /^\[(\w+)\]$/.exec(name))) return { kind: 1, name: match[1]! };
  return { kind: 0, name };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function toRoute(root: string, file: string): Route {
  const segments = path
    .relative(root, path.dirname(file))
    .split(path.sep)
    .filter((name) => name !== "" && !/^\(.*\)$/.test(name))
    .map(parseSegment);
  const source = segments
    .map(({ kind, name }) => [`/${escape(name)}`, "/([^/]+)", "/(.+?)", "(?:/(.+?))?"][kind])
    .join("");
  return { segments, pattern: new RegExp(`^${source}/?$`), file };
}

function byPrecedence(a: Route, b: Route): number {
  for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
    const kindA = a.segments[i]?.kind ?? -1;
    const kindB = b.segments[i]?.kind ?? -1;
    if (kindA !== kindB) return kindA - kindB;
  }
  return 0;
}

const routes: Route[] = [
  ...readdirSync(API_DIRS[0]!, { recursive: true, encoding: "utf8" })
    .filter((file) => path.basename(file) === "route.ts")
    .map((file) => toRoute(API_DIRS[0]!, path.join(API_DIRS[0]!, file))),
  toRoute(API_DIRS[1]!, path.join(API_DIRS[1]!, "api", "auth", "[...all]", "route.ts")),
].sort(byPrecedence);

let defaultWorkspace: Promise<TestWorkspace> | undefined;
/**
 * The workspace calls act in unless their headers carry other credentials: the one headless
 * initialization makes when INTENTSCORE_INIT_* is set, else a new one (made on first use).
 */
export const testWorkspace = () =>
  (defaultWorkspace ??= env.INTENTSCORE_INIT_API_KEY ? initializedWorkspace() : createTestWorkspace());

/** Headers for a call with no credentials at all. */
export const ANONYMOUS = { authorization: "" };

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

export async function call(method: string, target: string, init: RequestInit = {}): Promise<Response> {
  const url = new URL(target, "http://localhost");
  const headers = new Headers(init.headers);
  const credentialed = ["authorization", "x-api-key", "cookie"].some((name) => headers.has(name));
  if (!credentialed && !url.pathname.startsWith("/api/auth/")) headers.set("authorization", `Bearer ${(await testWorkspace()).key}`);
  const route = routes.find((candidate) => candidate.pattern.test(url.pathname));
  if (!route) throw new Error(`no route for ${target}`);
  const match = route.pattern.exec(url.pathname)!;
  const params: Record<string, string | string[]> = {};
  route.segments
    .filter((segment) => segment.kind > 0)
    .forEach((segment, index) => {
      const value = match[index + 1];
      if (value === undefined) return;
      params[segment.name] = segment.kind === 1 ? decodeURIComponent(value) : value.split("/").map(decodeURIComponent);
    });
  const module = (await import(/* @vite-ignore */ route.file)) as RouteModule;
  const handler = module[method] as Handler | undefined;
  if (!handler) throw new Error(`${target} exports no ${method}`);
  return handler(new Request(url, { method, ...init, headers }), { params: Promise.resolve(params) });
}

export const api = {
  get: (path: string, headers?: HeadersInit) => call("GET", path, { headers }),
  postJson: (path: string, body?: unknown, headers?: HeadersInit) =>
    call("POST", path, {
      headers: { "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  upload: (csv: string | Uint8Array<ArrayBuffer>, filename = "leads.csv", field = "csv_file", headers?: HeadersInit) => {
    const form = new FormData();
    form.append(field, new Blob([csv], { type: "text/csv" }), filename);
    return call("POST", "/leads/upload/", { body: form, headers });
  },
};

export const SAMPLE_OFFER = {
  name: "AI Outreach Automation",
  value_props: ["24/7 outreach", "6x more meetings", "automated sales pipeline"],
  ideal_use_cases: ["B2B SaaS mid-market sales teams", "growth-stage technology companies"],
};

export const LEADS_HEADER = "name,role,company,industry,location,linkedin_bio";

export function leadsCsv(rows: string[][]): string {
  return [LEADS_HEADER, ...rows.map((row) => row.map((cell) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(","))].join("\n");
}
