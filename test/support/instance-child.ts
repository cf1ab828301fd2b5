/**
 * Run in its own process by test/integration/run-instances.test.ts: a server instance's background
 * worker and nothing else, on the database and Gemini its environment names, until it is killed.
 */
import { startRunWorker } from "@/lib/services/run-worker";

startRunWorker();
console.log(JSON.stringify({ state: "working", pid: process.pid }));
setInterval(() => {}, 60_000);
