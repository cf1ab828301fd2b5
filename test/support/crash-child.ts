/**
 * Run in its own process by test/integration/durability.test.ts, as a server instance would: queues
 * a run (its worker starts on it in this process), says the run's id on stdout, waits until two
 * batches are saved, then dies with SIGKILL while the next batches are still with Gemini.
 */
import { api, leadsCsv, SAMPLE_OFFER } from "./api";

await api.postJson("/product/offer/", SAMPLE_OFFER);
await api.upload(leadsCsv(Array.from({ length: 20 }, (_, i) => [`Lead ${i}`, "CEO", "Co", "SaaS", "Oslo", ""])));
const run: { id: number } = await (await api.postJson("/runs/", {})).json();
console.log(JSON.stringify({ run_id: run.id }));
for (;;) {
  await new Promise((resolve) => setTimeout(resolve, 20));
  const { done }: { done: number } = await (await api.get(`/runs/${run.id}/`)).json();
  if (done >= 10) process.kill(process.pid, "SIGKILL");
}
