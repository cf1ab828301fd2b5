/**
 * Run in its own process by test/integration/durability.test.ts: starts scoring, waits until two
 * batches are saved, then dies with SIGKILL while the next batches are still with Gemini.
 */
import { api, leadsCsv, SAMPLE_OFFER } from "./api";

await api.postJson("/product/offer/", SAMPLE_OFFER);
await api.upload(leadsCsv(Array.from({ length: 20 }, (_, i) => [`Lead ${i}`, "CEO", "Co", "SaaS", "Oslo", ""])));
void api.postJson("/score/");
for (;;) {
  await new Promise((resolve) => setTimeout(resolve, 20));
  const rows: { score: number | null }[] = await (await api.get("/results/")).json();
  if (rows.filter((row) => row.score !== null).length >= 10) process.kill(process.pid, "SIGKILL");
}
