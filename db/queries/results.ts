import { and, Column, count, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { isConnectionLost } from "@/lib/errors";
import type { ResultsQuery, SortField } from "@/lib/validations/results";
import { getDb, getRawClient, rowsOf } from "../index";
import { leads, scores } from "../schema";
import type { WorkspaceScope } from "../scope";
import { leadColumns } from "./lead-columns";

const resultColumns = {
  ...leadColumns,
  linkedin_url: leads.linkedinUrl,
  intent: scores.intent,
  score: scores.score,
  reasoning: scores.reasoning,
  created_at: leads.createdAt,
  rule_score: scores.ruleScore,
  ai_score: scores.aiScore,
  ai_provider: scores.aiProvider,
  ai_model: scores.aiModel,
  offer_id: scores.offerId,
  scored_at: scores.scoredAt,
  upload_id: leads.uploadId,
  breakdown: scores.breakdown,
  /** The lead or offer changed since this score: the next scoring run redoes it. */
  stale: scores.stale,
  /** The AI judgement came from the judgement cache (the lead and the offer's pitch had not changed). */
  ai_cached: scores.aiCached,
  /** The scoring run that wrote the score. */
  run_id: scores.runId,
};

/** One element of GET /results/: the lead, and its score against the offer shown (nulls until scored). */
export type ResultRow = {
  [K in keyof typeof resultColumns]: (typeof resultColumns)[K]["_"]["data"] | (K extends keyof typeof leadColumns | "created_at" | "upload_id" ? never : null);
};

/** Every field of a result row, in the API's order. */
export const RESULT_FIELDS = Object.keys(resultColumns) as (keyof ResultRow)[];

const SORT_EXPRESSIONS: Record<SortField, SQL> = {
  score: sql`${scores.score}`,
  name: sql`lower(${leads.name})`,
  role: sql`lower(${leads.role})`,
  company: sql`lower(${leads.company})`,
  industry: sql`lower(${leads.industry})`,
  location: sql`lower(${leads.location})`,
  intent: sql`case ${scores.intent} when 'High' then 3 when 'Medium' then 2 when 'Low' then 1 end`,
  rule_score: sql`${scores.ruleScore}`,
  ai_score: sql`${scores.aiScore}`,
  created_at: sql`${leads.createdAt}`,
  id: sql`${leads.id}`,
};

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, "\\$&")}%`;

export type ResultsFilter = Omit<ResultsQuery, "offer_id"> & { offerId: number | null };

function scoreJoin(offerId: number | null) {
  return offerId === null ? sql`false` : and(eq(scores.leadId, leads.id), eq(scores.offerId, offerId))!;
}

function whereClause(scope: WorkspaceScope, filter: ResultsFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [eq(leads.workspaceId, scope.workspaceId)];
  if (filter.upload_id !== undefined) conditions.push(eq(leads.uploadId, filter.upload_id));
  if (filter.intent) conditions.push(inArray(scores.intent, filter.intent));
  if (filter.q) {
    const pattern = likePattern(filter.q);
    conditions.push(or(ilike(leads.name, pattern), ilike(leads.company, pattern), ilike(leads.role, pattern)));
  }
  return and(...conditions);
}

/** The offer whose scores were written most recently, which is what results show by default. */
export async function findLatestScoredOfferId(scope: WorkspaceScope): Promise<number | null> {
  const db = await getDb();
  const [row] = await db
    .select({ offerId: scores.offerId })
    .from(scores)
    .where(eq(scores.workspaceId, scope.workspaceId))
    .orderBy(desc(scores.scoredAt), desc(scores.id))
    .limit(1);
  return row?.offerId ?? null;
}


/** Where a page ends: the last row's sort value (as text, so timestamps keep their microseconds) and id. */
export type Keyset = { value: string | null; id: number };

/** Sort fields that come from the score, null for an unscored lead; the others are never null. */
const NULLABLE_SORTS = new Set<SortField>(["score", "intent", "rule_score", "ai_score"]);
const SORT_TYPES: Partial<Record<SortField, SQL>> = { created_at: sql`timestamptz`, name: sql`text`, role: sql`text`, company: sql`text`, industry: sql`text`, location: sql`text` };

const INT4_MAX = 2_147_483_647;
const INTEGER_TEXT = /^-?\d{1,10}$/;
/** timestamptz as text: `2026-11-26 21:04:05.123456+00` (the offset is the session's time zone). */
const TIMESTAMP_TEXT = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;

function isTimestampText(value: string): boolean {
  const match = TIMESTAMP_TEXT.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
}

/**
 * Whether a keyset (from a client's cursor) is one the sort's query can take: its value casts to
 * the sort's type and its id is an integer id. A cursor is the client's to send back, and may
 * have been edited; a value the cast refuses would otherwise fail the query.
 */
export function isKeysetFor(field: SortField, after: Keyset): boolean {
  if (!Number.isSafeInteger(after.id) || Math.abs(after.id) > INT4_MAX) return false;
  if (after.value === null) return true;
  const type = SORT_TYPES[field];
  if (type === undefined) return INTEGER_TEXT.test(after.value) && Math.abs(Number(after.value)) <= INT4_MAX;
  return field === "created_at" ? isTimestampText(after.value) : true;
}

const direction = (filter: ResultsFilter) => (filter.sort.descending ? sql`desc` : sql`asc`);

/** The sort's order: its expression, then `id` (the lead's id, as the query at hand names it), both one way. */
const sortOrder = (filter: ResultsFilter, id: SQL | typeof leads.id = leads.id) => [
  sql`${SORT_EXPRESSIONS[filter.sort.field]} ${direction(filter)}`,
  sql`${id} ${direction(filter)}`,
];
const beyond = (filter: ResultsFilter) => (filter.sort.descending ? sql`<` : sql`>`);

/**
 * The rows after (expression, id) = `after` in the sort order: a row comparison, which the
 * (…, expression, id) index answers directly.
 */
function afterKeyset(filter: ResultsFilter, id: SQL | typeof leads.id, after: Keyset): SQL {
  const value = sql`cast(${after.value} as ${SORT_TYPES[filter.sort.field] ?? sql`integer`})`;
  return sql`(${SORT_EXPRESSIONS[filter.sort.field]}, ${id}) ${beyond(filter)} (${value}, ${after.id})`;
}

export type ResultsPage = { rows: ResultRow[]; next: Keyset | null };
type PageRequest = { limit: number; offset: number; after?: Keyset };

const selectRows = (db: Awaited<ReturnType<typeof getDb>>, filter: ResultsFilter) =>
  db.select({ ...resultColumns, sort_key: sql<string | null>`(${SORT_EXPRESSIONS[filter.sort.field]})::text` });

type SelectedRow = ResultRow & { sort_key: string | null };

function toPage(found: SelectedRow[], limit: number): ResultsPage {
  const last = found.at(-1);
  return {
    rows: found.map(({ sort_key: _key, ...row }) => row),
    next: last && found.length === limit ? { value: last.sort_key, id: last.id } : null,
  };
}

/** A lead column's sort: one walk of its (workspace, expression, id) index, each lead's score looked up on the way. */
async function leadSortPage(scope: WorkspaceScope, filter: ResultsFilter, page: PageRequest): Promise<ResultsPage> {
  const db = await getDb();
  const found = await selectRows(db, filter)
    .from(leads)
    .leftJoin(scores, scoreJoin(filter.offerId))
    .where(and(whereClause(scope, filter), page.after && afterKeyset(filter, leads.id, page.after)))
    // Ordered plainly (these columns are never null), so that a descending page walks the index backwards.
    .orderBy(...sortOrder(filter))
    .offset(page.offset)
    .limit(page.limit);
  return toPage(found, page.limit);
}

/**
 * A score field's sort, unscored leads last both ways. One query over `leads left join scores`
 * would join every lead before it could sort; instead the scored leads come first, walked in order
 * through the offer's (offer, field, lead) index on scores, then the unscored leads by id.
 */
async function scoreSortPage(scope: WorkspaceScope, filter: ResultsFilter, page: PageRequest): Promise<ResultsPage> {
  const db = await getDb();
  const { offerId } = filter;
  const inUnscored = offerId === null || page.after?.value === null;
  const scoredWhere = () =>
    and(eq(scores.offerId, offerId!), eq(scores.workspaceId, scope.workspaceId), whereClause(scope, filter));
  let found: SelectedRow[] = [];
  if (!inUnscored) {
    found = await selectRows(db, filter)
      .from(scores)
      .innerJoin(leads, eq(leads.id, scores.leadId))
      .where(and(scoredWhere(), page.after && afterKeyset(filter, sql`${scores.leadId}`, page.after)))
      .orderBy(...sortOrder(filter, sql`${scores.leadId}`))
      .offset(page.offset)
      .limit(page.limit);
  }
  // An intent filter matches scored leads only.
  if (found.length === page.limit || filter.intent) return toPage(found, page.limit);
  let offset = 0;
  if (inUnscored) offset = page.offset;
  else if (found.length === 0 && page.offset > 0) {
    // The offset reaches past every scored lead: the unscored ones start where they end.
    const [scored] = await db.select({ n: count() }).from(scores).innerJoin(leads, eq(leads.id, scores.leadId)).where(scoredWhere());
    offset = page.offset - (scored?.n ?? 0);
  }
  const unscored = await selectRows(db, filter)
    .from(leads)
    .leftJoin(scores, scoreJoin(offerId))
    .where(and(whereClause(scope, filter), isNull(scores.id), page.after?.value === null ? sql`${leads.id} ${beyond(filter)} ${page.after.id}` : undefined))
    .orderBy(sql`${leads.id} ${direction(filter)}`)
    .offset(offset)
    .limit(page.limit - found.length);
  return toPage([...found, ...unscored], page.limit);
}

/** One page of results, by offset or after a keyset (`after`), and where the next page starts (null after the last). */
export function findResultsPage(scope: WorkspaceScope, filter: ResultsFilter, page: PageRequest): Promise<ResultsPage> {
  return NULLABLE_SORTS.has(filter.sort.field) ? scoreSortPage(scope, filter, page) : leadSortPage(scope, filter, page);
}

/** Rows PostgreSQL sends per fetch when a whole result set is streamed in one query. */
const CURSOR_BATCH = 2_000;

/** A cursor holds one of the pool's connections while its client reads: a few at a time, then pages. */
const MAX_OPEN_CURSORS = 2;
let openCursors = 0;

/** Turns a row read as an array back into the selection's shape: each column decoded as drizzle would. */
function rowDecoder<T>(selection: Record<string, unknown>): (values: unknown[]) => T {
  const fields = Object.entries(selection).map(([key, field]) => {
    const decode = field instanceof Column ? (value: unknown) => field.mapFromDriverValue(value) : (value: unknown) => value;
    return [key, decode] as const;
  });
  return (values) => {
    const row: Record<string, unknown> = {};
    for (let index = 0; index < fields.length; index++) {
      const [key, decode] = fields[index]!;
      const value = values[index];
      row[key] = value === null ? null : decode(value);
    }
    return row as T;
  };
}

/**
 * The `keys` of every matching row from `offset`, up to `limit`, in the sort order (unscored leads last), on
 * PostgreSQL in one query whose rows come a batch at a time through a cursor: where a walk of pages
 * finds its place again for each page, this reads the lot in one pass (an export of a million leads
 * is a join and a sort, not 500 index walks), decoded column by column rather than field by field.
 * Undefined on PGlite (one connection, no cursor to hold open): the caller walks pages there.
 */
export async function streamResultsInOneQuery<Key extends keyof ResultRow>(
  scope: WorkspaceScope,
  filter: ResultsFilter,
  page: { offset: number; limit?: number },
  keys: readonly Key[],
): Promise<AsyncGenerator<Pick<ResultRow, Key>[]> | undefined> {
  const raw = await getRawClient();
  if (raw.engine !== "postgres") return undefined;
  const db = await getDb();
  // No await between this check and the count going up in streamInOneQuery.
  if (openCursors >= MAX_OPEN_CURSORS) return undefined;
  return streamInOneQuery(raw.client, db, scope, filter, page, keys);
}

function streamInOneQuery<Key extends keyof ResultRow>(
  client: import("postgres").Sql,
  db: Awaited<ReturnType<typeof getDb>>,
  scope: WorkspaceScope,
  filter: ResultsFilter,
  page: { offset: number; limit?: number },
  keys: readonly Key[],
): AsyncGenerator<Pick<ResultRow, Key>[]> {
  const field = filter.sort.field;
  const order = NULLABLE_SORTS.has(field) ? [sql`${scores.id} is null`] : [];
  // Only what the caller writes out: an export has no use for the bio or the breakdown's JSON.
  const selection = Object.fromEntries(keys.map((key) => [key, resultColumns[key]]));
  const query = db
    .select(selection)
    .from(leads)
    .leftJoin(scores, scoreJoin(filter.offerId))
    .where(whereClause(scope, filter))
    .orderBy(...order, ...sortOrder(filter))
    .offset(page.offset);
  const { sql: text, params } = (page.limit === undefined ? query : query.limit(page.limit)).toSQL();
  const decode = rowDecoder<Pick<ResultRow, Key>>(selection);
  // Counted once nothing here can throw; the caller iterates at once (pagesStream reads the first
  // page), and the count goes down when the iteration ends.
  openCursors++;
  return (async function* () {
    try {
      for await (const batch of fetchThroughCursor(client, text, params)) yield batch.map(decode);
    } finally {
      openCursors--;
    }
  })();
}

/**
 * The rows of one query, a batch at a time, through a declared cursor on a connection of its own.
 * PostgreSQL plans a cursor for its first rows (cursor_tuple_fraction): where an index gives the
 * order (every lead-column sort, the default created_at among them) it walks it, and rows flow
 * from the start instead of after a sort of every row. The next batch is asked for while the
 * caller works on this one.
 */
async function* fetchThroughCursor(client: import("postgres").Sql, text: string, params: unknown[]): AsyncGenerator<unknown[][]> {
  const connection = await client.reserve();
  let ended = false;
  // Once the connection failed, postgres.js has taken it out of its pool itself: a rollback on it
  // would never settle, and it may not be given back.
  const connectionState = { lost: false };
  const watch = <T>(query: Promise<T>) => {
    query.catch((error: unknown) => {
      if (isConnectionLost(error)) connectionState.lost = true;
    });
    return query;
  };
  try {
    await watch(connection`begin read only`);
    await watch(connection.unsafe(`declare results_export no scroll cursor for ${text}`, params as never[]));
    const fetch = () => {
      const next = watch(connection.unsafe(`fetch ${CURSOR_BATCH} from results_export`).values());
      // Awaited in turn; until then a failure must not count as unhandled (say the client left).
      next.catch(() => {});
      return next;
    };
    let pending = fetch();
    for (;;) {
      const batch = (await pending) as unknown as unknown[][];
      if (batch.length === 0) break;
      pending = fetch();
      yield batch;
    }
    await watch(connection`commit`);
    ended = true;
  } finally {
    // Left early (the client went away) or failed: the transaction, and with it the cursor, ends here.
    if (!connectionState.lost) {
      if (!ended) await connection`rollback`.catch(() => {});
      connection.release();
    }
  }
}

/** Results are counted exactly up to this many; beyond it, X-Total-Count is the planner's estimate. */
export const EXACT_COUNT_LIMIT = 10_000;

/**
 * Past this estimate the exact count is not even tried: the planner is sure there are far more than
 * EXACT_COUNT_LIMIT matches, and counting up to the limit would read 10,001 of them (a broad search
 * at a million leads, say every "vp of sales", spends most of its time there).
 */
const CERTAINLY_ABOVE_LIMIT = 10 * EXACT_COUNT_LIMIT;

export type ResultsCount = { total: number; estimated: boolean };

/**
 * How many leads match: exact up to EXACT_COUNT_LIMIT (a count that stops there costs a few
 * milliseconds whatever the size), else PostgreSQL's own estimate of the rows the query returns
 * (EXPLAIN: table statistics, no scan), which is what keeps a first page at a million leads from
 * counting them all.
 */
export async function countResults(scope: WorkspaceScope, filter: ResultsFilter): Promise<ResultsCount> {
  const db = await getDb();
  // A builder is changed by .limit(), so each use gets its own.
  const matching = () => db.select({ one: sql`1` }).from(leads).leftJoin(scores, scoreJoin(filter.offerId)).where(whereClause(scope, filter));
  const [explained] = rowsOf<{ "QUERY PLAN": unknown }>(await db.execute(sql`explain (format json) ${matching().getSQL()}`));
  const plan = explained?.["QUERY PLAN"];
  const [root] = (typeof plan === "string" ? JSON.parse(plan) : plan) as [{ Plan: { "Plan Rows": number } }];
  const estimate = Math.max(EXACT_COUNT_LIMIT + 1, Math.round(root.Plan["Plan Rows"]));
  if (estimate > CERTAINLY_ABOVE_LIMIT) return { total: estimate, estimated: true };
  const [capped] = await db.select({ n: count() }).from(matching().limit(EXACT_COUNT_LIMIT + 1).as("capped"));
  const exact = capped?.n ?? 0;
  return exact <= EXACT_COUNT_LIMIT ? { total: exact, estimated: false } : { total: estimate, estimated: true };
}
