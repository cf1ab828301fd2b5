import { z } from "zod";
import { AI_PROVIDERS, INTENTS, RUN_MODES, RUN_STATUSES } from "@/lib/scoring/types";
import { apiKeyInputSchema } from "@/lib/validations/api-keys";
import { idPathSchema } from "@/lib/validations/common";
import { offerInputSchema, offerPatchSchema } from "@/lib/validations/offer";
import { csvQuerySchema, resultsQuerySchema, SORT_FIELDS } from "@/lib/validations/results";
import { runListQuerySchema, runRequestSchema, scoreRequestSchema } from "@/lib/validations/score";
import { uploadOptionsSchema } from "@/lib/validations/uploads";
import {
  deliveriesQuerySchema,
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_PAYLOAD_VERSION,
  WEBHOOK_TEST_EVENT,
  webhookInputSchema,
  webhookPatchSchema,
} from "@/lib/validations/webhooks";
import { NDJSON_TYPE } from "./ndjson";

/**
 * The OpenAPI 3.1 description of the REST API, served at GET /openapi.json. Request bodies and
 * parameters are the zod schemas the route handlers parse with, turned into JSON Schema (2020-12,
 * the dialect OpenAPI 3.1 uses); answers are described by the schemas below, which the tests check
 * real answers against.
 */

type JsonSchema = Record<string, unknown>;

const jsonSchema = (schema: z.ZodType, io: "input" | "output" = "output"): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" });
  return rest;
};

const timestamp = z.iso.datetime({ offset: true });
const ruleLists = z.object({
  decision_maker_roles: z.array(z.string()).optional(),
  influencer_roles: z.array(z.string()).optional(),
  high_value_industries: z.array(z.string()).optional(),
  medium_value_industries: z.array(z.string()).optional(),
});

export const offerSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  value_props: z.array(z.string()),
  ideal_use_cases: z.array(z.string()),
  rules: ruleLists.nullable(),
  created_at: timestamp,
});

const rowNote = z.object({ row: z.number().int().meta({ description: "Line number in the file (the header is line 1)" }), reason: z.string() });

export const importResultSchema = z.object({
  message: z.string(),
  uploaded: z.number().int().meta({ description: "Rows accepted from the file: created + updated + duplicates_skipped" }),
  created: z.number().int(),
  updated: z.number().int(),
  duplicates_skipped: z.number().int(),
  upload_id: z.number().int(),
  skipped: z.array(rowNote).meta({ description: "Rows not stored, with why (the first 1,000)" }),
  skipped_count: z.number().int(),
  warnings: z.array(rowNote).meta({ description: "Rows stored with a problem, such as missing fields (the first 1,000)" }),
  warnings_count: z.number().int(),
});

export const uploadRecordSchema = z.object({
  id: z.number().int(),
  filename: z.string(),
  rows_accepted: z.number().int(),
  rows_skipped: z.number().int(),
  rows_duplicate: z.number().int(),
  lead_count: z.number().int().meta({ description: "Leads the upload holds now: what deleting it erases" }),
  created_at: timestamp,
  uploaded_by: z
    .object({ type: z.enum(["user", "api_key"]), id: z.union([z.string(), z.number().int()]), name: z.string() })
    .nullable(),
});

const leadFields = {
  id: z.number().int(),
  name: z.string(),
  role: z.string(),
  company: z.string(),
  industry: z.string(),
  location: z.string(),
};

export const scoredLeadSchema = z.object({
  ...leadFields,
  intent: z.enum(INTENTS),
  score: z.number().int().min(0).max(100),
  reasoning: z.string(),
  rule_score: z.number().int().min(0).max(50),
  ai_score: z.number().int().min(0).max(50),
  ai_provider: z.enum(AI_PROVIDERS),
  ai_cached: z.boolean().meta({ description: "The AI judgement was reused from the judgement cache (0 AI calls)" }),
});

export const resultRowSchema = z.object({
  ...leadFields,
  linkedin_bio: z.string(),
  intent: z.enum(INTENTS).nullable(),
  score: z.number().int().min(0).max(100).nullable(),
  reasoning: z.string().nullable(),
  created_at: timestamp,
  rule_score: z.number().int().nullable(),
  ai_score: z.number().int().nullable(),
  ai_provider: z.enum(AI_PROVIDERS).nullable(),
  ai_model: z.string().nullable(),
  offer_id: z.number().int().nullable(),
  scored_at: timestamp.nullable(),
  upload_id: z.number().int(),
  breakdown: z.record(z.string(), z.unknown()).nullable().meta({ description: "Where each point of the score came from" }),
  linkedin_url: z.string().nullable(),
  stale: z.boolean().nullable().meta({ description: "True when the lead or the offer changed since it was scored; the next run rescores it" }),
  ai_cached: z.boolean().nullable().meta({ description: "The AI judgement was reused from the judgement cache" }),
  run_id: z.number().int().nullable().meta({ description: "The scoring run that wrote the score" }),
});

