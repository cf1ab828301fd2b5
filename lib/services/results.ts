import {
  countResults,
  findLatestScoredOfferId,
  findResultIds,
  findResultsByIds,
  findResultsPage,
  type ResultRow,
  type ResultsFilter,
} from "@/db/queries/results";
import { uploadExists } from "@/db/queries/uploads";
import type { WorkspaceScope } from "@/db/scope";
import { csvHeader, csvLines, UTF8_BOM } from "@/lib/csv/export";
import { uploadNotFound } from "@/lib/errors";
import type { CsvQuery, ResultsQuery } from "@/lib/validations/results";
import { getOffer } from "./offers";

const EXPORT_PAGE = 2_000;

/** An unknown offer_id or upload_id is a 404 naming it, not an empty list. */
async function resolveFilter(scope: WorkspaceScope, { offer_id, ...rest }: ResultsQuery): Promise<ResultsFilter> {
  if (offer_id !== undefined) await getOffer(scope, offer_id);
  if (rest.upload_id !== undefined && !(await uploadExists(scope, rest.upload_id))) throw uploadNotFound(rest.upload_id);
  return { ...rest, offerId: offer_id ?? (await findLatestScoredOfferId(scope)) };
}

export async function getResults(scope: WorkspaceScope, query: ResultsQuery): Promise<{ rows: ResultRow[]; total: number }> {
  const filter = await resolveFilter(scope, query);
  const [rows, total] = await Promise.all([
    findResultsPage(scope, filter, { limit: query.limit, offset: query.offset }),
    countResults(scope, filter),
  ]);
  return { rows, total };
}

/**
 * The filtered results as CSV. The order is fixed up front as a list of ids (one cheap query),
 * then rows are read a page at a time as the client consumes the stream, so a 100,000-lead export
 * neither sits in memory as one string nor re-sorts the table for every page.
 */
export async function exportResultsCsv(
  scope: WorkspaceScope,
  { bom, columns, ...query }: CsvQuery,
): Promise<ReadableStream<Uint8Array>> {
  const filter = await resolveFilter(scope, query);
  const ids = await findResultIds(scope, filter, { limit: query.limit, offset: query.offset });
  const encoder = new TextEncoder();
  let next = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`${bom ? UTF8_BOM : ""}${csvHeader(columns)}`));
    },
    async pull(controller) {
      const page = ids.slice(next, next + EXPORT_PAGE);
      next += page.length;
      if (page.length > 0) controller.enqueue(encoder.encode(csvLines(await findResultsByIds(scope, filter.offerId, page), columns)));
      if (next >= ids.length) controller.close();
    },
  });
}
