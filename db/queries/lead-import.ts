import { once } from "node:events";
import { finished } from "node:stream/promises";
import type { Writable } from "node:stream";
import type { LeadData } from "@/lib/scoring/types";
import type { OnDuplicate } from "@/lib/validations/uploads";
import { getRawClient } from "../index";
import type { WorkspaceScope } from "../scope";
import { EXACT_COUNT_LIMIT } from "./results";

/** A lead read from a file, with its identity (lib/csv/lead-identity.ts). */
export type LeadToStore = LeadData & { linkedin_url: string | null; identity: string };

export type StoredUpload = { uploadId: number; created: number; updated: number; duplicatesSkipped: number };

export type UploadMeta = {
  filename: string;
  skippedCount: number;
  onDuplicate: OnDuplicate;
  uploadedBy: { userId: string } | { apiKeyId: number };
};

/**
 * An import in progress. Leads are staged, as they are read, in a temporary table of the
 * import's own session (nothing of the workspace's data is touched and no transaction is held
 * while the file arrives); `commit` merges them into `leads` with the duplicate rules in one
 * transaction, `discard` drops them. Either way the staging table is gone afterwards.
 */
export type LeadImport = {
  /** Stages the next leads of the file, in file order. */
  write(leads: readonly LeadToStore[]): Promise<void>;
  commit(meta: UploadMeta): Promise<StoredUpload>;
  discard(): Promise<void>;
};

