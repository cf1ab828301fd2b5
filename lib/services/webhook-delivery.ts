import pLimit from "p-limit";
import {
  claimWebhookDeliveries,
  pruneWebhookDeliveries,
  recordWebhookFailure,
  recordWebhookSuccess,
  type ClaimedDelivery,
} from "@/db/queries/webhooks";
import { env } from "@/lib/env";
import { describeError } from "@/lib/errors";
import { log } from "@/lib/log";
import { postWebhook, type PostOutcome } from "@/lib/webhooks/http";
import { DISABLE_AFTER_FAILING_MS, retryDelayMs } from "@/lib/webhooks/schedule";
import { openSecret } from "@/lib/webhooks/secret-box";
import { signedHeaders } from "@/lib/webhooks/signing";

/** How long a receiver has to answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** Requests in flight at once per call of deliverDueWebhooks. */
const CONCURRENCY = 8;
/** The finished part of the delivery log is kept this long. */
const KEEP_DAYS = 30;

export type DeliveryRun = { delivered: number; failed: number; claimed: number };

/** Forgets the finished deliveries older than KEEP_DAYS: the worker loop's hourly chore, and on Vercel the cron route's. */
export const pruneDeliveryLog = () => pruneWebhookDeliveries(KEEP_DAYS);

/** One attempt at one claimed delivery, recorded. `inRequest`: the request's log context already names the workspace. */
async function attempt(delivery: ClaimedDelivery, timeoutMs: number, inRequest: boolean): Promise<boolean> {
  const [secret, previous] = await Promise.all([openSecret(delivery.secret), delivery.previous_secret ? openSecret(delivery.previous_secret) : undefined]);
  let outcome: PostOutcome;
  if (!secret) {
    outcome = { status: null, latencyMs: 0, error: "The signing secret cannot be read (BETTER_AUTH_SECRET has changed): rotate the endpoint's secret." };
  } else {
    const body = JSON.stringify(delivery.payload);
    const headers = signedHeaders([secret, ...(previous ? [previous] : [])], delivery.event_id, Math.floor(Date.now() / 1000), body);
    outcome = await postWebhook(delivery.url, body, headers, { timeoutMs, allowPrivate: env.WEBHOOK_ALLOW_PRIVATE });
  }
  const result = { responseCode: outcome.status, latencyMs: secret ? outcome.latencyMs : null, error: outcome.error };
  // Identifiers and outcome only: the payload holds lead data, and the URL may hold a token.
  const line = {
    ...(inRequest ? {} : { workspace_id: delivery.workspace_id }),
    delivery_id: delivery.id,
    endpoint_id: delivery.endpoint_id,
    event_type: delivery.event_type,
    attempt: delivery.attempts,
    status: outcome.status,
    duration_ms: outcome.latencyMs,
  };
  if (outcome.error === null) {
    await recordWebhookSuccess(delivery, result);
    log().info(line, "webhook delivered");
    return true;
  }
  const retryInMs = retryDelayMs(delivery.attempts);
  const disabled = await recordWebhookFailure(delivery, result, {
    retryInMs,
    disableAfterMs: DISABLE_AFTER_FAILING_MS,
    disabledReason: `Turned off on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC: every delivery failed for 24 hours (last: ${outcome.error.slice(0, 120)}). Fix the receiver, then enable the endpoint again.`,
  });
  log().warn({ ...line, retry_in_ms: retryInMs ?? null, given_up: retryInMs === undefined, endpoint_disabled: disabled }, "webhook delivery failed");
  return false;
}

async function deliverClaimed(claimed: ClaimedDelivery[], timeoutMs: number, inRequest = false): Promise<DeliveryRun> {
  const limit = pLimit(CONCURRENCY);
  const outcomes = await Promise.all(claimed.map((delivery) => limit(() => attempt(delivery, timeoutMs, inRequest))));
  const delivered = outcomes.filter(Boolean).length;
  return { claimed: claimed.length, delivered, failed: claimed.length - delivered };
}

