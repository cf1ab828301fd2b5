/**
 * Runs the fake Gemini server on its own, for the browser tests and local demos:
 *   tsx scripts/fake-gemini.ts --port 3211 [--latency 300] [--max-concurrent 8] [--batch-pending-polls 3]
 * (a Batch API job answers "pending"/"running" to that many polls before it succeeds; default 0)
 * then start the app with GEMINI_API_KEY=anything GEMINI_BASE_URL=http://127.0.0.1:3211.
 * --stats-port N also serves GET / there with what it has seen: {"requests", "rejectedForConcurrency",
 * "maxInFlight"} (the bench reads it). Port 0 picks a free one; the first line printed names the URLs.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { startFakeGemini } from "@/test/support/fake-gemini";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "3211" },
    latency: { type: "string", default: "50" },
    "max-concurrent": { type: "string" },
    "batch-pending-polls": { type: "string", default: "0" },
    "stats-port": { type: "string" },
  },
});

const fake = await startFakeGemini({
  port: Number(values.port),
  latencyMs: Number(values.latency),
  maxConcurrent: values["max-concurrent"] ? Number(values["max-concurrent"]) : undefined,
  batchPlan: { pendingPolls: Number(values["batch-pending-polls"]) },
});
let stats = "";
if (values["stats-port"] !== undefined) {
  const server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ requests: fake.requests.length, ...fake.stats }));
  });
  await new Promise<void>((resolve) => server.listen(Number(values["stats-port"]), "127.0.0.1", resolve));
  stats = ` (stats at http://127.0.0.1:${(server.address() as AddressInfo).port})`;
}
console.log(`Fake Gemini listening on ${fake.url}${stats}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void fake.close().then(() => process.exit(0)));
}
