import { randomBytes } from "node:crypto";
import { and, count, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { INTENTS, type Intent } from "@/lib/scoring/types";
import {
  WEBHOOK_PAYLOAD_VERSION,
  WEBHOOK_TEST_EVENT,
  type LeadScoredData,
  type WebhookDeliveryStatus,
  type WebhookEvent,
  type WebhookEventType,
  type WebhookPayload,
} from "@/lib/validations/webhooks";
import { getDb, rowsOf, type Database } from "../index";
import { webhookDeliveries, webhookEndpoints } from "../schema";
import type { WorkspaceScope } from "../scope";

/** The database or a transaction: the runs worker enqueues inside its own, atomically with the state change. */
export type Executor = Pick<Database, "execute">;

export type WebhookEndpoint = {
  id: number;
  url: string;
  description: string;
  events: WebhookEventType[];
  min_intent: Intent | null;
  enabled: boolean;
  disabled_reason: string | null;
  failing_since: Date | null;
  created_at: Date;
  updated_at: Date;
};

export type WebhookDelivery = {
  id: number;
  endpoint_id: number;
  event_id: string;
  event_type: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  next_attempt_at: Date | null;
  last_response_code: number | null;
  last_latency_ms: number | null;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
  payload: WebhookPayload;
};

const endpointColumns = {
  id: webhookEndpoints.id,
  url: webhookEndpoints.url,
  description: webhookEndpoints.description,
  events: webhookEndpoints.events,
  min_intent: webhookEndpoints.minIntent,
  enabled: webhookEndpoints.enabled,
  disabled_reason: webhookEndpoints.disabledReason,
  failing_since: webhookEndpoints.failingSince,
  created_at: webhookEndpoints.createdAt,
  updated_at: webhookEndpoints.updatedAt,
};

const deliveryColumns = {
  id: webhookDeliveries.id,
  endpoint_id: webhookDeliveries.endpointId,
  event_id: webhookDeliveries.eventId,
  event_type: webhookDeliveries.eventType,
  status: webhookDeliveries.status,
  attempts: webhookDeliveries.attempts,
  next_attempt_at: webhookDeliveries.nextAttemptAt,
  last_response_code: webhookDeliveries.lastResponseCode,
  last_latency_ms: webhookDeliveries.lastLatencyMs,
  last_error: webhookDeliveries.lastError,
  created_at: webhookDeliveries.createdAt,
  delivered_at: webhookDeliveries.deliveredAt,
  payload: webhookDeliveries.payload,
};

const ofEndpoint = (scope: WorkspaceScope, id: number) => and(eq(webhookEndpoints.workspaceId, scope.workspaceId), eq(webhookEndpoints.id, id));

export async function listWebhookEndpoints(scope: WorkspaceScope): Promise<WebhookEndpoint[]> {
  const db = await getDb();
  return db.select(endpointColumns).from(webhookEndpoints).where(eq(webhookEndpoints.workspaceId, scope.workspaceId)).orderBy(webhookEndpoints.id);
}

export async function findWebhookEndpoint(scope: WorkspaceScope, id: number): Promise<WebhookEndpoint | undefined> {
  const db = await getDb();
  const [row] = await db.select(endpointColumns).from(webhookEndpoints).where(ofEndpoint(scope, id));
  return row;
}

export async function insertWebhookEndpoint(
  scope: WorkspaceScope,
  endpoint: { url: string; description: string; events: WebhookEventType[]; minIntent: Intent | null; sealedSecret: string },
): Promise<WebhookEndpoint> {
  const db = await getDb();
  const [row] = await db
    .insert(webhookEndpoints)
    .values({
      workspaceId: scope.workspaceId,
      url: endpoint.url,
      description: endpoint.description,
      events: endpoint.events,
      minIntent: endpoint.minIntent,
      secret: endpoint.sealedSecret,
    })
    .returning(endpointColumns);
  return row!;
}

/** Changes an endpoint; turning it on again (or giving it a new URL) also forgets why it was off and since when it failed. */
export async function updateWebhookEndpoint(
  scope: WorkspaceScope,
  id: number,
  patch: { url?: string; description?: string; events?: WebhookEventType[]; minIntent?: Intent | null; enabled?: boolean },
): Promise<WebhookEndpoint | undefined> {
  const db = await getDb();
  const [row] = await db
    .update(webhookEndpoints)
    .set({
      url: patch.url,
      description: patch.description,
      events: patch.events,
      minIntent: patch.minIntent,
      enabled: patch.enabled,
      ...(patch.enabled === undefined ? {} : { disabledReason: null }),
      // Failures of the old URL, or from before it was turned on again, no longer count towards turning it off.
      ...(patch.enabled || patch.url !== undefined ? { failingSince: null } : {}),
    })
    .where(ofEndpoint(scope, id))
    .returning(endpointColumns);
  return row;
}

/** How long receivers may still check against the secret a rotation replaced. */
const PREVIOUS_SECRET_GRACE = sql`interval '24 hours'`;

/** Puts a new secret in place; the old one keeps signing (as a second signature) for 24 hours. */
export async function replaceWebhookSecret(scope: WorkspaceScope, id: number, sealedSecret: string): Promise<WebhookEndpoint | undefined> {
  const db = await getDb();
  const [row] = await db
    .update(webhookEndpoints)
    .set({
      previousSecret: sql`${webhookEndpoints.secret}`,
      previousSecretExpiresAt: sql`now() + ${PREVIOUS_SECRET_GRACE}`,
      secret: sealedSecret,
    })
    .where(ofEndpoint(scope, id))
    .returning(endpointColumns);
  return row;
}

/** Deletes an endpoint with its delivery log; false when there is no such endpoint here. */
export async function deleteWebhookEndpoint(scope: WorkspaceScope, id: number): Promise<boolean> {
  const db = await getDb();
  return (await db.delete(webhookEndpoints).where(ofEndpoint(scope, id)).returning({ id: webhookEndpoints.id })).length > 0;
}

/** An endpoint's deliveries, newest first, and how many there are. */
export async function listWebhookDeliveries(
  scope: WorkspaceScope,
  endpointId: number,
  page: { limit: number; offset: number },
): Promise<{ rows: WebhookDelivery[]; total: number }> {
  const db = await getDb();
  const where = and(eq(webhookDeliveries.workspaceId, scope.workspaceId), eq(webhookDeliveries.endpointId, endpointId));
  const [rows, [total]] = await Promise.all([
    db.select(deliveryColumns).from(webhookDeliveries).where(where).orderBy(desc(webhookDeliveries.id)).limit(page.limit).offset(page.offset),
    db.select({ n: count() }).from(webhookDeliveries).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function findWebhookDelivery(scope: WorkspaceScope, id: number): Promise<WebhookDelivery | undefined> {
  const db = await getDb();
  const [row] = await db
    .select(deliveryColumns)
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.workspaceId, scope.workspaceId), eq(webhookDeliveries.id, id)));
  return row;
}

// ── The outbox ──────────────────────────────────────────────────────────────────────────────────

type OutboxItem = { id: string; payload: WebhookPayload; leadId: number | null; intent: Intent | null };

/** An event's id: the webhook-id of every attempt to every endpoint, for receivers to deduplicate. */
const newMessageId = () => `msg_${randomBytes(16).toString("base64url")}`;

const payloadOf = (type: WebhookPayload["type"], data: WebhookPayload["data"]): WebhookPayload => ({
  type,
  version: WEBHOOK_PAYLOAD_VERSION,
  timestamp: new Date().toISOString(),
  data,
});

// Intents from lowest to highest, so that "at least Medium" is a comparison of positions.
const INTENT_RANK = sql.raw(`array[${[...INTENTS].reverse().map((intent) => `'${intent}'`).join(", ")}]::text[]`);

/**
 * One delivery per event and enabled endpoint of the workspace subscribed to its type (and, where
 * the event has an intent, whose min_intent it meets), in one INSERT … SELECT returning a row per
 * delivery; `onlyLeads` (a query of lead ids) keeps only the events of those leads.
 */
function outboxInsert(scope: WorkspaceScope, type: WebhookEventType, items: OutboxItem[], onlyLeads?: SQL): SQL {
  const events = JSON.stringify(items);
  return sql`
    insert into ${webhookDeliveries} (workspace_id, endpoint_id, event_id, event_type, payload, lead_id)
    select e.workspace_id, e.id, ev->>'id', ${type}, ev->'payload', (ev->>'leadId')::integer
    from ${webhookEndpoints} e cross join jsonb_array_elements(${events}::jsonb) ev
    where e.workspace_id = ${scope.workspaceId}
      and e.enabled
      and ${type} = any(e.events)
      and (e.min_intent is null or ev->>'intent' is null
           or array_position(${INTENT_RANK}, ev->>'intent') >= array_position(${INTENT_RANK}, e.min_intent::text))
      ${onlyLeads ? sql`and (ev->>'leadId')::integer in (${onlyLeads})` : sql``}
    on conflict (endpoint_id, event_id) do nothing
    returning id`;
}

/**
 * The seam for the runs worker: writes `event` to the outbox of every endpoint that wants it. Call
 * it with the transaction that makes the change the event reports, so both commit or neither does;
 * then call wakeWebhookWorker() (lib/services/webhook-delivery.ts) after the commit. Returns the
 * number of deliveries written.
 */
export async function enqueueWebhookEvent(executor: Executor, scope: WorkspaceScope, event: WebhookEvent): Promise<number> {
  const lead = event.type === "lead.scored" ? event : undefined;
  const item = { id: newMessageId(), payload: payloadOf(event.type, event.data), leadId: lead?.data.lead_id ?? null, intent: lead?.intent ?? null };
  return rowsOf(await executor.execute(outboxInsert(scope, event.type, [item]))).length;
}

/**
 * Many lead.scored events (a finished batch of a run) as one statement, to run inside the statement
 * that saves their scores (saveScores' `alsoWrite`): only the leads whose scores it wrote get one.
 */
export function leadScoredOutbox(scope: WorkspaceScope, leads: readonly LeadScoredData[], savedLeadIds: SQL): SQL {
  const items = leads.map((data) => ({ id: newMessageId(), payload: payloadOf("lead.scored", data), leadId: data.lead_id, intent: data.intent }));
  return outboxInsert(scope, "lead.scored", items, savedLeadIds);
}

/** A webhook.test event for one endpoint, whatever it subscribes to; its delivery's id, undefined when there is no such endpoint here. */
export async function enqueueTestEvent(scope: WorkspaceScope, endpointId: number): Promise<number | undefined> {
  const db = await getDb();
  const payload = JSON.stringify(payloadOf(WEBHOOK_TEST_EVENT, { message: "A test event from IntentScore.", endpoint_id: endpointId }));
  const result = await db.execute(sql`
    insert into ${webhookDeliveries} (workspace_id, endpoint_id, event_id, event_type, payload)
    select e.workspace_id, e.id, ${newMessageId()}, ${WEBHOOK_TEST_EVENT}, ${payload}::jsonb
    from ${webhookEndpoints} e where e.workspace_id = ${scope.workspaceId} and e.id = ${endpointId}
    returning id`);
  return rowsOf<{ id: number }>(result)[0]?.id;
}

// ── The delivery worker ─────────────────────────────────────────────────────────────────────────
// The worker serves every workspace, so these take no scope: each claimed row carries its own
// workspace, and nothing here reads or changes anything but the claimed deliveries and their endpoints.

export type ClaimedDelivery = {
  id: number;
  workspace_id: string;
  endpoint_id: number;
  event_id: string;
  event_type: string;
  payload: WebhookPayload;
  /** This attempt's number (1-based); recording its outcome requires it to be unchanged. */
  attempts: number;
  url: string;
  secret: string;
  previous_secret: string | null;
};

/**
 * Claims up to `limit` due deliveries (or the one given by `deliveryId`, due or not, even of a
 * disabled endpoint: a test send) for `leaseMs`, and counts the attempt. SKIP LOCKED lets
 * instances claim side by side; the lease (locked_until) keeps a claim from being taken again
 * while it is worked on, and frees it if its instance dies.
 */
export async function claimWebhookDeliveries({
  limit,
  leaseMs,
  deliveryId,
}: {
  limit: number;
  leaseMs: number;
  deliveryId?: number;
}): Promise<ClaimedDelivery[]> {
  const db = await getDb();
  const which: SQL = deliveryId === undefined ? sql`d2.next_attempt_at <= now() and e2.enabled` : sql`d2.id = ${deliveryId}`;
  const result = await db.execute(sql`
    update ${webhookDeliveries} d
    set locked_until = now() + ${leaseMs} * interval '1 millisecond', attempts = d.attempts + 1
    from ${webhookEndpoints} e
    where e.id = d.endpoint_id and d.id in (
      select d2.id from ${webhookDeliveries} d2 join ${webhookEndpoints} e2 on e2.id = d2.endpoint_id
      where d2.status = 'pending' and (d2.locked_until is null or d2.locked_until <= now()) and ${which}
      order by d2.next_attempt_at, d2.id
      limit ${limit}
      for update of d2 skip locked
    )
    returning d.id, d.workspace_id, d.endpoint_id, d.event_id, d.event_type, d.payload, d.attempts, e.url, e.secret,
      case when e.previous_secret_expires_at > now() then e.previous_secret end as previous_secret`);
  return rowsOf<ClaimedDelivery>(result).map((row) => ({
    ...row,
    payload: typeof row.payload === "string" ? (JSON.parse(row.payload) as WebhookPayload) : row.payload,
  }));
}

type AttemptResult = { responseCode: number | null; latencyMs: number | null; error: string | null };

const ofAttempt = (delivery: ClaimedDelivery) => and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.attempts, delivery.attempts));