export const scoringEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("start"), offer_id: z.number().int(), total: z.number().int(), run_id: z.number().int() }),
  z.object({ type: z.literal("progress"), done: z.number().int(), total: z.number().int() }),
  z.object({ type: z.literal("done"), scored: z.number().int(), total: z.number().int() }),
  z.object({ type: z.literal("error"), error: z.string(), code: z.string() }),
]);

export const runSchema = z.object({
  id: z.number().int(),
  version: z.number().int().meta({ description: "Counts the run's changes (the id of its events); a higher version is newer" }),
  offer_id: z.number().int().nullable().meta({ description: "Null once the offer is deleted" }),
  offer_name: z.string(),
  mode: z.enum(RUN_MODES).meta({ description: "interactive: calls Gemini as it goes; batch: Gemini's Batch API (half price, up to 24 h)" }),
  status: z.enum(RUN_STATUSES).meta({ description: "paused: the workspace's AI_DAILY_LEAD_LIMIT is used up; it goes on by itself when the limit allows" }),
  total: z.number().int().meta({ description: "Leads the run set out to score (once it succeeded: the leads it scored)" }),
  done: z.number().int(),
  fallbacks: z.number().int().meta({ description: "Leads the offline analyzer scored because Gemini could not" }),
  cached: z.number().int().meta({ description: "Leads whose AI judgement came from the judgement cache" }),
  provider: z.string(),
  model: z.string(),
  prompt_version: z.string(),
  ai_calls: z.number().int(),
  tokens: z.object({ input: z.number().int(), output: z.number().int(), thinking: z.number().int() }),
  estimated_cost_usd: z.number().nullable().meta({ description: "From the price table in lib/ai/pricing.ts (batch at half); null when nothing was paid for or the model has no known price" }),
  rescore: z.boolean(),
  refresh_ai: z.boolean(),
  lead_ids: z.array(z.number().int()).nullable(),
  started_by: z.union([z.object({ type: z.literal("user"), id: z.string() }), z.object({ type: z.literal("api_key"), id: z.number().int() })]).nullable(),
  batch: z.object({ state: z.string().nullable() }).nullable().meta({ description: "A batch run's job at Google" }),
  error: z.string().nullable(),
  error_code: z.string().nullable(),
  created_at: timestamp,
  started_at: timestamp.nullable(),
  finished_at: timestamp.nullable(),
  duration_ms: z.number().int().nullable(),
});

export const apiKeySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  hint: z.string().meta({ description: "The key's last characters, to tell keys apart" }),
  created_at: timestamp,
  expires_at: timestamp.nullable(),
  last_used_at: timestamp.nullable(),
  revoked_at: timestamp.nullable(),
  rate_limit_per_minute: z.number().int().nullable(),
});

export const createdApiKeySchema = apiKeySchema.extend({ key: z.string().meta({ description: "The secret (isk_…), shown in this answer only" }) });

