/**
 * Results at a million leads (#9), PostgreSQL: 1,000,000 leads seeded with COPY (not through the
 * API) and scored against one offer in SQL; p95 of GET /results/?limit=100 for every sort both
 * ways, a cursor page deep in the list, an intent filter and a q search; GET /csv/ of every lead
 * (rows/s, the server's peak RSS growth, /healthz p99 meanwhile).
 */
import { once } from "node:events";
import postgres from "postgres";
import { SORT_FIELDS } from "@/lib/validations/results";
import { mb, percentile, pingHealth, rate, seconds, startServer } from "./support";

const LEADS = 1_000_000;
const RUNS = 10;

async function seed(sql: postgres.Sql, workspaceId: string, offerId: number): Promise<number> {
  const started = performance.now();
  const [upload] = await sql`insert into uploads (workspace_id, filename, rows_accepted, rows_skipped) values (${workspaceId}, 'bench-million.csv', ${LEADS}, 0) returning id`;
  const copy = await sql`copy leads (workspace_id, upload_id, name, role, company, industry, location, linkedin_bio, identity) from stdin with (format csv)`.writable();
  const roles = ["CEO", "VP of Sales", "Marketing Manager", "Analyst", "Intern"];
  for (let i = 0; i < LEADS; i += 10_000) {
    let chunk = "";
    for (let j = i; j < i + 10_000; j++) {
      chunk += `${workspaceId},${upload!.id},Lead ${j},${roles[j % 5]},Company ${j % 50_000},SaaS,Berlin,"Scaling outbound sales, pipeline automation",name:lead ${j}|company ${j % 50_000}\n`;
    }
    if (!copy.write(chunk)) await once(copy, "drain");
  }
  copy.end();
  await once(copy, "finish");
  await sql`insert into scores (workspace_id, lead_id, offer_id, rule_score, ai_intent, ai_score, ai_provider, ai_model, reasoning, score, intent, breakdown)
    select workspace_id, id, ${offerId}, s % 51, i::intent, s - s % 51, 'offline', 'bench', 'seeded', s, i::intent, '{}'::jsonb
    from (select workspace_id, id, abs(hashtext(id::text)) % 101 as s from leads where workspace_id = ${workspaceId}) l,
      lateral (select case when l.s >= 70 then 'High' when l.s >= 40 then 'Medium' else 'Low' end as i) c`;
  // As autovacuum leaves a table that has held its rows a while: hint bits and the visibility map
  // set, statistics fresh. Without it the first reads of each page after a bulk load write to it.
  await sql`vacuum analyze leads`;
  await sql`vacuum analyze scores`;
  return performance.now() - started;
}

/** p95 of RUNS calls, and whether X-Total-Count was an estimate. */
async function p95(url: string, path: string): Promise<{ ms: number; estimated: boolean }> {
  const times: number[] = [];
  let estimated = false;
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const response = await fetch(`${url}${path}`);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    times.push(performance.now() - started);
    estimated = response.headers.get("x-total-count-estimated") === "true";
  }
  return { ms: percentile(times, 0.95), estimated };
}

export async function benchResults(postgresUrl: string): Promise<void> {
  const server = await startServer({ DATABASE_URL: postgresUrl });
  const sql = postgres(postgresUrl, { max: 1, onnotice: () => {} });
  try {
    const offer = (await (await fetch(`${server.url}/product/offer/`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Bench", value_props: ["outbound"], ideal_use_cases: ["SaaS sales teams"] }),
    })).json()) as { id: number };
    const seedMs = await seed(sql, server.workspaceId, offer.id);
    console.log(`\nResults at ${LEADS.toLocaleString("en")} leads on PostgreSQL (seeded with COPY + scores in ${seconds(seedMs)}); p95 of ${RUNS} calls, limit=100, target ≤ 100 ms`);
    const line = (label: string, { ms, estimated }: { ms: number; estimated: boolean }) =>
      console.log(`  ${label.padEnd(44)} ${ms.toFixed(0).padStart(5)} ms ${ms <= 100 ? "     " : "MISSED"}${estimated ? " (total estimated)" : ""}`);
    const page = async (label: string, query: string) => line(label, await p95(server.url, `/results/?limit=100&${query}`));
    // A running server has the route's modules loaded; this one loads them on its first call, which is not a figure of the query's.
    await fetch(`${server.url}/results/?limit=1`).then((response) => response.arrayBuffer());
    for (const field of SORT_FIELDS) {
      for (const sort of [field, `-${field}`]) await page(`sort=${sort}`, `sort=${sort}`);
    }
    // Cursors deep in the list: the walk a client makes page by page, without counting again.
    for (const sort of ["-name", "score", "-intent"]) {
      const deep = await fetch(`${server.url}/results/?limit=100&sort=${sort}&offset=500000`);
      await page(`sort=${sort}, cursor at 500,000`, `sort=${sort}&cursor=${deep.headers.get("x-next-cursor")}`);
    }
    await page("sort=-name&offset=500000 (for comparison)", "sort=-name&offset=500000");
    for (const query of ["intent=High&sort=-score", "intent=Low&sort=-score", "intent=Low&sort=score", "intent=Medium&sort=-rule_score", "intent=High,Medium&sort=-score", "intent=Low&sort=name"]) {
      await page(query, query);
    }
    for (const query of ["q=Company 4242", "q=Company 4242&sort=-score", "q=Lead 99999&sort=-name", "q=vp of sales&sort=-score"]) {
      await page(query, query.replace(/^q=([^&]*)/, (_, text: string) => `q=${encodeURIComponent(text)}`));
    }

    const before = await server.rss();
    const stopPing = pingHealth(server.url);
    const started = performance.now();
    const response = await fetch(`${server.url}/csv/`);
    let bytes = 0;
    let lines = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      for (const byte of chunk) if (byte === 10) lines++;
    }
    const exportMs = performance.now() - started;
    const health = await stopPing();
    const after = await server.rss();
    const rows = lines - 1;
    console.log(`\nExporting ${rows.toLocaleString("en")} rows as CSV (${mb(bytes)}): ${seconds(exportMs)}, ${rate(rows, exportMs)} (target ≥ 100,000 rows/s: ${rows / (exportMs / 1000) >= 100_000 ? "met" : "MISSED"})`);
    console.log(`  server peak RSS growth    ${mb(after.peak - before.rss)}; /healthz p99 ${health.p99.toFixed(0)} ms (max ${health.max.toFixed(0)} ms; target ≤ 250 ms); longest event-loop stall ${after.stallMs.toFixed(0)} ms`);
    await sql`delete from uploads where workspace_id = ${server.workspaceId}`;
  } finally {
    await sql.end();
    await server.close();
  }
}
