import { createHmac, randomBytes } from "node:crypto";

/**
 * Standard Webhooks (https://www.standardwebhooks.com) signing: the secret is `whsec_` + base64 of
 * random bytes; each request carries `webhook-id`, `webhook-timestamp` (seconds) and
 * `webhook-signature`: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` keyed with the secret's
 * decoded bytes, one per live secret, separated by spaces (a rotated-out secret keeps signing for a
 * while, so receivers can switch without dropping events).
 */

const PREFIX = "whsec_";

export const generateWebhookSecret = () => `${PREFIX}${randomBytes(32).toString("base64")}`;

export function webhookSignature(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

/** The three headers of a signed request. */
export function signedHeaders(secrets: readonly string[], id: string, timestamp: number, body: string): Record<string, string> {
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": secrets.map((secret) => webhookSignature(secret, id, timestamp, body)).join(" "),
  };
}
