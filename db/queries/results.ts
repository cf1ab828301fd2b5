import { and, count, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import type { ResultsQuery, SortField } from "@/lib/validations/results";
import { getDb } from "../index";
import { leads, scores } from "../schema";
import type { WorkspaceScope } from "../scope";
import { leadColumns, leadIdIn } from "./lead-columns";

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
};

/** One element of GET /results/: the lead, and its score against the offer shown (nulls until scored). */
export type ResultRow = {
  [K in keyof typeof resultColumns]: (typeof resultColumns)[K]["_"]["data"] | (K extends keyof typeof leadColumns | "created_at" | "upload_id" ? never : null);
};

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

function orderBy(filter: ResultsFilter): SQL[] {
  const direction = filter.sort.descending ? sql`desc` : sql`asc`;
  return [sql`${SORT_EXPRESSIONS[filter.sort.field]} ${direction} nulls last`, sql`${leads.id} ${direction}`];
}

export async function findResultsPage(
  scope: WorkspaceScope,
  filter: ResultsFilter, page: { limit?: number; offset: number }): Promise<ResultRow[]> {
  const db = await getDb();
  const query = db
    .select(resultColumns)
    .from(leads)
    .leftJoin(scores, scoreJoin(filter.offerId))
    .where(whereClause(scope, filter))
    .orderBy(...orderBy(filter))
    .offset(page.offset);
  return page.limit === undefined ? query : query.limit(page.limit);
}

/** Just the ids of the filtered results, in order: a cheap snapshot an export can then walk. */
export async function findResultIds(
  scope: WorkspaceScope,
  filter: ResultsFilter, page: { limit?: number; offset: number }): Promise<number[]> {
  const db = await getDb();
  const query = db
    .select({ id: leads.id })
    .from(leads)
    .leftJoin(scores, scoreJoin(filter.offerId))
    .where(whereClause(scope, filter))
    .orderBy(...orderBy(filter))
    .offset(page.offset);
  const rows = await (page.limit === undefined ? query : query.limit(page.limit));
  return rows.map((row) => row.id);
}

/** The rows for some lead ids, in the order of the ids given. */
export async function findResultsByIds(scope: WorkspaceScope, offerId: number | null, ids: readonly number[]): Promise<ResultRow[]> {
  if (ids.length === 0) return [];
  const db = await getDb();
  const rows = await db
    .select(resultColumns)
    .from(leads)
    .leftJoin(scores, scoreJoin(offerId))
    .where(and(eq(leads.workspaceId, scope.workspaceId), leadIdIn(ids)));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function countResults(scope: WorkspaceScope, filter: ResultsFilter): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(leads)
    .leftJoin(scores, scoreJoin(filter.offerId))
    .where(whereClause(scope, filter));
  return row?.n ?? 0;
}