// A claim outlives the attempts it covers (each at most the timeout, CONCURRENCY at a time), so a
// live instance never loses one; a dead instance's claims come free after this.
const leaseFor = (count: number, timeoutMs: number) => Math.ceil(count / CONCURRENCY) * timeoutMs + 30_000;

/**
 * Sends what is due: claims due deliveries in rounds of up to `limit` (any number of instances may
 * run this at once) and attempts each, until nothing is due or `deadline` (epoch ms) leaves no room
 * for another round. Self-contained, for an in-process timer or a cron route alike.
 */
export async function deliverDueWebhooks({
  limit = 50,
  deadline,
  timeoutMs = WEBHOOK_TIMEOUT_MS,
}: { limit?: number; deadline?: number; timeoutMs?: number } = {}): Promise<DeliveryRun> {
  const total: DeliveryRun = { claimed: 0, delivered: 0, failed: 0 };
  for (;;) {
    const batch = Math.max(1, deadline === undefined ? limit : Math.min(limit, Math.floor((deadline - Date.now()) / timeoutMs) * CONCURRENCY));
    if (deadline !== undefined && Date.now() + timeoutMs > deadline) break;
    const claimed = await claimWebhookDeliveries({ limit: batch, leaseMs: leaseFor(batch, timeoutMs) });
    if (claimed.length === 0) break;
    const run = await deliverClaimed(claimed, timeoutMs);
    total.claimed += run.claimed;
    total.delivered += run.delivered;
    total.failed += run.failed;
    if (deadline === undefined && claimed.length < batch) break;
  }
  return total;
}

/** Attempts one delivery now, due or not (a test send, while serving its request); false when it is not pending or someone else holds it. */
export async function deliverNow(deliveryId: number, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<boolean> {
  const claimed = await claimWebhookDeliveries({ limit: 1, leaseMs: leaseFor(1, timeoutMs), deliveryId });
  return (await deliverClaimed(claimed, timeoutMs, true)).claimed > 0;
}

// ── In-process scheduler ────────────────────────────────────────────────────────────────────────

const POLL_MS = 5_000;
const PRUNE_EVERY_MS = 3_600_000;

type Worker = { timer?: NodeJS.Timeout; running: boolean; again: boolean; lastPrune: number };
// On globalThis, so that dev-server reloads and separately bundled routes share one worker.
const WORKER = Symbol.for("intentscore.webhookWorker");
const workerState = () => (globalThis as typeof globalThis & { [WORKER]?: Worker })[WORKER];

function schedule(worker: Worker, delayMs: number) {
  clearTimeout(worker.timer);
  worker.timer = setTimeout(() => void tick(worker), delayMs);
  // A pending poll must never keep the process alive (tests, scripts, shutdown).
  worker.timer.unref();
}

async function tick(worker: Worker) {
  if (worker.running) {
    worker.again = true;
    return;
  }
  worker.running = true;
  try {
    do {
      worker.again = false;
      await deliverDueWebhooks({ deadline: Date.now() + 60_000 });
      if (Date.now() - worker.lastPrune > PRUNE_EVERY_MS) {
        worker.lastPrune = Date.now();
        await pruneDeliveryLog();
      }
    } while (worker.again);
  } catch (error) {
    log().error({ error: describeError(error) }, "Webhook delivery round failed; trying again shortly");
  } finally {
    worker.running = false;
    schedule(worker, POLL_MS);
  }
}

/** Starts the delivery loop of this process (once; later calls do nothing): every few seconds, and at once on wake. */
export function startWebhookWorker(): void {
  const global = globalThis as typeof globalThis & { [WORKER]?: Worker };
  if (global[WORKER]) return;
  const worker: Worker = { running: false, again: false, lastPrune: 0 };
  global[WORKER] = worker;
  schedule(worker, 0);
}

/** Delivers at once what was just enqueued (call after the enqueuing transaction commits); a no-op without a started worker. */
export function wakeWebhookWorker(): void {
  const worker = workerState();
  if (worker) schedule(worker, 0);
}
