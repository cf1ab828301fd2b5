import { z } from "zod";
import { AI_PROVIDERS, INTENTS } from "@/lib/scoring/types";
import { apiKeyInputSchema } from "@/lib/validations/api-keys";
import { idPathSchema } from "@/lib/validations/common";
import { offerInputSchema, offerPatchSchema } from "@/lib/validations/offer";
import { csvQuerySchema, resultsQuerySchema, SORT_FIELDS } from "@/lib/validations/results";
import { scoreRequestSchema } from "@/lib/validations/score";
import { uploadOptionsSchema } from "@/lib/validations/uploads";
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
});

export const scoringEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("start"), offer_id: z.number().int(), total: z.number().int() }),
  z.object({ type: z.literal("progress"), done: z.number().int(), total: z.number().int() }),
  z.object({ type: z.literal("done"), scored: z.number().int(), total: z.number().int() }),
  z.object({ type: z.literal("error"), error: z.string(), code: z.string() }),
]);

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
  400: { codes: ["validation_failed", "invalid_json", "unreadable_body", "multipart_required", "invalid_multipart", "missing_file", "empty_file", "not_csv", "malformed_csv", "missing_columns", "no_rows", "no_valid_rows", "no_leads", "unknown_leads"], what: "Bad input; nothing was changed" },
  401: { codes: ["unauthorized"], what: "No credentials, or a wrong, expired or revoked key (with WWW-Authenticate: Bearer)" },
  403: { codes: ["forbidden", "cross_site_request"], what: "A member attempting an owner/admin action, or a cookie-authenticated write from another site" },
  404: { codes: ["not_found", "offer_not_found", "upload_not_found", "lead_not_found", "api_key_not_found", "no_offer"], what: "Unknown id (or one from another workspace), or no endpoint at this path" },
  405: { codes: ["method_not_allowed"], what: "Method not allowed here; Allow lists the ones that are" },
  413: { codes: ["payload_too_large"], what: "JSON body over 1 MB, or upload over MAX_UPLOAD_MB" },
  415: { codes: ["unsupported_media_type"], what: "Wrong Content-Type (a form where JSON is expected)" },
  429: { codes: ["rate_limited"], what: "The key's requests per minute are used up; see Retry-After" },
  500: { codes: ["internal_error"], what: "A fault on the server's side (never expected; logged with its request id)" },
  503: { codes: ["database_unavailable"], what: "The database is unreachable, not migrated, read-only or shutting down" },
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
  offset: "Skip this many leads",
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
};

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
      responses: { 200: { description: "The offer as changed", content: json(offerSchema, OFFER_ANSWER) }, ...common(400, 404, 413, 415) },
    },
    delete: {
      summary: "Delete an offer and every score against it",
      parameters: [idParameter],
      responses: { 204: { description: "Deleted" }, ...common(400, 404) },
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
        "Multipart form with the file in field csv_file. Columns are matched case-insensitively, in any order; extra columns are ignored. Valid rows are stored, invalid ones listed in skipped.",
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
      description: `Scores the leads not yet scored against the offer (offer_id, else the latest), or only lead_ids; rescore: true scores them again. Answers with the leads scored in this call. With \`Accept: ${NDJSON_TYPE}\` the answer is instead a stream of one JSON object per line: a start line, a progress line per batch, then done — or, if scoring fails part-way, a final error line (scores saved so far are kept).`,
      requestBody: { required: false, content: json(scoreRequestSchema, { offer_id: 1, lead_ids: [1, 2, 3], rescore: false }, "input") },
      responses: {
        200: {
          description: `The leads scored in this call as JSON, or with Accept: ${NDJSON_TYPE} the progress stream, one JSON object per line`,
          content: {
            ...json(z.array(scoredLeadSchema), [SCORED_EXAMPLE]),
            [NDJSON_TYPE]: {
              schema: { description: "One of these JSON objects per line (newline-delimited JSON)", ...jsonSchema(scoringEventSchema) },
              example: '{"type":"start","offer_id":1,"total":50}\n{"type":"progress","done":10,"total":50}\n{"type":"done","scored":50,"total":50}\n',
            },
          },
        },
        ...common(400, 404, 413, 415),
      },
    },
  },
  "/results/": {
    get: {
      summary: "Every lead with its score",
      description: "A plain JSON array; the total number of matching leads is in X-Total-Count. Unscored leads have null scores.",
      parameters: queryParameters(resultsQuerySchema, resultsFilters),
      responses: {
        200: {
          description: "The leads",
          headers: { "X-Total-Count": { description: "Leads matching the filters, before limit/offset", schema: { type: "integer" } } },
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
