import { mkdir, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { env } from "@/lib/env";
import { databaseUnavailable, describeError } from "@/lib/errors";
import { log } from "@/lib/log";
import * as schema from "./schema";

/** The one database type every query uses, whichever engine is behind it. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Engine = "pglite" | "postgres";

type DatabaseTarget =
  | { engine: "pglite"; dataDir: string | undefined }
  | { engine: "postgres"; url: string };

const DEFAULT_PGLITE_DIR = "./.data/pglite";
const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle");
// Any fixed number works: it only has to be the same for every instance migrating this database.
const MIGRATION_LOCK_ID = 727_361_001;

/** `DATABASE_URL` picks the engine: unset → PGlite on disk, `file:<dir>`, `memory:`, or a PostgreSQL URL. */
function resolveDatabaseTarget(url: string | undefined): DatabaseTarget {
  if (!url) return { engine: "pglite", dataDir: DEFAULT_PGLITE_DIR };
  if (url.startsWith("memory:")) return { engine: "pglite", dataDir: undefined };
  if (url.startsWith("file:")) return { engine: "pglite", dataDir: url.slice("file:".length) || DEFAULT_PGLITE_DIR };
  return { engine: "postgres", url };
}

/** The driver under Drizzle, for what Drizzle does not do: COPY, and a dedicated session. */
export type RawClient =
  | { engine: "pglite"; client: import("@electric-sql/pglite").PGlite }
  | { engine: "postgres"; client: import("postgres").Sql };

type Connection = { db: Database; engine: Engine; raw: RawClient; close: () => Promise<void> };

/**
 * How long the lock beside an embedded database may go without its heartbeat before another
 * process may take it over. The holder refreshes it every PGLITE_LOCK_REFRESH_MS; PGlite blocks
 * the event loop while it works, so this leaves room for a long statement, and is also how long a
 * killed process keeps the directory from the next one.
 */
export const PGLITE_LOCK_STALE_MS = 10_000;
const PGLITE_LOCK_REFRESH_MS = 2_000;

/**
 * PGlite is single-process: a second process opening the same directory (say `npm run db:migrate`
 * while `npm run dev` runs, or two containers sharing a volume) would corrupt it. A lock directory
 * beside it refuses that. It trusts no process id (ids repeat across containers and PID
 * namespaces): the holder keeps its modification time fresh, and only a lock left unrefreshed for
 * PGLITE_LOCK_STALE_MS is taken over.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const { default: lockfile } = await import("proper-lockfile");
  const lockPath = `${path.resolve(dataDir)}.lock`;
  // Earlier versions wrote a plain file holding a process id here, and left it behind on Ctrl+C.
  if ((await stat(lockPath).catch(() => null))?.isFile()) await rm(lockPath, { force: true });
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: lockPath,
      stale: PGLITE_LOCK_STALE_MS,
      update: PGLITE_LOCK_REFRESH_MS,
      onCompromised: () => {
        // Another process has taken the directory (this one stalled past the stale time, or the
        // lock was removed): writing on would corrupt the database, so stop at once.
        log().fatal(`Lost the lock on the embedded database in ${dataDir} to another process; stopping.`);
        process.exit(1);
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ELOCKED") throw error;
    throw new Error(
      `The embedded database in ${dataDir} is open in another process. Stop that process first: two processes on one PGlite directory would corrupt it. (A lock left by a process that was killed is taken over ${PGLITE_LOCK_STALE_MS / 1000} s after it stopped.)`,
    );
  }
}

/** On SIGTERM or SIGINT: close the embedded database cleanly, release its lock, and exit. */
function closeOnSignals(close: () => Promise<void>): () => void {
  const handlers = (["SIGTERM", "SIGINT"] as const).map((signal) => {
    const handler = () => {
      shuttingDown = true;
      void close()
        .catch((error: unknown) => log().error({ error: describeError(error) }, "Closing the embedded database failed"))
        .finally(() => process.exit(128 + os.constants.signals[signal]));
    };
    process.once(signal, handler);
    return () => process.off(signal, handler);
  });
  return () => handlers.forEach((remove) => remove());
}

async function connectPglite(dataDir: string | undefined): Promise<Connection> {
  const [{ PGlite }, { drizzle }, { migrate }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
  ]);
  let unlock = async () => {};
  if (dataDir) {
    await mkdir(dataDir, { recursive: true });
    unlock = await lockDataDir(dataDir);
  }
  const client = new PGlite(dataDir);
  let forgetSignals = () => {};
  const close = async () => {
    forgetSignals();
    try {
      await client.close();
    } finally {
      await unlock();
    }
  };
  if (dataDir) forgetSignals = closeOnSignals(close);
  const db = drizzle(client, { schema });
  try {
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    // Only this process opens an embedded database, so a scoring claim found now belongs to a run
    // that died with the previous process: free those leads at once.
    await db.delete(schema.scoringClaims);
  } catch (error) {
    await close();
    throw error;
  }
  return { db: db as unknown as Database, engine: "pglite", raw: { engine: "pglite", client }, close };
}

