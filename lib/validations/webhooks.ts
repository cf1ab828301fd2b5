import { z } from "zod";
import { INTENTS, type Intent } from "@/lib/scoring/types";
import { blankToUndefined, isStorableText, pageLimitSchema, UNSTORABLE_MESSAGE } from "./common";

/** The events an endpoint can subscribe to. */
export const WEBHOOK_EVENT_TYPES = ["run.completed", "run.failed", "lead.scored"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Sent only by "Send test event", to one endpoint, whatever it subscribes to. */
export const WEBHOOK_TEST_EVENT = "webhook.test";

export const WEBHOOK_DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** The version of the payload's shape; a breaking change to any event's `data` gets a new one. */
export const WEBHOOK_PAYLOAD_VERSION = 1;

/** run.completed and run.failed: a scoring run as it ended. */
export type RunEventData = {
  id: number;
  offer_id: number | null;
  status: "completed" | "failed";
  /** fallbacks: leads the offline analyzer scored because Gemini could not; cached: judgements reused from the cache. */
  counts: { total: number; scored: number; fallbacks: number; cached: number };
  tokens: { input: number; output: number; thinking: number };
  /** Estimated AI cost in US dollars; null when not known (the offline analyzer costs nothing: 0). */
  cost_usd: number | null;
  timings: { created_at: string; started_at: string | null; finished_at: string; duration_ms: number | null };
  /** Why a run failed; null for run.completed. */
  error: { code: string; message: string } | null;
};

/** lead.scored: one lead's new score. */
export type LeadScoredData = {
  lead_id: number;
  name: string;
  company: string;
  role: string;
  intent: Intent;
  score: number;
  offer_id: number;
  run_id: number | null;
};

export type WebhookTestData = { message: string; endpoint_id: number };

export type WebhookEvent =
  | { type: "run.completed" | "run.failed"; data: RunEventData }
  | { type: "lead.scored"; data: LeadScoredData; intent: Intent };

/** The JSON body of every webhook request. */
export type WebhookPayload = {
  type: WebhookEventType | typeof WEBHOOK_TEST_EVENT;
  version: typeof WEBHOOK_PAYLOAD_VERSION;
  /** When the event happened (ISO 8601); the webhook-timestamp header is when it was sent. */
  timestamp: string;
  data: RunEventData | LeadScoredData | WebhookTestData;
};

const MAX_URL_LENGTH = 2000;

/** Syntax only; whether the address is allowed (https, public) is decided on the server, with DNS. */
export const webhookUrlSchema = z
  .string({ error: "url is required" })
  .trim()
  .min(1, "url must not be empty")
  .max(MAX_URL_LENGTH, `url must be at most ${MAX_URL_LENGTH} characters`)
  .superRefine((text, ctx) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({ code: "custom", message: "url must be an absolute URL, like https://hooks.example.com/intentscore" });
      return;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") ctx.addIssue({ code: "custom", message: "url must start with https://" });
    else if (url.username || url.password) ctx.addIssue({ code: "custom", message: "url must not contain a user name or password" });
  });

const descriptionSchema = z
  .string({ error: "description must be text" })
  .trim()
  .refine(isStorableText, `description ${UNSTORABLE_MESSAGE}`)
  .max(500, "description must be at most 500 characters");

const eventsSchema = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, { error: `events must be among ${WEBHOOK_EVENT_TYPES.join(", ")}` }), {
    error: `events must be a list of ${WEBHOOK_EVENT_TYPES.join(", ")}`,
  })
  .min(1, "choose at least one event")
  .transform((events) => WEBHOOK_EVENT_TYPES.filter((type) => events.includes(type)));

const minIntentSchema = z.enum(INTENTS, { error: "min_intent must be High, Medium, Low or null" }).nullish();

const endpointFields = {
  url: webhookUrlSchema,
  description: descriptionSchema.optional(),
  events: eventsSchema,
  min_intent: minIntentSchema,
};

export const webhookInputSchema = z.strictObject(endpointFields, {
  error: (issue) =>
    issue.code === "unrecognized_keys"
      ? `unknown field ${issue.keys.join(", ")}`
      : "The body must be a JSON object: {url, events, description?, min_intent?}.",
});

export const webhookPatchSchema = z
  .strictObject(
    {
      url: endpointFields.url.optional(),
      description: endpointFields.description,
      events: endpointFields.events.optional(),
      min_intent: endpointFields.min_intent,
      enabled: z.boolean({ error: "enabled must be true or false" }).optional(),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `unknown field ${issue.keys.join(", ")}`
          : "The body must be a JSON object with any of url, description, events, min_intent, enabled.",
    },
  )
  .refine((patch) => Object.keys(patch).length > 0, "Send at least one of url, description, events, min_intent, enabled.");

export const deliveriesQuerySchema = z.object({
  limit: pageLimitSchema,
  offset: z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: "offset must be a number" }).int("offset must be a whole number").min(0, "offset must be at least 0").default(0),
  ),
});

export type WebhookInput = z.output<typeof webhookInputSchema>;
export type WebhookPatch = z.output<typeof webhookPatchSchema>;
export type DeliveriesQuery = z.output<typeof deliveriesQuerySchema>;
