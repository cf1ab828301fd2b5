/**
 * Run in its own process by test/integration/pglite-lock.test.ts: opens the embedded database named
 * by DATABASE_URL, says on stdout whether it could (with its process id and the offers it found),
 * adds an offer when asked to, and then holds the database until it is signalled or killed.
 * With --wait it loads everything first and tries only when a line arrives on stdin, so that the
 * moment it tries does not depend on how long a process takes to start.
 */
import { once } from "node:events";
import { createInterface } from "node:readline";
import { checkDatabase, getDb } from "@/db";
import { createOffer, listOffers } from "@/db/queries/offers";
import { organization } from "@/db/schema";
import { workspaceScope } from "@/db/scope";

if (process.argv.includes("--wait")) {
  await Promise.all([import("@electric-sql/pglite"), import("proper-lockfile"), import("drizzle-orm/pglite/migrator")]);
  console.log(JSON.stringify({ state: "waiting", pid: process.pid }));
  await once(createInterface({ input: process.stdin }), "line");
}
try {
  await checkDatabase();
} catch {
  // The reason is on stderr (logged by the database module).
  console.log(JSON.stringify({ state: "refused", pid: process.pid }));
  process.exit(3);
}
// Every process of a test works in one workspace, so each sees what the others wrote.
const db = await getDb();
await db.insert(organization).values({ id: "lock-test", name: "Lock test", slug: "lock-test" }).onConflictDoNothing();
const scope = workspaceScope("lock-test");
if (process.argv.includes("--write")) {
  await createOffer(scope, { name: `Written by ${process.pid}`, value_props: ["v"], ideal_use_cases: ["u"], rules: null });
}
const offers = (await listOffers(scope)).map((offer) => offer.name);
console.log(JSON.stringify({ state: "open", pid: process.pid, offers }));
setInterval(() => undefined, 60_000);