/** Records a 2xx: the delivery is done, and its endpoint is no longer failing. */
export async function recordWebhookSuccess(delivery: ClaimedDelivery, result: AttemptResult): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx
      .update(webhookDeliveries)
      .set({
        status: "delivered",
        deliveredAt: sql`now()`,
        nextAttemptAt: null,
        lockedUntil: null,
        lastResponseCode: result.responseCode,
        lastLatencyMs: result.latencyMs,
        lastError: null,
      })
      .where(ofAttempt(delivery));
    await tx.update(webhookEndpoints).set({ failingSince: null }).where(eq(webhookEndpoints.id, delivery.endpoint_id));
  });
}

/**
 * Records a failed attempt: tried again in `retryInMs`, or failed for good when undefined. The
 * endpoint is failing from now if it was not already; once it has failed for `disableAfterMs` it is
 * disabled with `disabledReason`. True when this attempt disabled it.
 */
export async function recordWebhookFailure(
  delivery: ClaimedDelivery,
  result: AttemptResult,
  { retryInMs, disableAfterMs, disabledReason }: { retryInMs: number | undefined; disableAfterMs: number; disabledReason: string },
): Promise<boolean> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx
      .update(webhookDeliveries)
      .set({
        status: retryInMs === undefined ? "failed" : "pending",
        nextAttemptAt: retryInMs === undefined ? null : sql`now() + ${retryInMs} * interval '1 millisecond'`,
        lockedUntil: null,
        lastResponseCode: result.responseCode,
        lastLatencyMs: result.latencyMs,
        lastError: result.error,
      })
      .where(ofAttempt(delivery));
    await tx
      .update(webhookEndpoints)
      .set({ failingSince: sql`now()` })
      .where(and(eq(webhookEndpoints.id, delivery.endpoint_id), isNull(webhookEndpoints.failingSince)));
    const disabled = await tx
      .update(webhookEndpoints)
      .set({ enabled: false, disabledReason })
      .where(
        and(
          eq(webhookEndpoints.id, delivery.endpoint_id),
          eq(webhookEndpoints.enabled, true),
          sql`${webhookEndpoints.failingSince} <= now() - ${disableAfterMs} * interval '1 millisecond'`,
        ),
      )
      .returning({ id: webhookEndpoints.id });
    return disabled.length > 0;
  });
}

/** Forgets finished deliveries older than `days` (the delivery log keeps a month). */
export async function pruneWebhookDeliveries(days: number): Promise<void> {
  const db = await getDb();
  await db
    .delete(webhookDeliveries)
    .where(and(sql`${webhookDeliveries.status} <> 'pending'`, sql`${webhookDeliveries.createdAt} < now() - ${days} * interval '1 day'`));
}
