/**
 * npm run bench — speed and memory figures, printed rather than asserted in tests.
 *
 * 1. Scoring: 1,000 leads through POST /score/ against a fake Gemini that takes 300 ms per call
 *    and answers 429 above 8 requests in flight, compared with the original design of one call
 *    per lead, one at a time (1,000 × 300 ms), and with the provider's own limit (1,000 leads /
 *    (batch × 8 in flight) × 300 ms). Targets: at most 1/60 of the original, 1.25× the limit.
 *    The fake runs in a process of its own, as Gemini is a service of its own: the embedded
 *    database, which holds this process while it writes, cannot delay the provider's answers.
 * 2. Imports (scripts/bench/imports.ts) and, on PostgreSQL, results at a million leads
 *    (scripts/bench/results.ts), each against a server in a process of its own.
 *
 * Runs on embedded PGlite in memory; set BENCH_DATABASE_URL to a PostgreSQL URL to measure that
 * instead (the import figures then come for both engines).
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { mb, seconds } from "./bench/support";

const LEADS = 1_000;
const LATENCY_MS = 300;
const ORIGINAL_MS = LEADS * LATENCY_MS;

/** Scoring against the fake Gemini; answers the ratio to the original design. */
async function benchScoring(): Promise<number> {
  const provider = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/fake-gemini.ts", "--port", "0", "--stats-port", "0", "--latency", String(LATENCY_MS), "--max-concurrent", "8"],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const [line] = (await once(createInterface({ input: provider.stdout! }), "line")) as [string];
  const [, fakeUrl, statsUrl] = /listening on (\S+) \(stats at (\S+)\)/.exec(line)!;
  Object.assign(process.env, {
    DATABASE_URL: process.env.BENCH_DATABASE_URL ?? "memory:",
    GEMINI_API_KEY: "bench",
    GEMINI_BASE_URL: fakeUrl,
    // The figures, not a line per request.
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  });

  const { api, leadsCsv, SAMPLE_OFFER } = await import("@/test/support/api");
  const { closeDb, databaseEngine } = await import("@/db");
  const { env } = await import("@/lib/env");
  const { getAnalyzer } = await import("@/lib/ai");

  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

  await api.postJson("/product/offer/", SAMPLE_OFFER);
  const roles = ["CEO", "VP of Sales", "Marketing Manager", "Analyst", "Intern"];
  await api.upload(
    leadsCsv(Array.from({ length: LEADS }, (_, i) => [`Lead ${i}`, roles[i % roles.length]!, `Company ${i}`, "SaaS", "Berlin", "Scaling outbound sales"])),
  );

  // A running server has its route modules loaded; this process loads them on first use. Warm up
  // with calls that change nothing (a 400, and the runs list), so the timing is the scoring's.
  await api.postJson("/score/", { offer_id: "warm-up" });
  await api.get("/runs/");

  let started = performance.now();
  const scored = (await (await api.postJson("/score/")).json()) as { ai_provider: string }[];
  const scoringMs = performance.now() - started;
  const fallbacks = scored.filter((lead) => lead.ai_provider !== "gemini").length;

  const limit = getAnalyzer().stats?.();
  console.log(`\nScoring ${LEADS} leads (${await databaseEngine()}, batch ${env.GEMINI_BATCH_SIZE}, adaptive concurrency up to ${env.GEMINI_MAX_CONCURRENCY})`);
  console.log(`  wall time                 ${seconds(scoringMs)}`);
  const fake = (await (await fetch(statsUrl!)).json()) as { requests: number; rejectedForConcurrency: number; maxInFlight: number };
  console.log(`  Gemini calls              ${fake.requests} (${fake.rejectedForConcurrency} answered 429, max ${fake.maxInFlight} in flight)`);
  console.log(`  concurrency reached       ${limit?.highest} (now ${limit?.limit}; the fake accepts 8)`);
  const providerLimitMs = (LEADS / (env.GEMINI_BATCH_SIZE * 8)) * LATENCY_MS;
  console.log(`  provider limit            ${seconds(providerLimitMs)} (${LEADS} / (${env.GEMINI_BATCH_SIZE} × 8) × ${LATENCY_MS} ms); ratio ${(scoringMs / providerLimitMs).toFixed(2)}× (target ≤ 1.25×: ${scoringMs <= providerLimitMs * 1.25 ? "met" : "MISSED"})`);
  console.log(`  leads scored by Gemini    ${scored.length - fallbacks} of ${scored.length}`);
  console.log(`  original design           ${seconds(ORIGINAL_MS)} (${LEADS} sequential calls × ${LATENCY_MS} ms)`);
  const ratio = scoringMs / ORIGINAL_MS;
  console.log(`  ratio                     1/${(1 / ratio).toFixed(1)} of the original  (target ≤ 1/60: ${ratio <= 1 / 60 ? "met" : "MISSED"})`);

  clearInterval(sampler);
  console.log(`\nPeak RSS of this process: ${mb(peakRss)}\n`);
  await closeDb();
  provider.kill();
  return ratio;
}

/**
 * `npm run bench -- imports results` runs only the parts named (scoring, imports, results); every
 * part by default, except `large` (a 490 MB import, minutes long), which runs only when named.
 */
const parts = new Set(process.argv.slice(2));
const runs = (part: string) => parts.size === 0 || parts.has(part);

const ratio = runs("scoring") ? await benchScoring() : 0;
if (runs("imports")) {
  const { benchImports } = await import("./bench/imports");
  await benchImports(process.env.BENCH_DATABASE_URL);
}
if (parts.has("large") && process.env.BENCH_DATABASE_URL) {
  const { benchLargeImport } = await import("./bench/imports");
  await benchLargeImport(process.env.BENCH_DATABASE_URL);
}
if (runs("results") && process.env.BENCH_DATABASE_URL) {
  const { benchResults } = await import("./bench/results");
  await benchResults(process.env.BENCH_DATABASE_URL);
}
process.exit(ratio < 1 / 20 ? 0 : 1);
