import type { Offer } from "@/db/queries/offers";
import type { ResultRow } from "@/db/queries/results";
import type { Intent } from "@/lib/scoring/types";

/** What a value looks like after JSON: dates arrive as ISO strings. */
type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

export type OfferSummary = Json<Offer>;
export type LeadResult = Json<ResultRow>;

export type UploadResult = {
  message: string;
  uploaded: number;
  upload_id: number;
  skipped: { row: number; reason: string }[];
};

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
export async function apiError(response: Response): Promise<ApiRequestError> {
  const body = await response.json().catch(() => null);
  const message = body && typeof body.error === "string" ? body.error : `The server answered ${response.status}.`;
  return new ApiRequestError(message, response.status, body?.details);
}

/** Fetches and throws the API's own `{error}` message on failure, so the UI can show it as is. */
export async function fetchJson<T>(input: string, init?: RequestInit): Promise<{ data: T; response: Response }> {
  let response: Response;
  try {
    response = await fetch(input, init);
  } catch {
    throw new ApiRequestError("Could not reach the IntentScore server. Check your connection and try again.", 0);
  }
  if (!response.ok) throw await apiError(response);
  // An aborted or cut-off body rejects here rather than passing on as empty data.
  return { data: (await response.json()) as T, response };
}

export type ResultsFilters = {
  offerId: number | null;
  intents: Intent[];
  q: string;
  sort: string;
};

/** The query string /results/ and /csv/ share. */
export function resultsQuery(filters: ResultsFilters, page?: { limit: number; offset: number }): string {
  const params = new URLSearchParams();
  if (filters.offerId !== null) params.set("offer_id", String(filters.offerId));
  if (filters.intents.length > 0) params.set("intent", filters.intents.join(","));
  if (filters.q.trim()) params.set("q", filters.q.trim());
  params.set("sort", filters.sort);
  if (page) {
    params.set("limit", String(page.limit));
    params.set("offset", String(page.offset));
  }
  return params.toString();
}