async function connectPostgres(url: string): Promise<Connection> {
  const [{ default: postgres }, { drizzle }, { migrate }] = await Promise.all([
    import("postgres"),
    import("drizzle-orm/postgres-js"),
    import("drizzle-orm/postgres-js/migrator"),
  ]);
  // Several instances may boot at once (containers, serverless); the advisory lock lets one
  // migrate while the others wait and then find nothing left to do. One connection (max: 1)
  // so that the lock and the migration share a session.
  const migrator = postgres(url, { max: 1, connect_timeout: 10, onnotice: () => {} });
  try {
    await migrator`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await migrate(drizzle(migrator), { migrationsFolder: MIGRATIONS_FOLDER });
    await migrator`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
  } finally {
    await migrator.end({ timeout: 1 });
  }
  const client = postgres(url, { max: 10, connect_timeout: 10, onnotice: () => {} });
  const db = drizzle(client, { schema });
  return { db: db as unknown as Database, engine: "postgres", raw: { engine: "postgres", client }, close: () => client.end({ timeout: 5 }) };
}

function connect(target: DatabaseTarget): Promise<Connection> {
  return target.engine === "pglite" ? connectPglite(target.dataDir) : connectPostgres(target.url);
}

// Kept on globalThis so that dev-server reloads and separately bundled routes share one
// connection per database: two PGlite instances on one data directory would corrupt it.
const STATE = Symbol.for("intentscore.databases");
type GlobalWithDb = typeof globalThis & { [STATE]?: Map<string, Promise<Connection>> };
const connections = ((globalThis as GlobalWithDb)[STATE] ??= new Map());

/** Set once a signal has begun the shutdown: the database is closed for good, not reopened. */
let shuttingDown = false;

function unavailable(cause: unknown) {
  log().error({ error: describeError(cause) }, "The database is unavailable");
  return databaseUnavailable();
}

function connection(): Promise<Connection> {
  if (shuttingDown) return Promise.reject(databaseUnavailable());
  const key = env.DATABASE_URL ?? "";
  let pending = connections.get(key);
  if (!pending) {
    pending = connect(resolveDatabaseTarget(env.DATABASE_URL)).catch((error: unknown) => {
      throw unavailable(error);
    });
    connections.set(key, pending);
    // A failed start (database down) is retried on the next call instead of being cached.
    pending.catch(() => {
      if (connections.get(key) === pending) connections.delete(key);
    });
  }
  return pending;
}

/** The migrated database client; connects and applies pending migrations on first use. */
export async function getDb(): Promise<Database> {
  return (await connection()).db;
}

export async function getRawClient(): Promise<RawClient> {
  return (await connection()).raw;
}

export async function databaseEngine(): Promise<Engine> {
  return (await connection()).engine;
}

/** Rows of a raw statement (`db.execute`): postgres.js answers an array, PGlite an object with `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Connects and migrates; used at server start and by `npm run db:migrate`. */
export async function migrateDatabase(): Promise<void> {
  await connection();
}

/** The newest migration this version ships: read from disk once, as the files do not change while it runs. */
let shippedMigration: number | undefined;
const latestShippedMigration = () => (shippedMigration ??= readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).at(-1)?.folderMillis ?? 0);

/** Tables whose every column the app reads: selecting them all (no rows) fails on a missing one. */
const CHECKED_TABLES = [schema.offers, schema.uploads, schema.leads, schema.scores, schema.scoringClaims, schema.webhookEndpoints, schema.webhookDeliveries];

/**
 * Throws an "unavailable" error (503) unless the database answers with the schema this version
 * needs (every migration applied, every table readable with every column the app selects) and
 * takes writes. One statement and no file reads, so that /healthz stays quick while imports and
 * exports keep the database busy.
 */
export async function checkDatabase(): Promise<void> {
  try {
    const db = await getDb();
    // The tables are joined in empty: the statement fails on a missing column and returns one row.
    const probes = CHECKED_TABLES.map((table, index) => sql`left join (${db.select().from(table).limit(0).getSQL()}) as ${sql.raw(`t${index}`)} on true`);
    const [state] = rowsOf<{ read_only: string; latest: string | null }>(
      await db.execute(sql`select current_setting('transaction_read_only') as read_only,
        (select max(created_at)::text from drizzle.__drizzle_migrations) as latest
        from (select 1) as one ${sql.join(probes, sql` `)}`),
    );
    if (state?.read_only === "on") throw new Error("The database is read-only");
    if (Number(state?.latest ?? 0) < latestShippedMigration()) throw new Error("Migrations are pending");
  } catch (error) {
    throw unavailable(error);
  }
}

export async function closeDb(): Promise<void> {
  const open = [...connections.values()];
  connections.clear();
  await Promise.allSettled(open.map(async (pending) => (await pending).close()));
}