export const webhookEndpointSchema = z.object({
  id: z.number().int(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  min_intent: z.enum(INTENTS).nullable().meta({ description: "lead.scored only for leads of this intent or higher; null: all" }),
  enabled: z.boolean(),
  disabled_reason: z.string().nullable().meta({ description: "Why the server turned the endpoint off (24 hours of failed deliveries)" }),
  failing_since: timestamp.nullable().meta({ description: "Since when every delivery has failed; null after a success" }),
  created_at: timestamp,
  updated_at: timestamp,
});

export const createdWebhookSchema = webhookEndpointSchema.extend({
  secret: z.string().meta({ description: "The signing secret (whsec_…), shown in this answer only" }),
});

export const webhookPayloadSchema = z.object({
  type: z.enum([...WEBHOOK_EVENT_TYPES, WEBHOOK_TEST_EVENT]),
  version: z.literal(WEBHOOK_PAYLOAD_VERSION),
  timestamp,
  data: z.record(z.string(), z.unknown()),
});

export const webhookDeliverySchema = z.object({
  id: z.number().int(),
  endpoint_id: z.number().int(),
  event_id: z.string().meta({ description: "The webhook-id header (msg_…), the same on every attempt" }),
  event_type: z.string(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.number().int(),
  next_attempt_at: timestamp.nullable(),
  last_response_code: z.number().int().nullable(),
  last_latency_ms: z.number().int().nullable(),
  last_error: z.string().nullable(),
  created_at: timestamp,
  delivered_at: timestamp.nullable(),
  payload: webhookPayloadSchema,
});

export const errorSchema = z.object({
  error: z.string().meta({ description: "What went wrong, for people" }),
  code: z.string().meta({ description: "Stable machine-readable code" }),
  details: z.unknown().optional().meta({ description: "Per-field problems for validation_failed: [{path, message}]" }),
});

const uploadFormSchema = uploadOptionsSchema.extend({
  csv_file: z.file().mime(["text/csv"]).meta({ description: "CSV with columns name, role, company, industry, location, linkedin_bio (and optionally linkedin_url)" }),
});

/** Every error answer: its status, the `code` values it can carry, and when. */
const ERRORS = {
  400: { codes: ["validation_failed", "invalid_json", "unreadable_body", "multipart_required", "invalid_multipart", "missing_file", "empty_file", "not_csv", "malformed_csv", "missing_columns", "no_rows", "no_valid_rows", "no_leads", "unknown_leads", "batch_needs_gemini"], what: "Bad input; nothing was changed" },
  401: { codes: ["unauthorized"], what: "No credentials, or a wrong, expired or revoked key (with WWW-Authenticate: Bearer)" },
  403: { codes: ["forbidden", "cross_site_request", "cron_not_configured"], what: "A member attempting an owner/admin action, or a cookie-authenticated write from another site" },
  404: { codes: ["not_found", "offer_not_found", "upload_not_found", "lead_not_found", "api_key_not_found", "run_not_found", "webhook_not_found", "no_offer"], what: "Unknown id (or one from another workspace), or no endpoint at this path" },
  405: { codes: ["method_not_allowed"], what: "Method not allowed here; Allow lists the ones that are" },
  409: { codes: ["run_finished", "run_cancelled", "offer_in_use"], what: "The run has already ended, or was cancelled while the call waited for it; or the offer is being scored by a run that has not ended" },
  413: { codes: ["payload_too_large"], what: "JSON body over 1 MB, or upload over MAX_UPLOAD_MB" },
  415: { codes: ["unsupported_media_type"], what: "Wrong Content-Type (a form where JSON is expected)" },
  429: { codes: ["rate_limited", "daily_ai_limit_reached"], what: "The key's requests per minute are used up (see Retry-After), or POST /score/'s run paused at the workspace's daily AI limit" },
  500: { codes: ["internal_error"], what: "A fault on the server's side (never expected; logged with its request id)" },
  503: { codes: ["database_unavailable", "database_conflict", "imports_busy", "run_failed", "offer_deleted", "analyzer_changed", "batch_failed", "batch_expired"], what: "The database is unreachable, not migrated, read-only or shutting down, or stopped the request on a conflicting change (try again); (uploads) this instance is importing as many files as it may and its queue is full: retry after Retry-After seconds; or POST /score/'s run failed (its code says why)" },
} as const;
type ErrorStatus = keyof typeof ERRORS;

const errorResponse = (status: ErrorStatus) => ({ $ref: `#/components/responses/Error${status}` });

const json = (schema: z.ZodType, example?: unknown, io: "input" | "output" = "output") => ({
  "application/json": { schema: jsonSchema(schema, io), ...(example === undefined ? {} : { example }) },
});

type Operation = Record<string, unknown> & { responses: Record<string, unknown> };

const SIGNED_IN_ADMIN = [{ sessionCookie: [] }];
const PUBLIC: never[] = [];

/** The errors any authorized call can get, besides its own. */
const common = (...own: ErrorStatus[]) =>
  Object.fromEntries([...new Set<ErrorStatus>([...own, 401, 403, 405, 429, 503])].sort().map((status) => [status, errorResponse(status)]));

function queryParameters(schema: z.ZodObject, descriptions: Record<string, string>) {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: "query",
    required: false,
    description: descriptions[name],
    schema: jsonSchema(field as z.ZodType, "input"),
  }));
}

