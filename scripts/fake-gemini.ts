/**
 * Runs the fake Gemini server on its own, for the browser tests and local demos:
 *   tsx scripts/fake-gemini.ts --port 3211 [--latency 300] [--max-concurrent 8]
 * then start the app with GEMINI_API_KEY=anything GEMINI_BASE_URL=http://127.0.0.1:3211.
 */
import { parseArgs } from "node:util";
import { startFakeGemini } from "@/test/support/fake-gemini";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "3211" },
    latency: { type: "string", default: "50" },
    "max-concurrent": { type: "string" },
  },
});

const fake = await startFakeGemini({
  port: Number(values.port),
  latencyMs: Number(values.latency),
  maxConcurrent: values["max-concurrent"] ? Number(values["max-concurrent"]) : undefined,
});
console.log(`Fake Gemini listening on ${fake.url}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void fake.close().then(() => process.exit(0)));
}
