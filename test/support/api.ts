/**
 * Calls the route handlers in-process the way Next.js routes a request to them, so integration
 * tests read like HTTP calls and go through the real handlers, validation and database.
 */
type RouteModule = Record<string, unknown>;
type Route = { pattern: RegExp; load: () => Promise<RouteModule>; param?: string };

const routes: Route[] = [
  { pattern: /^\/healthz\/?$/, load: () => import("@/app/(api)/healthz/route") },
  { pattern: /^\/product\/offer\/?$/, load: () => import("@/app/(api)/product/offer/route") },
  { pattern: /^\/product\/offer\/([^/]+)\/?$/, load: () => import("@/app/(api)/product/offer/[id]/route"), param: "id" },
  { pattern: /^\/leads\/upload\/?$/, load: () => import("@/app/(api)/leads/upload/route") },
  { pattern: /^\/score\/?$/, load: () => import("@/app/(api)/score/route") },
  { pattern: /^\/results\/?$/, load: () => import("@/app/(api)/results/route") },
  { pattern: /^\/csv\/?$/, load: () => import("@/app/(api)/csv/route") },
];

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export async function call(method: string, path: string, init: RequestInit = {}): Promise<Response> {
  const url = new URL(path, "http://localhost");
  const route = routes.find((candidate) => candidate.pattern.test(url.pathname));
  if (!route) throw new Error(`no route for ${path}`);
  const match = route.pattern.exec(url.pathname)!;
  const params = route.param ? { [route.param]: decodeURIComponent(match[1]!) } : {};
  const handler = (await route.load())[method] as Handler | undefined;
  if (!handler) throw new Error(`${path} exports no ${method}`);
  return handler(new Request(url, { method, ...init }), { params: Promise.resolve(params) });
}

export const api = {
  get: (path: string, headers?: HeadersInit) => call("GET", path, { headers }),
  postJson: (path: string, body?: unknown, headers?: HeadersInit) =>
    call("POST", path, {
      headers: { "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  upload: (csv: string | Uint8Array<ArrayBuffer>, filename = "leads.csv", field = "csv_file") => {
    const form = new FormData();
    form.append(field, new Blob([csv], { type: "text/csv" }), filename);
    return call("POST", "/leads/upload/", { body: form });
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
