import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
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

type Connection = { db: Database; engine: Engine; close: () => Promise<void> };

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/**
 * PGlite is single-process: a second process opening the same directory (say `npm run db:migrate`
 * while `npm run dev` runs) would corrupt it. A lock file beside the directory, naming the owning
 * process, refuses that; a lock left by a process that died is taken over.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = `${path.resolve(dataDir)}.lock`;
  for (;;) {
    try {
      await writeFile(lockPath, String(process.pid), { flag: "wx" });
      return () => rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(await readFile(lockPath, "utf8").catch(() => ""));
      if (owner > 0 && owner !== process.pid && isRunning(owner)) {
        throw new Error(
          `The embedded database in ${dataDir} is open in another process (pid ${owner}). Stop that process first: two processes on one PGlite directory would corrupt it.`,
        );
      }
      await rm(lockPath, { force: true });
    }
  }
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
  const close = async () => {
    await client.close();
    await unlock();
  };
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
  return { db: db as unknown as Database, engine: "pglite", close };
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
  return { db: db as unknown as Database, engine: "postgres", close: () => client.end({ timeout: 5 }) };
}

function connect(target: DatabaseTarget): Promise<Connection> {
  return target.engine === "pglite" ? connectPglite(target.dataDir) : connectPostgres(target.url);
}

// Kept on globalThis so that dev-server reloads and separately bundled routes share one
// connection per database: two PGlite instances on one data directory would corrupt it.
const STATE = Symbol.for("intentscore.databases");
type GlobalWithDb = typeof globalThis & { [STATE]?: Map<string, Promise<Connection>> };
const connections = ((globalThis as GlobalWithDb)[STATE] ??= new Map());

function databaseUnavailable(cause: unknown): AppError {
  console.error("The database is unavailable", cause);
  return new AppError("unavailable", "The database is not reachable or not migrated yet. Try again shortly.", {
    code: "database_unavailable",
  });
}

function connection(): Promise<Connection> {
  const key = env.DATABASE_URL ?? "";
  let pending = connections.get(key);
  if (!pending) {
    pending = connect(resolveDatabaseTarget(env.DATABASE_URL)).catch((error: unknown) => {
      throw databaseUnavailable(error);
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

export async function databaseEngine(): Promise<Engine> {
  return (await connection()).engine;
}

/** Connects and migrates; used at server start and by `npm run db:migrate`. */
export async function migrateDatabase(): Promise<void> {
  await connection();
}

/** Throws an "unavailable" error (503) unless the database is migrated and answers. */
export async function pingDatabase(): Promise<void> {
  try {
    await (await getDb()).execute(sql`select 1`);
  } catch (error) {
    throw databaseUnavailable(error);
  }
}

export async function closeDb(): Promise<void> {
  const open = [...connections.values()];
  connections.clear();
  await Promise.allSettled(open.map(async (pending) => (await pending).close()));
}