type Run = (query: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

let importCount = 0;

const STAGING_COLUMNS = "ord, name, role, company, industry, location, linkedin_bio, linkedin_url, identity";
const STAGING_TABLE = (table: string) =>
  `create temp table ${table} (ord integer not null, name text not null, role text not null, company text not null, industry text not null, location text not null, linkedin_bio text not null, linkedin_url text, identity text not null)`;

const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;

/** Staged rows as CSV for COPY: every text quoted, a missing LinkedIn URL an unquoted (NULL) cell. */
function stagingCsv(leads: readonly LeadToStore[], firstOrd: number): string {
  let text = "";
  leads.forEach((lead, index) => {
    text += `${firstOrd + index},${quote(lead.name)},${quote(lead.role)},${quote(lead.company)},${quote(lead.industry)},${quote(lead.location)},${quote(lead.linkedin_bio)},${lead.linkedin_url === null ? "" : quote(lead.linkedin_url)},${quote(lead.identity)}\n`;
  });
  return text;
}

const LEAD_COLUMNS = "workspace_id, upload_id, name, role, company, industry, location, linkedin_bio, linkedin_url, identity, kept_duplicate";
const leadValues = (from: string, kept: boolean) =>
  `select $1, $2, ${from}.name, ${from}.role, ${from}.company, ${from}.industry, ${from}.location, ${from}.linkedin_bio, ${from}.linkedin_url, ${from}.identity, ${kept} from`;
/** A lead's identity is taken when a lead that is not a kept copy has it (the partial unique index). */
const ON_IDENTITY = "on conflict (workspace_id, identity) where not kept_duplicate";

/**
 * The merge, as statements per rule. The staging table is read in its physical order, which is
 * the file's (it is only ever appended to, by one session), so that ids follow the file and, of rows
 * repeated within the file, the first is the one kept; sorting a file's worth of rows again would
 * cost more than the rest of the import.
 * `skip` (the default, and the common large import) first deletes from the staging table the
 * repeats within the file and the rows whose lead is stored, then inserts what is left with a plain
 * INSERT: a quarter faster than INSERT … ON CONFLICT, whose speculative insertion costs on every
 * row. The import lock (see merge) keeps another import from storing one of those identities in
 * between. The other rules lean on ON CONFLICT: within one INSERT … ON CONFLICT a later row
 * conflicts with one the same statement inserted, so repeats need no separate pass: `update` lets
 * the last row refresh the lead (in the first row's place); `keep` stores every row, the repeats as
 * kept copies.
 */
function mergeStatements(table: string, onDuplicate: OnDuplicate, workspaceId: string, uploadId: number): [string, unknown[]][] {
  const values = [workspaceId, uploadId];
  switch (onDuplicate) {
    case "skip":
      return [
        [
          `delete from ${table} t using (select identity, min(ord) as first_ord from ${table} group by identity having count(*) > 1) r
            where t.identity = r.identity and t.ord > r.first_ord`,
          [],
        ],
        [`delete from ${table} t where exists (select 1 from leads l where l.workspace_id = $1 and l.identity = t.identity and not l.kept_duplicate)`, [workspaceId]],
        [
          `with stored as (insert into leads (${LEAD_COLUMNS}) ${leadValues("t", false)} ${table} t returning 1)
            select (select count(*) from stored)::int as created, 0 as copies`,
          values,
        ],
      ];
    case "update":
      return [
        [
          `with keyed as (select identity, min(ord) as first_ord, max(ord) as last_ord from ${table} group by identity),
        stored as (insert into leads (${LEAD_COLUMNS}) ${leadValues("t", false)} keyed k join ${table} t on t.ord = k.last_ord order by k.first_ord
          ${ON_IDENTITY} do update set name = excluded.name, role = excluded.role, company = excluded.company, industry = excluded.industry,
            location = excluded.location, linkedin_bio = excluded.linkedin_bio, linkedin_url = excluded.linkedin_url
          -- xmax is 0 for a row this statement inserted, and set for one it updated.
          returning id, (xmax = 0) as inserted),
        stale as (update scores set stale = true where workspace_id = $1 and lead_id in (select id from stored where not inserted) returning 1),
        -- A run scoring one of these leads now read it before this: what it saves is stale too.
        changed as (update scoring_claims set lead_changed = true where workspace_id = $1 and lead_id in (select id from stored where not inserted) returning 1)
        select (select count(*) from stored where inserted)::int as created, 0 as copies`,
          values,
        ],
      ];
    case "keep":
      return [
        [
          `with stored as (insert into leads (${LEAD_COLUMNS}) ${leadValues("t", false)} ${table} t ${ON_IDENTITY} do nothing returning identity),
        firsts as (select identity, min(ord) as ord from ${table} group by identity),
        copies as (insert into leads (${LEAD_COLUMNS}) ${leadValues("t", true)} ${table} t
          where not exists (select 1 from stored s join firsts f on f.identity = s.identity where f.ord = t.ord) returning 1)
        select ((select count(*) from stored) + (select count(*) from copies))::int as created, (select count(*) from copies)::int as copies`,
          values,
        ],
      ];
  }
}

async function merge(run: Run, scope: WorkspaceScope, table: string, staged: number, meta: UploadMeta): Promise<StoredUpload> {
  const [upload] = await run(
    `insert into uploads (workspace_id, filename, rows_accepted, rows_skipped, uploaded_by_user_id, uploaded_by_api_key_id)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [
      scope.workspaceId,
      meta.filename,
      staged,
      meta.skippedCount,
      "userId" in meta.uploadedBy ? meta.uploadedBy.userId : null,
      "apiKeyId" in meta.uploadedBy ? meta.uploadedBy.apiKeyId : null,
    ],
  );
  const uploadId = Number(upload!.id);
  // One merge at a time per workspace, to the transaction's end: what a merge found stored (or not)
  // stays so until it has inserted.
  await run("select pg_advisory_xact_lock(hashtext('lead_import'), hashtext($1))", [scope.workspaceId]);
  let counts: Record<string, unknown> | undefined;
  // The last statement answers the counts.
  for (const [statement, params] of mergeStatements(table, meta.onDuplicate, scope.workspaceId, uploadId)) [counts] = await run(statement, params);
  const created = Number(counts!.created);
  // A row that did not become a lead of its own matched one: with update it refreshed it (a
  // stored lead, or the first row of its identity in this file); with keep it is stored as a copy.
  const duplicates = meta.onDuplicate === "keep" ? Number(counts!.copies) : staged - created;
  await run("update uploads set rows_duplicate = $1 where id = $2", [duplicates, uploadId]);
  return {
    uploadId,
    created,
    updated: meta.onDuplicate === "update" ? duplicates : 0,
    duplicatesSkipped: meta.onDuplicate === "skip" ? duplicates : 0,
  };
}

/**
 * After an import of many leads, the table's statistics are brought up to date at once rather
 * than when autovacuum next looks (which, on a large table, may be never for one workspace's
 * import): X-Total-Count beyond EXACT_COUNT_LIMIT is the planner's estimate, and its plans rest on
 * the same figures. ANALYZE reads a fixed-size sample, so it costs the same at any size; it reads
 * only the columns the results' filters estimate by (a workspace, an upload, the search's name,
 * role and company), which halves it: the bios are the bulk of a sample, and no query filters on
 * them. The other columns' statistics stay as autovacuum last left them.
 */
const refreshStatistics = async (run: Run, stored: StoredUpload) => {
  if (stored.created >= EXACT_COUNT_LIMIT) await run("analyze leads (workspace_id, upload_id, name, role, company)");
};

async function postgresImport(client: import("postgres").Sql, scope: WorkspaceScope): Promise<LeadImport> {
  // A session of its own: the staging table is temporary, so it lives on one connection.
  const session = await client.reserve();
  const table = `lead_import_${++importCount}`;
  let copy: Writable | undefined;
  let staged = 0;
  const cleanUp = async () => {
    await session.unsafe(`drop table if exists pg_temp.${table}`).catch(() => {});
    session.release();
  };
  try {
    await session.unsafe(STAGING_TABLE(table));
    copy = await session.unsafe(`copy ${table} (${STAGING_COLUMNS}) from stdin with (format csv)`).writable();
  } catch (error) {
    await cleanUp();
    throw error;
  }
  const stream = copy;
  // A COPY that fails rejects the write waiting on it; keep an early error from going unhandled.
  let copyError: unknown;
  stream.on("error", (error) => (copyError ??= error));
  return {
    async write(leads) {
      if (copyError) throw copyError;
      const more = stream.write(stagingCsv(leads, staged));
      staged += leads.length;
      if (!more) await once(stream, "drain");
    },
    async commit(meta) {
      try {
        stream.end();
        await finished(stream);
        const run: Run = (query, params = []) => session.unsafe(query, params as never[]) as Promise<Record<string, unknown>[]>;
        await session.unsafe("begin");
        try {
          const stored = await merge(run, scope, table, staged, meta);
          await session.unsafe("commit");
          await refreshStatistics(run, stored);
          return stored;
        } catch (error) {
          await session.unsafe("rollback").catch(() => {});
          throw error;
        }
      } finally {
        await cleanUp();
      }
    },
    async discard() {
      // Ends the COPY with CopyFail: the server throws the staged rows away.
      stream.destroy(new Error("import discarded"));
      await finished(stream).catch(() => {});
      await cleanUp();
    },
  };
}

async function pgliteImport(client: import("@electric-sql/pglite").PGlite, scope: WorkspaceScope): Promise<LeadImport> {
  // PGlite is one session: each import stages in a table of its own name, chunk by chunk, so that
  // other requests' queries run between the chunks instead of waiting for the whole file.
  const table = `lead_import_${++importCount}`;
  let staged = 0;
  await client.exec(STAGING_TABLE(table));
  const cleanUp = () => client.exec(`drop table if exists pg_temp.${table}`).then(() => {}, () => {});
  return {
    async write(leads) {
      const blob = new Blob([stagingCsv(leads, staged)]);
      staged += leads.length;
      await client.query(`copy ${table} (${STAGING_COLUMNS}) from '/dev/blob' with (format csv)`, [], { blob });
    },
    async commit(meta) {
      try {
        const stored = await client.transaction((tx) =>
          merge(async (query, params) => (await tx.query<Record<string, unknown>>(query, params)).rows, scope, table, staged, meta),
        );
        await refreshStatistics(async (query) => (await client.query<Record<string, unknown>>(query)).rows, stored);
        return stored;
      } finally {
        await cleanUp();
      }
    },
    discard: cleanUp,
  };
}

/** Opens an import for a workspace (see LeadImport). */
export async function beginLeadImport(scope: WorkspaceScope): Promise<LeadImport> {
  const raw = await getRawClient();
  return raw.engine === "postgres" ? postgresImport(raw.client, scope) : pgliteImport(raw.client, scope);
}