const resultsFilters: Record<string, string> = {
  offer_id: "Offer the scores are against (digits); default: the latest offer",
  upload_id: "Only the leads of this upload (digits)",
  intent: "High, Medium and/or Low, comma-separated or repeated",
  q: "Search in name, company and role",
  sort: `One of ${SORT_FIELDS.join(", ")}; prefix - for descending`,
  limit: "At most this many leads (1–10000)",
  offset: "Skip this many leads (deep offsets get slower; use cursor)",
  cursor: "The X-Next-Cursor of the previous page (same filters and sort; not with offset): the next page, as fast at the millionth lead as at the first",
  bom: "1 to start the file with a UTF-8 byte order mark (for Excel)",
  columns: "default (the original columns) or full (every score column)",
};

const idParameter = {
  name: "id",
  in: "path",
  required: true,
  description: "Plain decimal digits (007 is 7); 1 to 2147483647",
  schema: { ...jsonSchema(idPathSchema.shape.id, "input"), pattern: "^[0-9]+$" },
};

const OFFER_EXAMPLE = {
  name: "AI Outreach Automation",
  value_props: ["24/7 outreach", "6x more meetings"],
  ideal_use_cases: ["B2B SaaS mid-market"],
  rules: { decision_maker_roles: ["chief revenue officer", "vp", "head of"] },
};
const OFFER_ANSWER = { id: 1, ...OFFER_EXAMPLE, created_at: "2026-01-05T09:30:00.000Z" };
const RUN_EXAMPLE = {
  id: 12,
  version: 9,
  offer_id: 1,
  offer_name: "AI Outreach Automation",
  mode: "interactive",
  status: "running",
  total: 200,
  done: 40,
  fallbacks: 0,
  cached: 10,
  provider: "gemini",
  model: "gemini-3.8-flash",
  prompt_version: "2026-11-v1",
  ai_calls: 3,
  tokens: { input: 5400, output: 1200, thinking: 300 },
  estimated_cost_usd: 0.0099,
  rescore: false,
  refresh_ai: false,
  lead_ids: null,
  started_by: { type: "api_key", id: 3 },
  batch: null,
  error: null,
  error_code: null,
  created_at: "2026-01-05T09:30:00.000Z",
  started_at: "2026-01-05T09:30:00.120Z",
  finished_at: null,
  duration_ms: 5400,
};
const SCORED_EXAMPLE = {
  id: 1,
  name: "Ava Patel",
  role: "Head of Growth",
  company: "FlowMetrics",
  industry: "B2B SaaS",
  location: "Berlin",
  intent: "High",
  score: 85,
  reasoning: "Decision-maker at a mid-market SaaS company that matches the offer's use case.",
  rule_score: 50,
  ai_score: 35,
  ai_provider: "gemini",
  ai_cached: false,
};

const WEBHOOK_EXAMPLE = { url: "https://hooks.example.com/intentscore", description: "CRM sync", events: ["lead.scored", "run.completed"], min_intent: "High" };
const WEBHOOK_ANSWER = {
  id: 1,
  ...WEBHOOK_EXAMPLE,
  enabled: true,
  disabled_reason: null,
  failing_since: null,
  created_at: "2026-01-05T09:30:00.000Z",
  updated_at: "2026-01-05T09:30:00.000Z",
};
const WEBHOOK_SECRET_EXAMPLE = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const DELIVERY_EXAMPLE = {
  id: 7,
  endpoint_id: 1,
  event_id: "msg_2b8qzFGuVQ4pVQxZ5W1c3A",
  event_type: "lead.scored",
  status: "delivered",
  attempts: 1,
  next_attempt_at: null,
  last_response_code: 200,
  last_latency_ms: 84,
  last_error: null,
  created_at: "2026-01-05T09:31:00.000Z",
  delivered_at: "2026-01-05T09:31:00.000Z",
  payload: {
    type: "lead.scored",
    version: 1,
    timestamp: "2026-01-05T09:31:00.000Z",
    data: { lead_id: 42, name: "Ava Patel", company: "FlowMetrics", role: "Head of Growth", intent: "High", score: 85, offer_id: 1, run_id: 3 },
  },
};
const WEBHOOK_ADMIN = "Owners and admins, signed in (an API key cannot manage webhooks).";

