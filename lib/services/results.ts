import { findOffer } from "@/db/queries/offers";
import {
  countResults,
  findLatestScoredOfferId,
  findResultsPage,
  type ResultRow,
  type ResultsFilter,
} from "@/db/queries/results";
import { csvHeader, csvLines } from "@/lib/csv/export";
import { notFound } from "@/lib/errors";
import type { ResultsQuery } from "@/lib/validations/results";

const EXPORT_PAGE = 2_000;

async function resolveFilter({ offer_id, ...rest }: ResultsQuery): Promise<ResultsFilter> {
  if (offer_id !== undefined && !(await findOffer(offer_id))) {
    throw notFound(`Offer ${offer_id} was not found.`, { code: "offer_not_found" });
  }
  return { ...rest, offerId: offer_id ?? (await findLatestScoredOfferId()) };
}

export async function getResults(query: ResultsQuery): Promise<{ rows: ResultRow[]; total: number }> {
  const filter = await resolveFilter(query);
  const [rows, total] = await Promise.all([
    findResultsPage(filter, { limit: query.limit, offset: query.offset }),
    countResults(filter),
  ]);
  return { rows, total };
}

/** The filtered results as CSV, read from the database a page at a time as the client consumes it. */
export async function exportResultsCsv(query: ResultsQuery): Promise<ReadableStream<Uint8Array>> {
  const filter = await resolveFilter(query);
  const encoder = new TextEncoder();
  const end = query.limit === undefined ? Number.POSITIVE_INFINITY : query.offset + query.limit;
  let offset = query.offset;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvHeader()));
        return;
      }
      const limit = Math.min(EXPORT_PAGE, end - offset);
      const rows = limit > 0 ? await findResultsPage(filter, { limit, offset }) : [];
      if (rows.length > 0) controller.enqueue(encoder.encode(csvLines(rows)));
      offset += rows.length;
      if (rows.length < limit || offset >= end) controller.close();
    },
  });
}
