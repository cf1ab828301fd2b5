import type { ApiKey } from "@/db/queries/api-keys";
import type { Offer } from "@/db/queries/offers";
import type { ResultRow } from "@/db/queries/results";
import type { UploadRecord } from "@/db/queries/upload-history";
import type { WebhookDelivery, WebhookEndpoint } from "@/db/queries/webhooks";
import type { RunView } from "@/lib/services/runs";
import type { ImportResult } from "@/lib/services/uploads";
import type { Intent } from "@/lib/scoring/types";
import type { OfferFormValues } from "@/lib/validations/offer";
import type { OnDuplicate } from "@/lib/validations/uploads";
import type { WebhookInput, WebhookPatch } from "@/lib/validations/webhooks";

/** What a value looks like after JSON: dates arrive as ISO strings. */
type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

export type OfferSummary = Json<Offer>;
export type ApiKeySummary = Json<ApiKey>;
export type LeadResult = Json<ResultRow>;
export type UploadSummary = Json<UploadRecord>;
export type WebhookSummary = Json<WebhookEndpoint>;
export type WebhookDeliverySummary = Json<WebhookDelivery>;

export type UploadResult = ImportResult;
export type { RunView };

/** Cache keys of the browser's server state (TanStack Query); pages seed "offers" when they render. */
export const queryKeys = {
  offers: ["offers"],
  results: ["results"],
  apiKeys: ["api-keys"],
  webhooks: ["webhooks"],
  workspace: ["workspace"],
  runs: ["runs"],
  /** The newest page of runs (RUNS_PAGE_SIZE), which live events update in place. */
  runsList: ["runs", "list"],
} as const;

export const RUNS_PAGE_SIZE = 20;

/** Server-side values handed to the browser as the API would have sent them. */
export const asJson = <T extends { created_at: Date }>(value: T) => ({ ...value, created_at: value.created_at.toISOString() });

export class ApiRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** The API's own `{error}` message of a failed response, as a throwable error. */
async function apiError(response: Response): Promise<ApiRequestError> {
  const body = await response.json().catch(() => null);
  const message = body && typeof body.error === "string" ? body.error : `The server answered ${response.status}.`;
  return new ApiRequestError(message, response.status, body?.details);
}

const UNREACHABLE = "Could not reach the IntentScore server. Check your connection and try again.";

async function send(input: string, init?: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(input, init);
  } catch (error) {
    if (init?.signal?.aborted) throw error;
    throw new ApiRequestError(UNREACHABLE, 0);
  }
  if (!response.ok) throw await apiError(response);
  return response;
}

/** Fetches and throws the API's own `{error}` message on failure, so the UI can show it as is. */
async function fetchJson<T>(input: string, init?: RequestInit): Promise<{ data: T; response: Response }> {
  const response = await send(input, init);
  // An aborted or cut-off body rejects here rather than passing on as empty data.
  return { data: (await response.json()) as T, response };
}

export type ResultsFilters = {
  offerId: number | null;
  uploadId: number | null;
  intents: Intent[];
  q: string;
  sort: string;
};

/** The query string /results/ and /csv/ share. */
export function resultsSearch(filters: ResultsFilters, page?: { limit: number; offset: number }): string {
  const params = new URLSearchParams();
  if (filters.offerId !== null) params.set("offer_id", String(filters.offerId));
  if (filters.uploadId !== null) params.set("upload_id", String(filters.uploadId));
  if (filters.intents.length > 0) params.set("intent", filters.intents.join(","));
  if (filters.q.trim()) params.set("q", filters.q.trim());
  params.set("sort", filters.sort);
  if (page) {
    params.set("limit", String(page.limit));
    params.set("offset", String(page.offset));
  }
  return params.toString();
}

/** The export of what the results view shows, with a BOM so spreadsheet apps read it as UTF-8. */
export const exportHref = (filters: ResultsFilters) => `/csv/?bom=1&${resultsSearch(filters)}`;

const totalOf = (response: Response, fallback: number) => Number(response.headers.get("x-total-count") ?? fallback);

/** A count of results: exact, or the database's estimate past 10,000 matches (X-Total-Count-Estimated). */
export type ResultsTotal = { total: number; estimated: boolean };

const resultsTotalOf = (response: Response, fallback: number): ResultsTotal => ({
  total: totalOf(response, fallback),
  estimated: response.headers.get("x-total-count-estimated") === "true",
});

export async function getApiKeys(signal?: AbortSignal): Promise<ApiKeySummary[]> {
  return (await fetchJson<ApiKeySummary[]>("/api-keys/", { signal })).data;
}

