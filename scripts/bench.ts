/**
 * npm run bench — speed and memory figures, printed rather than asserted in tests.
 *
 * 1. Scoring: 1,000 leads through POST /score/ against a fake Gemini that takes 300 ms per call
 *    and answers 429 above 8 requests in flight, compared with the original design of one call
 *    per lead, one at a time (1,000 × 300 ms), and with the provider's own limit (1,000 leads /
 *    (batch × 8 in flight) × 300 ms). Targets: at most 1/60 of the original, 1.25× the limit.
 * 2. Import: a 100,000-row (~25 MB) CSV through POST /leads/upload/.
 *
 * Runs on embedded PGlite in memory; set BENCH_DATABASE_URL to a PostgreSQL URL to measure that instead.
 */
import { startFakeGemini } from "@/test/support/fake-gemini";

const LEADS = 1_000;
const LATENCY_MS = 300;
const ORIGINAL_MS = LEADS * LATENCY_MS;

const fake = await startFakeGemini({ latencyMs: LATENCY_MS, maxConcurrent: 8 });
Object.assign(process.env, {
  DATABASE_URL: process.env.BENCH_DATABASE_URL ?? "memory:",
  GEMINI_API_KEY: "bench",
  GEMINI_BASE_URL: fake.url,
  // The figures, not a line per request.
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
});

const { api, leadsCsv, SAMPLE_OFFER } = await import("@/test/support/api");
const { closeDb, databaseEngine } = await import("@/db");
const { env } = await import("@/lib/env");
const { getAnalyzer } = await import("@/lib/ai");

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

await api.postJson("/product/offer/", SAMPLE_OFFER);
const roles = ["CEO", "VP of Sales", "Marketing Manager", "Analyst", "Intern"];
await api.upload(
  leadsCsv(Array.from({ length: LEADS }, (_, i) => [`Lead ${i}`, roles[i % roles.length]!, `Company ${i}`, "SaaS", "Berlin", "Scaling outbound sales"])),
);

let started = performance.now();
const scored = (await (await api.postJson("/score/")).json()) as { ai_provider: string }[];
const scoringMs = performance.now() - started;
const fallbacks = scored.filter((lead) => lead.ai_provider !== "gemini").length;

const limit = getAnalyzer().stats?.();
console.log(`\nScoring ${LEADS} leads (${await databaseEngine()}, batch ${env.GEMINI_BATCH_SIZE}, adaptive concurrency up to ${env.GEMINI_MAX_CONCURRENCY})`);
console.log(`  wall time                 ${seconds(scoringMs)}`);
console.log(`  Gemini calls              ${fake.requests.length} (${fake.stats.rejectedForConcurrency} answered 429, max ${fake.stats.maxInFlight} in flight)`);
console.log(`  concurrency reached       ${limit?.highest} (now ${limit?.limit}; the fake accepts 8)`);
const providerLimitMs = (LEADS / (env.GEMINI_BATCH_SIZE * 8)) * LATENCY_MS;
console.log(`  provider limit            ${seconds(providerLimitMs)} (${LEADS} / (${env.GEMINI_BATCH_SIZE} × 8) × ${LATENCY_MS} ms); ratio ${(scoringMs / providerLimitMs).toFixed(2)}× (target ≤ 1.25×: ${scoringMs <= providerLimitMs * 1.25 ? "met" : "MISSED"})`);
console.log(`  leads scored by Gemini    ${scored.length - fallbacks} of ${scored.length}`);
console.log(`  original design           ${seconds(ORIGINAL_MS)} (${LEADS} sequential calls × ${LATENCY_MS} ms)`);
const ratio = scoringMs / ORIGINAL_MS;
console.log(`  ratio                     1/${(1 / ratio).toFixed(1)} of the original  (target ≤ 1/60: ${ratio <= 1 / 60 ? "met" : "MISSED"})`);

const ROWS = 100_000;
const bio = "Revenue leader scaling outbound sales teams across EMEA, focused on pipeline automation and SaaS growth; ".repeat(2);
const csv = `name,role,company,industry,location,linkedin_bio\n${Array.from({ length: ROWS }, (_, i) => `Lead ${i},VP of Sales,Company ${i},SaaS,"Berlin, DE","${bio}"`).join("\n")}\n`;
started = performance.now();
const upload = await api.upload(csv);
const importMs = performance.now() - started;
console.log(`\nImporting ${ROWS.toLocaleString("en")} rows (${mb(csv.length)})`);
console.log(`  status ${upload.status}, wall time ${seconds(importMs)}, ${Math.round(ROWS / (importMs / 1000)).toLocaleString("en")} rows/s`);

started = performance.now();
const exported = await (await api.get("/csv/")).text();
console.log(`\nExporting ${(exported.split("\r\n").length - 2).toLocaleString("en")} rows as CSV: ${seconds(performance.now() - started)}`);

clearInterval(sampler);
console.log(`\nPeak RSS of this process: ${mb(peakRss)}\n`);
await closeDb();
await fake.close();
process.exit(ratio < 1 / 20 ? 0 : 1);