/** Each documented path (as the README writes it) and what each method does there. */
export const API_PATHS: Record<string, Record<string, Operation>> = {
  "/healthz": {
    get: {
      summary: "Health check",
      description: "Public. 200 when the database answers, every migration is applied, every table has the columns this version reads, and it accepts writes.",
      security: PUBLIC,
      responses: { 200: { description: "Ready", content: json(z.object({ status: z.literal("ok") }), { status: "ok" }) }, 405: errorResponse(405), 503: errorResponse(503) },
    },
  },
  "/openapi.json": {
    get: {
      summary: "This document",
      security: PUBLIC,
      responses: { 200: { description: "The OpenAPI 3.1 description of the API", content: { "application/json": { schema: { type: "object" } } } }, 405: errorResponse(405) },
    },
  },
  "/product/offer/": {
    get: {
      summary: "List offers, newest first",
      responses: { 200: { description: "The workspace's offers", content: json(z.array(offerSchema), [OFFER_ANSWER]) }, ...common() },
    },
    post: {
      summary: "Create an offer",
      requestBody: { required: true, content: json(offerInputSchema, OFFER_EXAMPLE, "input") },
      responses: { 201: { description: "Created", content: json(offerSchema, OFFER_ANSWER) }, ...common(400, 413, 415) },
    },
  },
  "/product/offer/{id}/": {
    get: {
      summary: "One offer",
      parameters: [idParameter],
      responses: { 200: { description: "The offer", content: json(offerSchema, OFFER_ANSWER) }, ...common(400, 404) },
    },
    patch: {
      summary: "Change an offer",
      description: "Any of its fields, checked as on create (rules: null goes back to the default rules). Every score against it becomes stale and is redone by the next scoring run.",
      parameters: [idParameter],
      requestBody: { required: true, content: json(offerPatchSchema, { value_props: ["24/7 outreach", "10x more meetings"] }, "input") },
      responses: { 200: { description: "The offer as changed", content: json(offerSchema, OFFER_ANSWER) }, ...common(400, 404, 409, 413, 415) },
    },
    delete: {
      summary: "Delete an offer and every score against it",
      parameters: [idParameter],
      responses: { 204: { description: "Deleted" }, ...common(400, 404, 409) },
    },
  },
  "/leads/{id}/": {
    delete: {
      summary: "Erase a lead",
      description: "The lead, its scores and any scoring claim on it are deleted, not hidden.",
      parameters: [idParameter],
      responses: { 204: { description: "Erased" }, ...common(400, 404) },
    },
  },
  "/uploads/": {
    get: {
      summary: "The latest 100 uploads, newest first",
      responses: { 200: { description: "The uploads", content: json(z.array(uploadRecordSchema)) }, ...common() },
    },
  },
  "/uploads/{id}/": {
    delete: {
      summary: "Delete an upload with its leads and their scores",
      parameters: [idParameter],
      responses: { 204: { description: "Deleted" }, ...common(400, 404) },
    },
  },
  "/leads/upload/": {
    post: {
      summary: "Import a CSV of leads",
      description:
        "Multipart form with the file in field csv_file (on_duplicate may come before or after it). The file is read as it arrives and stored in one transaction: all valid rows or, if the file is refused at any point, nothing. Columns are matched case-insensitively, in any order; extra columns are ignored. Valid rows are stored, invalid ones listed in skipped. An instance imports MAX_CONCURRENT_IMPORTS files at once and queues MAX_QUEUED_IMPORTS more; beyond that, 503 imports_busy with Retry-After.",
      requestBody: {
        required: true,
        content: {
          "multipart/form-data": {
            schema: jsonSchema(uploadFormSchema, "input"),
            example: { csv_file: "name,role,company,industry,location,linkedin_bio\nAva Patel,Head of Growth,FlowMetrics,B2B SaaS,Berlin,Scaling outbound teams" },
          },
        },
      },
      responses: {
        201: {
          description: "Imported",
          content: json(importResultSchema, {
            message: "Successfully uploaded 5 leads",
            uploaded: 5,
            created: 5,
            updated: 0,
            duplicates_skipped: 0,
            upload_id: 1,
            skipped: [],
            skipped_count: 0,
            warnings: [],
            warnings_count: 0,
          }),
        },
        ...common(400, 413, 415),
      },
    },
  },
  "/score/": {
    post: {
      summary: "Score leads against an offer",
      description: `Scores the leads not yet scored against the offer (offer_id, else the latest), or only lead_ids; rescore: true scores them again. It starts an interactive run (see /runs/) and waits for it; the run goes on if the client goes away, and the answer carries X-Run-Id. refresh_ai: true asks the AI again instead of reusing cached judgements. Answers with the leads scored in this call. With \`Accept: ${NDJSON_TYPE}\` the answer is instead a stream of one JSON object per line: a start line, a progress line per batch, then done — or, if scoring fails part-way, a final error line (scores saved so far are kept).`,
      requestBody: { required: false, content: json(scoreRequestSchema, { offer_id: 1, lead_ids: [1, 2, 3], rescore: false }, "input") },
      responses: {
        200: {
          description: `The leads scored in this call as JSON, or with Accept: ${NDJSON_TYPE} the progress stream, one JSON object per line`,
          content: {
            ...json(z.array(scoredLeadSchema), [SCORED_EXAMPLE]),
            [NDJSON_TYPE]: {
              schema: { description: "One of these JSON objects per line (newline-delimited JSON)", ...jsonSchema(scoringEventSchema) },
              example: '{"type":"start","offer_id":1,"total":50,"run_id":12}\n{"type":"progress","done":10,"total":50}\n{"type":"done","scored":50,"total":50}\n',
            },
          },
        },
        ...common(400, 404, 413, 415),
      },
    },
  },
  "/runs/": {
    get: {
      summary: "Scoring runs, newest first",
      parameters: queryParameters(runListQuerySchema, {
        limit: "At most this many runs (1–100, default 20)",
        before: "A next_cursor from the previous page",
        offer_id: "Only the runs of this offer",
        status: "Only runs in these statuses, comma-separated (e.g. queued,running,paused)",
      }),
      responses: {
        200: {
          description: "A page of runs; next_cursor is null on the last page",
          content: json(z.object({ runs: z.array(runSchema), next_cursor: z.string().nullable() }), { runs: [RUN_EXAMPLE], next_cursor: null }),
        },
        ...common(400),
      },
    },
    post: {
      summary: "Start a scoring run",
      description:
        "Queues a run and answers at once (202); any instance's background worker carries it out, and it survives a closed tab, a restart or a crash. The body is POST /score/'s plus mode (default: batch above GEMINI_BATCH_MODE_THRESHOLD leads when Gemini is configured). refresh_ai: true asks the AI again instead of reusing cached judgements. Follow it with GET /runs/{id}/ or /runs/{id}/events/.",
      requestBody: { required: false, content: json(runRequestSchema, { offer_id: 1, rescore: false, mode: "interactive" }, "input") },
      responses: {
        202: { description: "The queued run", headers: { Location: { description: "The run's URL", schema: { type: "string" } } }, content: json(runSchema, RUN_EXAMPLE) },
        ...common(400, 404, 413, 415),
      },
    },
  },
  "/runs/{id}/": {
    get: {
      summary: "One scoring run",
      parameters: [idParameter],
      responses: { 200: { description: "The run", content: json(runSchema, RUN_EXAMPLE) }, ...common(400, 404) },
    },
  },
  "/runs/{id}/cancel/": {
    post: {
      summary: "Cancel a run",
      description: "No lead is claimed for the run from now on; batches in flight finish and every score saved is kept.",
      parameters: [idParameter],
      responses: { 200: { description: "The cancelled run", content: json(runSchema, { ...RUN_EXAMPLE, status: "cancelled" }) }, ...common(400, 404, 409) },
    },
  },
  "/runs/{id}/events/": {
    get: {
      summary: "Follow a run (Server-Sent Events)",
      description:
        "A text/event-stream: a progress event (data: the run) each time the run changes, then an end event when it has ended, after which the stream closes. Each event's id is the run's version: reconnect with Last-Event-ID (or ?last_event_id= where a client cannot set headers) to get only what changed since — the end event at once if it ended meanwhile.",
      parameters: [
        idParameter,
        { name: "Last-Event-ID", in: "header", required: false, description: "The id of the last event received", schema: { type: "string", pattern: "^[0-9]+$" } },
        { name: "last_event_id", in: "query", required: false, description: "The same, for clients that cannot set headers", schema: { type: "string", pattern: "^[0-9]+$" } },
      ],
      responses: {
        200: {
          description: "The event stream",
          content: {
            "text/event-stream": {
              schema: { type: "string", description: "Events progress and end (data: a run as GET /runs/{id}/ answers it), and error (data: an error body)" },
              example: 'retry: 2000\n\nevent: progress\nid: 7\ndata: {"id":12,"status":"running","done":40,"total":200,…}\n\nevent: end\nid: 31\ndata: {"id":12,"status":"succeeded","done":200,"total":200,…}\n\n',
            },
          },
        },
        ...common(400, 404),
      },
    },
  },
  "/cron/runs/": {
    get: {
      summary: "Resume waiting runs and deliver due webhooks (for a scheduler such as Vercel Cron)",
      description: "Works on queued and interrupted runs for one slice (RUN_SLICE_SECONDS). Authorized by Authorization: Bearer $CRON_SECRET, not by a workspace key.",
      security: [{ cronSecret: [] }],
      responses: {
        200: { description: "How many runs it looked at", content: json(z.object({ runs: z.number().int(), webhooks: z.object({ claimed: z.number().int(), delivered: z.number().int(), failed: z.number().int() }) }), { runs: 1, webhooks: { claimed: 2, delivered: 2, failed: 0 } }) },
        401: errorResponse(401),
        403: errorResponse(403),
        405: errorResponse(405),
        503: errorResponse(503),
      },
    },
  },
  "/results/": {
    get: {
      summary: "Every lead with its score",
      description:
        "A plain JSON array; the total number of matching leads is in X-Total-Count. Unscored leads have null scores. With limit, X-Next-Cursor (when more follow) fetches the next page by keyset; without limit, every matching lead, streamed.",
      parameters: queryParameters(resultsQuerySchema, resultsFilters),
      responses: {
        200: {
          description: "The leads",
          headers: {
            "X-Total-Count": {
              description:
                "Leads matching the filters, before limit/offset: exact up to 10,000, beyond that the database's estimate (see X-Total-Count-Estimated). Counted on pages reached without a cursor; a page reached by cursor repeats the count of the page that started the walk",
              schema: { type: "integer" },
            },
            "X-Total-Count-Estimated": {
              description: "Present, with the value true, when X-Total-Count is an estimate (more than 10,000 leads match)",
              schema: { type: "string", enum: ["true"] },
            },
            "X-Next-Cursor": { description: "Present when a limit was given and more leads follow: pass it as cursor for the next page", schema: { type: "string" } },
          },
          content: json(z.array(resultRowSchema)),
        },
        ...common(400, 404),
      },
    },
  },
  "/csv/": {
    get: {
      summary: "The same results as lead_scores.csv",
      parameters: queryParameters(csvQuerySchema, resultsFilters),
      responses: {
        200: {
          description: "CSV file (attachment lead_scores.csv)",
          content: { "text/csv": { schema: { type: "string" }, example: "Name,Role,Company,Industry,Location,Intent,Score,Reasoning\r\nAva Patel,Head of Growth,FlowMetrics,B2B SaaS,Berlin,High,85,…\r\n" } },
        },
        ...common(400, 404),
      },
    },
  },
  "/api-keys/": {
    get: {
      summary: "List the workspace's API keys (never their secrets)",
      description: "Owners and admins, signed in (an API key cannot manage keys).",
      security: SIGNED_IN_ADMIN,
      responses: { 200: { description: "The keys", content: json(z.array(apiKeySchema)) }, ...common() },
    },
    post: {
      summary: "Create an API key",
      description: "Owners and admins, signed in. The secret is in this answer only; the server keeps its SHA-256 hash.",
      security: SIGNED_IN_ADMIN,
      requestBody: { required: true, content: json(apiKeyInputSchema, { name: "CRM sync", expires_in_days: 90, rate_limit_per_minute: 600 }, "input") },
      responses: { 201: { description: "Created", content: json(createdApiKeySchema) }, ...common(400, 413, 415) },
    },
  },
  "/api-keys/{id}/": {
    delete: {
      summary: "Revoke an API key",
      security: SIGNED_IN_ADMIN,
      parameters: [idParameter],
      responses: { 204: { description: "Revoked" }, ...common(400, 404) },
    },
  },
  "/webhooks/": {
    get: {
      summary: "List the workspace's webhook endpoints (never their secrets)",
      description: WEBHOOK_ADMIN,
      responses: { 200: { description: "The endpoints", content: json(z.array(webhookEndpointSchema), [WEBHOOK_ANSWER]) }, ...common() },
    },
    post: {
      summary: "Create a webhook endpoint",
      description: `${WEBHOOK_ADMIN} The url must be https and resolve to public addresses. Events: ${WEBHOOK_EVENT_TYPES.join(", ")}; min_intent limits lead.scored to leads of that intent or higher. The signing secret is in this answer only.`,
      requestBody: { required: true, content: json(webhookInputSchema, WEBHOOK_EXAMPLE, "input") },
      responses: { 201: { description: "Created", content: json(createdWebhookSchema, { ...WEBHOOK_ANSWER, secret: WEBHOOK_SECRET_EXAMPLE }) }, ...common(400, 413, 415) },
    },
  },
  "/webhooks/{id}/": {
    get: {
      summary: "One webhook endpoint",
      parameters: [idParameter],
      responses: { 200: { description: "The endpoint", content: json(webhookEndpointSchema, WEBHOOK_ANSWER) }, ...common(400, 404) },
    },
    patch: {
      summary: "Change a webhook endpoint, or turn it off or on",
      description: "Any of url, description, events, min_intent, enabled. Enabling an endpoint the server turned off clears its disabled_reason; deliveries waiting for it go out again.",
      parameters: [idParameter],
      requestBody: { required: true, content: json(webhookPatchSchema, { events: ["lead.scored"], min_intent: "Medium", enabled: true }, "input") },
      responses: { 200: { description: "The endpoint as changed", content: json(webhookEndpointSchema, WEBHOOK_ANSWER) }, ...common(400, 404, 413, 415) },
    },
    delete: {
      summary: "Delete a webhook endpoint and its delivery log",
      parameters: [idParameter],
      responses: { 204: { description: "Deleted" }, ...common(400, 404) },
    },
  },
  "/webhooks/{id}/rotate-secret/": {
    post: {
      summary: "Replace the endpoint's signing secret",
      description: "The new secret is in this answer only. For 24 hours requests carry a second signature made with the old secret, so the receiver can switch without missing events.",
      parameters: [idParameter],
      responses: { 200: { description: "The endpoint with its new secret", content: json(createdWebhookSchema, { ...WEBHOOK_ANSWER, secret: WEBHOOK_SECRET_EXAMPLE }) }, ...common(400, 404) },
    },
  },
  "/webhooks/{id}/test/": {
    post: {
      summary: "Send a webhook.test event to the endpoint now",
      description: "Sent whatever the endpoint subscribes to, even when it is turned off; answers with the delivery after the first attempt (retried like any other if it failed).",
      parameters: [idParameter],
      responses: {
        200: {
          description: "The delivery",
          content: json(webhookDeliverySchema, {
            ...DELIVERY_EXAMPLE,
            event_type: WEBHOOK_TEST_EVENT,
            payload: { type: WEBHOOK_TEST_EVENT, version: 1, timestamp: "2026-01-05T09:31:00.000Z", data: { message: "A test event from IntentScore.", endpoint_id: 1 } },
          }),
        },
        ...common(400, 404),
      },
    },
  },
  "/webhooks/{id}/deliveries/": {
    get: {
      summary: "The endpoint's delivery log, newest first",
      description: "Kept 30 days. The total is in X-Total-Count.",
      parameters: [idParameter, ...queryParameters(deliveriesQuerySchema, { limit: "At most this many (1–100, default 20)", offset: "Skip this many" })],
      responses: {
        200: {
          description: "The deliveries",
          headers: { "X-Total-Count": { description: "Deliveries of this endpoint", schema: { type: "integer" } } },
          content: json(z.array(webhookDeliverySchema), [DELIVERY_EXAMPLE]),
        },
        ...common(400, 404),
      },
    },
  },
};

