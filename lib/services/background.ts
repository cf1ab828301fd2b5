import { after } from "next/server";
import { env } from "@/lib/env";
import { startRunWorker, wakeRunWorker, workUntil } from "./run-worker";
import { deliverDueWebhooks, pruneDeliveryLog, startWebhookWorker } from "./webhook-delivery";

/**
 * Background work (scoring runs, webhook deliveries) lives in the database; this decides where it
 * is carried out. A server with a long-lived process keeps worker loops; on Vercel each request that
 * queues a run works on it for one slice after answering (`after()`), and the cron route resumes
 * what is left and delivers due webhooks.
 */
export function startBackgroundWork(): void {
  if (env.VERCEL) return;
  startRunWorker();
  // Webhooks waiting in the outbox go out from every instance; its rounds retry a database that is not up yet.
  startWebhookWorker();
}

/** Work was just queued: start on it now. */
export function scheduleBackgroundWork(): void {
  if (!env.VERCEL) {
    wakeRunWorker();
    return;
  }
  // Starts at once (a synchronous POST /score/ waits on it); `after` keeps the function alive for it.
  const slice = workUntil(Date.now() + env.RUN_SLICE_SECONDS * 1000);
  after(slice.then(() => undefined, () => undefined));
}

/**
 * The cron route's call: one slice of whatever runs and webhook deliveries are waiting, and the
 * delivery log's pruning, which no worker loop does there.
 */
export async function resumeBackgroundWork() {
  const deadline = Date.now() + env.RUN_SLICE_SECONDS * 1000;
  const [runs, webhooks] = await Promise.all([workUntil(deadline), deliverDueWebhooks({ deadline }), pruneDeliveryLog()]);
  return { runs, webhooks };
}
