import type { ApiKey } from "@/db/queries/api-keys";
import type { Offer } from "@/db/queries/offers";
import type { ResultRow } from "@/db/queries/results";
import type { UploadRecord } from "@/db/queries/upload-history";
import type { ImportResult } from "@/lib/services/uploads";
import type { Intent } from "@/lib/scoring/types";
import type { OfferFormValues } from "@/lib/validations/offer";
import type { OnDuplicate } from "@/lib/validations/uploads";

/** What a value looks like after JSON: dates arrive as ISO strings. */
type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

export type OfferSummary = Json<Offer>;
export type ApiKeySummary = Json<ApiKey>;
export type LeadResult = Json<ResultRow>;
export type UploadSummary = Json<UploadRecord>;

export type UploadResult = ImportResult;

/** Cache keys of the browser's server state (TanStack Query); pages seed "offers" when they render. */
export const queryKeys = {
  offers: ["offers"],
  results: ["results"],
  apiKeys: ["api-keys"],
  workspace: ["workspace"],
} as const;

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

export async function getResultsPage(
  filters: ResultsFilters,
  page: { limit: number; offset: number },
  signal?: AbortSignal,
): Promise<{ rows: LeadResult[]; total: number }> {
  const { data, response } = await fetchJson<LeadResult[]>(`/results/?${resultsSearch(filters, page)}`, { signal });
  return { rows: data, total: totalOf(response, data.length) };
}

/** How many results match, read from X-Total-Count of a one-row page. */
export async function countResults(filters: ResultsFilters, signal?: AbortSignal): Promise<number> {
  const { data, response } = await fetchJson<LeadResult[]>(`/results/?${resultsSearch(filters, { limit: 1, offset: 0 })}`, { signal });
  return totalOf(response, data.length);
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

export type ScoreProgress = { done: number; total: number };
export type ScoreOutcome = { scored: number; total: number };

type ScoreEvent =
  | { type: "start"; total: number }
  | ({ type: "progress" } & ScoreProgress)
  | ({ type: "done" } & ScoreOutcome)
  | { type: "error"; error: string };

/** Reads an NDJSON stream line by line. */
async function* readLines<T>(response: Response): AsyncGenerator<T> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines) if (line.trim()) yield JSON.parse(line) as T;
  }
}

/** POST /score/ with progress lines: reports each finished batch, resolves with the final count. */
export async function scoreLeads(
  body: { offer_id: number; rescore: boolean },
  onProgress: (progress: ScoreProgress) => void,
): Promise<ScoreOutcome> {
  const response = await send("/score/", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/x-ndjson" },
    body: JSON.stringify(body),
  });
  try {
    for await (const event of readLines<ScoreEvent>(response)) {
      if (event.type === "start") onProgress({ done: 0, total: event.total });
      if (event.type === "progress") onProgress({ done: event.done, total: event.total });
      if (event.type === "error") throw new ApiRequestError(event.error, 500);
      if (event.type === "done") return { scored: event.scored, total: event.total };
    }
  } catch (error) {
    if (error instanceof ApiRequestError) throw error;
  }
  throw new ApiRequestError("Scoring stopped: the connection to the server was lost. Scores saved so far are kept; run it again to finish.", 0);
}