export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "IntentScore API",
      version: "1.0.0",
      description:
        "Score B2B leads 0–100 for buying intent against an offer. Every call sends an API key (Authorization: Bearer <key> or X-API-Key) acting for the workspace it was made in; the web app uses its session cookie. Every path answers with and without its trailing slash. Any answer that is not a success is JSON {error, code, details?}.",
    },
    security: [{ bearerApiKey: [] }, { apiKeyHeader: [] }, { sessionCookie: [] }],
    paths: API_PATHS,
    components: {
      securitySchemes: {
        bearerApiKey: { type: "http", scheme: "bearer", description: "An API key (isk_…) from Settings → API keys" },
        apiKeyHeader: { type: "apiKey", in: "header", name: "X-API-Key", description: "The same API key in its own header" },
        cronSecret: { type: "http", scheme: "bearer", description: "CRON_SECRET, for /cron/runs/ only" },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "better-auth.session_token",
          description: "The web app's session (__Secure-better-auth.session_token over https). State-changing calls must come from this site.",
        },
      },
      schemas: { Error: jsonSchema(errorSchema) },
      responses: Object.fromEntries(
        Object.entries(ERRORS).map(([status, { codes, what }]) => [
          `Error${status}`,
          {
            description: `${what}. code: ${codes.join(", ")}`,
            content: {
              "application/json": {
                schema: { allOf: [{ $ref: "#/components/schemas/Error" }, { properties: { code: { enum: [...codes] } } }] },
                example: { error: "…", code: codes[0] },
              },
            },
          },
        ]),
      ),
    },
  };
}