/** A new key; its secret is in this answer only. */
export async function createApiKey(body: { name: string; expires_in_days: number | null }): Promise<ApiKeySummary & { key: string }> {
  const { data } = await fetchJson<ApiKeySummary & { key: string }>("/api-keys/", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return data;
}

export async function revokeApiKey(id: number): Promise<void> {
  await send(`/api-keys/${id}/`, { method: "DELETE" });
}

export async function getWebhooks(signal?: AbortSignal): Promise<WebhookSummary[]> {
  return (await fetchJson<WebhookSummary[]>("/webhooks/", { signal })).data;
}

const sendJson = async <T>(method: string, path: string, body?: unknown): Promise<T> =>
  (
    await fetchJson<T>(path, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  ).data;

/** A new endpoint; its signing secret is in this answer only. */
export const createWebhook = (body: WebhookInput) => sendJson<WebhookSummary & { secret: string }>("POST", "/webhooks/", body);

export const updateWebhook = ({ id, patch }: { id: number; patch: WebhookPatch }) => sendJson<WebhookSummary>("PATCH", `/webhooks/${id}/`, patch);

export async function deleteWebhook(id: number): Promise<void> {
  await send(`/webhooks/${id}/`, { method: "DELETE" });
}

export const rotateWebhookSecret = (id: number) => sendJson<WebhookSummary & { secret: string }>("POST", `/webhooks/${id}/rotate-secret/`);

export const sendWebhookTest = (id: number) => sendJson<WebhookDeliverySummary>("POST", `/webhooks/${id}/test/`);

export async function getWebhookDeliveries(id: number, signal?: AbortSignal): Promise<{ rows: WebhookDeliverySummary[]; total: number }> {
  const { data, response } = await fetchJson<WebhookDeliverySummary[]>(`/webhooks/${id}/deliveries/?limit=20`, { signal });
  return { rows: data, total: totalOf(response, data.length) };
}

export async function getOffers(signal?: AbortSignal): Promise<OfferSummary[]> {
  return (await fetchJson<OfferSummary[]>("/product/offer/", { signal })).data;
}

export async function createOffer(values: OfferFormValues): Promise<OfferSummary> {
  const { data } = await fetchJson<OfferSummary>("/product/offer/", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(values),
  });
  return data;
}

/** PATCH /product/offer/{id}/: the offer's scores become stale (a run scores them again). */
export const updateOffer = ({ id, values }: { id: number; values: OfferFormValues }) => sendJson<OfferSummary>("PATCH", `/product/offer/${id}/`, values);

/** Deletes an offer with every score against it; its leads stay. */
export async function deleteOffer(id: number): Promise<void> {
  await send(`/product/offer/${id}/`, { method: "DELETE" });
}

/** Erases a lead with its scores against every offer. */
export async function deleteLead(id: number): Promise<void> {
  await send(`/leads/${id}/`, { method: "DELETE" });
}

export async function getResultsPage(
  filters: ResultsFilters,
  page: { limit: number; offset: number },
  signal?: AbortSignal,
): Promise<{ rows: LeadResult[] } & ResultsTotal> {
  const { data, response } = await fetchJson<LeadResult[]>(`/results/?${resultsSearch(filters, page)}`, { signal });
  return { rows: data, ...resultsTotalOf(response, data.length) };
}

/** How many results match, read from X-Total-Count of a one-row page. */
export async function countResults(filters: ResultsFilters, signal?: AbortSignal): Promise<ResultsTotal> {
  const { data, response } = await fetchJson<LeadResult[]>(`/results/?${resultsSearch(filters, { limit: 1, offset: 0 })}`, { signal });
  return resultsTotalOf(response, data.length);
}

export async function uploadLeads({ file, onDuplicate }: { file: File; onDuplicate: OnDuplicate }): Promise<UploadResult> {
  const form = new FormData();
  form.append("on_duplicate", onDuplicate);
  form.append("csv_file", file);
  return (await fetchJson<UploadResult>("/leads/upload/", { method: "POST", body: form })).data;
}

export async function deleteUpload(id: number): Promise<void> {
  await send(`/uploads/${id}/`, { method: "DELETE" });
}

export type RunsPage = { runs: RunView[]; next_cursor: string | null };

/** A page of runs, newest first; `before` is the previous page's next_cursor. */
export async function getRuns(page: { limit: number; before: string | null }, signal?: AbortSignal): Promise<RunsPage> {
  const params = new URLSearchParams({ limit: String(page.limit) });
  if (page.before !== null) params.set("before", page.before);
  return (await fetchJson<RunsPage>(`/runs/?${params}`, { signal })).data;
}

/**
 * POST /runs/ for an offer: a scoring run of its unscored and stale leads, queued (202) and carried
 * out by the server whether or not this page stays open.
 */
export const startRun = (body: { offer_id: number; rescore: boolean }) => sendJson<RunView>("POST", "/runs/", body);

export const cancelRun = (id: number) => sendJson<RunView>("POST", `/runs/${id}/cancel/`);

/** Server-Sent Events of a run: `progress` with each change, then `end`, each with the run. */
export const runEventsUrl = (id: number) => `/runs/${id}/events/`;
