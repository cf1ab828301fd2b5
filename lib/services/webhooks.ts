import {
  deleteWebhookEndpoint,
  enqueueTestEvent,
  findWebhookDelivery,
  findWebhookEndpoint,
  insertWebhookEndpoint,
  listWebhookDeliveries,
  replaceWebhookSecret,
  updateWebhookEndpoint,
  type WebhookDelivery,
  type WebhookEndpoint,
} from "@/db/queries/webhooks";
import type { WorkspaceScope } from "@/db/scope";
import { env } from "@/lib/env";
import { invalidInput, notFound } from "@/lib/errors";
import { webhookUrlProblem } from "@/lib/webhooks/http";
import { sealSecret } from "@/lib/webhooks/secret-box";
import { generateWebhookSecret } from "@/lib/webhooks/signing";
import type { DeliveriesQuery, WebhookInput, WebhookPatch } from "@/lib/validations/webhooks";
import { deliverNow } from "./webhook-delivery";

export type WebhookEndpointWithSecret = WebhookEndpoint & { secret: string };

const webhookNotFound = (id: number) => notFound(`Webhook endpoint ${id} was not found.`, { code: "webhook_not_found" });

/** A URL that may not receive webhooks is a 400 on its field, like any other invalid input. */
async function requireAllowedUrl(url: string): Promise<void> {
  const problem = await webhookUrlProblem(url, { allowPrivate: env.WEBHOOK_ALLOW_PRIVATE });
  if (problem) throw invalidInput(`Invalid url: ${problem}`, { code: "validation_failed", details: [{ path: "url", message: problem }] });
}

export async function getWebhook(scope: WorkspaceScope, id: number): Promise<WebhookEndpoint> {
  const endpoint = await findWebhookEndpoint(scope, id);
  if (!endpoint) throw webhookNotFound(id);
  return endpoint;
}

/** A new endpoint; its signing secret is in this answer only (and after each rotation). */
export async function createWebhook(scope: WorkspaceScope, input: WebhookInput): Promise<WebhookEndpointWithSecret> {
  await requireAllowedUrl(input.url);
  const secret = generateWebhookSecret();
  const endpoint = await insertWebhookEndpoint(scope, {
    url: input.url,
    description: input.description ?? "",
    events: input.events,
    minIntent: input.min_intent ?? null,
    sealedSecret: await sealSecret(secret),
  });
  return { ...endpoint, secret };
}

export async function editWebhook(scope: WorkspaceScope, id: number, patch: WebhookPatch): Promise<WebhookEndpoint> {
  if (patch.url !== undefined) await requireAllowedUrl(patch.url);
  const endpoint = await updateWebhookEndpoint(scope, id, {
    url: patch.url,
    description: patch.description,
    events: patch.events,
    minIntent: patch.min_intent,
    enabled: patch.enabled,
  });
  if (!endpoint) throw webhookNotFound(id);
  return endpoint;
}

export async function removeWebhook(scope: WorkspaceScope, id: number): Promise<void> {
  if (!(await deleteWebhookEndpoint(scope, id))) throw webhookNotFound(id);
}

/** A new secret, shown once; the previous one keeps signing too for 24 hours. */
export async function rotateWebhookSecret(scope: WorkspaceScope, id: number): Promise<WebhookEndpointWithSecret> {
  const secret = generateWebhookSecret();
  const endpoint = await replaceWebhookSecret(scope, id, await sealSecret(secret));
  if (!endpoint) throw webhookNotFound(id);
  return { ...endpoint, secret };
}

/** Sends a webhook.test event to the endpoint now and answers with its delivery as it stands (retried like any other if it failed). */
export async function sendTestEvent(scope: WorkspaceScope, id: number): Promise<WebhookDelivery> {
  const deliveryId = await enqueueTestEvent(scope, id);
  if (deliveryId === undefined) throw webhookNotFound(id);
  await deliverNow(deliveryId);
  const delivery = await findWebhookDelivery(scope, deliveryId);
  // Only when the endpoint was deleted meanwhile.
  if (!delivery) throw webhookNotFound(id);
  return delivery;
}

export async function listDeliveries(scope: WorkspaceScope, id: number, page: DeliveriesQuery): Promise<{ rows: WebhookDelivery[]; total: number }> {
  await getWebhook(scope, id);
  return listWebhookDeliveries(scope, id, page);
}
