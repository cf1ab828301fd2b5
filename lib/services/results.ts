import {
  countResults,
  findLatestScoredOfferId,
  findResultsPage,
  isKeysetFor,
  type Keyset,
  type ResultRow,
  type ResultsCount,
  type ResultsFilter,
  type ResultsPage,
  RESULT_FIELDS,
  streamResultsInOneQuery,
} from "@/db/queries/results";
import { uploadExists } from "@/db/queries/uploads";
import type { WorkspaceScope } from "@/db/scope";
import { csvHeader, csvLines, EXPORT_FIELDS, UTF8_BOM } from "@/lib/csv/export";
import { invalidInput, uploadNotFound } from "@/lib/errors";
import { isStorableText } from "@/lib/validations/common";
import type { CsvQuery, ResultsQuery } from "@/lib/validations/results";
import { getOffer } from "./offers";
import { JSON_ARRAY, pagesStream } from "./page-stream";

/** Rows read per query when a whole result set is streamed. */
const STREAM_PAGE = 2_000;

/** An unknown offer_id or upload_id is a 404 naming it, not an empty list. */
async function resolveFilter(scope: WorkspaceScope, { offer_id, cursor: _cursor, ...rest }: ResultsQuery): Promise<ResultsFilter> {
  if (offer_id !== undefined) await getOffer(scope, offer_id);
  if (rest.upload_id !== undefined && !(await uploadExists(scope, rest.upload_id))) throw uploadNotFound(rest.upload_id);
  return { ...rest, offerId: offer_id ?? (await findLatestScoredOfferId(scope)) };
}

/**
 * A cursor: where a page ended, under which sort, and the total the first page counted or
 * estimated (so that later pages need not count again). Opaque to clients: base64url JSON.
 */
type Cursor = { sort: string; after: Keyset; total: number; estimated?: boolean };

const sortText = (query: ResultsQuery) => `${query.sort.descending ? "-" : ""}${query.sort.field}`;

const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString("base64url");

function decodeCursor(query: ResultsQuery): Cursor | undefined {
  if (query.cursor === undefined) return undefined;
  const invalid = (why: string) => invalidInput(`Invalid cursor: ${why}. Pass the X-Next-Cursor of the previous page as it came.`, { code: "invalid_cursor" });
  if (query.offset > 0) throw invalid("give either cursor or offset, not both");
  let cursor: Cursor;
  try {
    cursor = JSON.parse(Buffer.from(query.cursor, "base64url").toString("utf8")) as Cursor;
  } catch {
    throw invalid("it is not one this API made");
  }
  const { after } = cursor ?? {};
  if (
    typeof cursor?.sort !== "string" ||
    !Number.isSafeInteger(cursor.total) ||
    !(cursor.estimated === undefined || typeof cursor.estimated === "boolean") ||
    typeof after?.id !== "number" ||
    !(after.value === null || (typeof after.value === "string" && after.value.length <= 1_000 && isStorableText(after.value)))
  ) {
    throw invalid("it is not one this API made");
  }
  if (cursor.sort !== sortText(query)) throw invalid(`it belongs to sort=${cursor.sort}`);
  if (!isKeysetFor(query.sort.field, after)) throw invalid("it is not one this API made");
  return cursor;
}

export type ResultsAnswer = { rows: ResultRow[]; total: ResultsCount; nextCursor: string | null };

const cursorTotal = (cursor: Cursor): ResultsCount => ({ total: cursor.total, estimated: cursor.estimated === true });

/**
 * One page of results. The total is counted (or, past EXACT_COUNT_LIMIT, estimated) on a page
 * reached by offset; a page reached by cursor carries the first page's, so walking a million leads
 * never counts them again.
 */
export async function getResults(scope: WorkspaceScope, query: ResultsQuery & { limit: number }): Promise<ResultsAnswer> {
  const cursor = decodeCursor(query);
  const filter = await resolveFilter(scope, query);
  const [page, total] = await Promise.all([
    findResultsPage(scope, filter, { limit: query.limit, offset: query.offset, after: cursor?.after }),
    cursor ? cursorTotal(cursor) : countResults(scope, filter),
  ]);
  return {
    rows: page.rows,
    total,
    nextCursor: page.next ? encodeCursor({ sort: sortText(query), after: page.next, total: total.total, ...(total.estimated ? { estimated: true } : {}) }) : null,
  };
}

/**
 * Every matching row from the query's offset or cursor (up to its limit), a page at a time. The
 * next page is read while the current one is written out, so the database and the formatting of
 * rows overlap instead of taking turns.
 */
async function* walkResults<Key extends keyof ResultRow>(
  scope: WorkspaceScope,
  filter: ResultsFilter,
  query: ResultsQuery,
  keys: readonly Key[],
  after: Keyset | undefined,
): AsyncGenerator<Pick<ResultRow, Key>[]> {
  const inOneQuery = after === undefined ? await streamResultsInOneQuery(scope, filter, { offset: query.offset, limit: query.limit }, keys) : undefined;
  if (inOneQuery) {
    yield* inOneQuery;
    return;
  }
  let remaining = query.limit ?? Infinity;
  const read = (page: { offset: number; after?: Keyset }) => {
    const pending = findResultsPage(scope, filter, { limit: Math.min(STREAM_PAGE, remaining), ...page });
    // Handled when awaited; until then a failure must not count as unhandled (say the client left).
    pending.catch(() => {});
    return pending;
  };
  let pending: Promise<ResultsPage> | undefined = read({ offset: query.offset, after });
  try {
    while (pending) {
      const page: ResultsPage = await pending;
      remaining -= page.rows.length;
      pending = page.next && remaining > 0 ? read({ offset: 0, after: page.next }) : undefined;
      if (page.rows.length > 0) yield page.rows;
    }
  } finally {
    await pending?.catch(() => {});
  }
}

/**
 * Every matching lead as one JSON array (GET /results/ without a limit, the original API's
 * contract), streamed a page at a time instead of built in memory.
 */
export async function streamResults(scope: WorkspaceScope, query: ResultsQuery): Promise<{ total: ResultsCount; body: ReadableStream<Uint8Array> }> {
  const filter = await resolveFilter(scope, query);
  const cursor = decodeCursor(query);
  const total = cursor ? cursorTotal(cursor) : await countResults(scope, filter);
  const body = await pagesStream(walkResults(scope, filter, query, RESULT_FIELDS, cursor?.after), JSON_ARRAY);
  return { total, body };
}

/** The filtered results as CSV, streamed a page at a time as the client consumes it. */
export async function exportResultsCsv(scope: WorkspaceScope, { bom, columns, ...query }: CsvQuery): Promise<ReadableStream<Uint8Array>> {
  const filter = await resolveFilter(scope, query);
  return pagesStream(walkResults(scope, filter, query, EXPORT_FIELDS[columns], decodeCursor(query)?.after), {
    start: `${bom ? UTF8_BOM : ""}${csvHeader(columns)}`,
    page: (rows) => csvLines(rows, columns),
    end: "",
  });
}
