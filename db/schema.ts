import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { RuleKeywords, ScoreBreakdown } from "@/lib/scoring/types";
import { AI_PROVIDERS, INTENTS, RUN_MODES, RUN_STATUSES } from "@/lib/scoring/types";
import { WEBHOOK_DELIVERY_STATUSES, type WebhookEventType, type WebhookPayload } from "@/lib/validations/webhooks";

const createdAt = () =>
  timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();


const updatedAt = () =>
  timestamp("updated_at", { withTimezone: true, mode: "date" })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

/** Every row of the product's data belongs to exactly one workspace. */
const workspaceId = () =>
  text("workspace_id")
    .notNull()
    .references(() => organization.id, { onDelete: "cascade" });

// Identity (better-auth's models: user, session, account, verification; its organization plugin's
// organization, member, invitation; its database rate limiter). better-auth addresses them by these
// export names; a workspace is better-auth's organization.

export const user = pgTable("users", {
  id: text().primaryKey(),
  name: text().notNull(),
  email: text().notNull().unique(),
  emailVerified: boolean("email_verified").notNull().default(false),
  image: text(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const session = pgTable(
  "sessions",
  {
    id: text().primaryKey(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    token: text().notNull().unique(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    activeOrganizationId: text("active_workspace_id"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const account = pgTable(
  "accounts",
  {
    id: text().primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true, mode: "date" }),
    refreshTokenExpiresAt: timestamp("refresh_token_expires_at", { withTimezone: true, mode: "date" }),
    scope: text(),
    password: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("accounts_user_idx").on(t.userId)],
);

export const verification = pgTable(
  "verifications",
  {
    id: text().primaryKey(),
    identifier: text().notNull(),
    value: text().notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("verifications_identifier_idx").on(t.identifier)],
);

export const organization = pgTable("workspaces", {
  id: text().primaryKey(),
  name: text().notNull(),
  slug: text().notNull().unique(),
  logo: text(),
  metadata: text(),
  createdAt: createdAt(),
});

export const member = pgTable(
  "workspace_members",
  {
    id: text().primaryKey(),
    organizationId: text("workspace_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    role: text().notNull().default("member"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("workspace_members_workspace_user_uq").on(t.organizationId, t.userId), index("workspace_members_user_idx").on(t.userId)],
);

export const invitation = pgTable(
  "invitations",
  {
    id: text().primaryKey(),
    organizationId: text("workspace_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    email: text().notNull(),
    role: text(),
    status: text().notNull().default("pending"),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    createdAt: createdAt(),
    inviterId: text("inviter_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
  },
  (t) => [index("invitations_workspace_idx").on(t.organizationId), index("invitations_email_idx").on(t.email)],
);

export const rateLimit = pgTable("auth_rate_limits", {
  id: text().primaryKey(),
  key: text().notNull().unique(),
  count: integer().notNull(),
  lastRequest: bigint("last_request", { mode: "number" }).notNull(),
});

/**
 * Keys for integrations, in the manner of dub: only a SHA-256 hash of the secret is stored, with
 * the first characters shown to tell keys apart. A key acts for one workspace.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: workspaceId(),
    name: text().notNull(),
    hash: text().notNull().unique(),
    /** The visible part: the prefix and the last four characters, e.g. `isk_…a1b2`. */
    hint: text().notNull(),
    createdBy: text("created_by").references(() => user.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, mode: "date" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
    /** Requests a minute this key may make; null → API_RATE_LIMIT_PER_MINUTE. */
    rateLimitPerMinute: integer("rate_limit_per_minute"),
  },
  (t) => [index("api_keys_workspace_idx").on(t.workspaceId, t.createdAt)],
);

/** Fixed-window request counters (per API key), shared by every instance through the database. */
export const rateLimitWindows = pgTable(
  "rate_limit_windows",
  {
    bucket: text().notNull(),
    windowStart: timestamp("window_start", { withTimezone: true, mode: "date" }).notNull(),
    count: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] })],
);


const leadId = () =>
  integer("lead_id")
    .notNull()
    .references(() => leads.id, { onDelete: "cascade" });
const offerId = () =>
  integer("offer_id")
    .notNull()
    .references(() => offers.id, { onDelete: "cascade" });

export const intentEnum = pgEnum("intent", INTENTS);
export const aiProviderEnum = pgEnum("ai_provider", AI_PROVIDERS);

export const offers = pgTable(
  "offers",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: workspaceId(),
    name: text().notNull(),
    valueProps: jsonb("value_props").$type<string[]>().notNull(),
    idealUseCases: jsonb("ideal_use_cases").$type<string[]>().notNull(),
    rules: jsonb().$type<Partial<RuleKeywords>>(),
    createdAt: createdAt(),
  },
  (t) => [index("offers_workspace_created_at_idx").on(t.workspaceId, t.createdAt.desc(), t.id.desc())],
);

export const uploads = pgTable(
  "uploads",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: workspaceId(),
    filename: text().notNull(),
    rowsAccepted: integer("rows_accepted").notNull(),
    rowsSkipped: integer("rows_skipped").notNull(),
    /** Accepted rows that matched a lead already stored (or an earlier row of the file). */
    rowsDuplicate: integer("rows_duplicate").notNull().default(0),
    /** Who uploaded: a member, or an integration's API key (both null for uploads made before this was kept). */
    uploadedByUserId: text("uploaded_by_user_id").references(() => user.id, { onDelete: "set null" }),
    uploadedByApiKeyId: integer("uploaded_by_api_key_id").references(() => apiKeys.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("uploads_workspace_created_at_idx").on(t.workspaceId, t.createdAt),
    // What the leads' foreign key points at: an upload of the lead's own workspace.
    unique("uploads_id_workspace_uq").on(t.id, t.workspaceId),
  ],
);

export const leads = pgTable(
  "leads",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    // No foreign key of its own: the one below, to the upload in the same workspace, covers both
    // (deleting a workspace deletes its uploads, and they their leads) with one check per row
    // stored instead of two — a fifth of a large import's insert.
    workspaceId: text("workspace_id").notNull(),
    uploadId: integer("upload_id").notNull(),
    name: text().notNull(),
    role: text().notNull().default(""),
    company: text().notNull().default(""),
    industry: text().notNull().default(""),
    location: text().notNull().default(""),
    linkedinBio: text("linkedin_bio").notNull().default(""),
    linkedinUrl: text("linkedin_url"),
    /** Who the lead is, for finding duplicates: the LinkedIn URL, else name and company, folded (lib/csv/lead-identity.ts). */
    identity: text().notNull(),
    /** Stored with on_duplicate=keep although its identity was taken; later uploads match the original. */
    keptDuplicate: boolean("kept_duplicate").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ name: "leads_upload_workspace_fk", columns: [t.uploadId, t.workspaceId], foreignColumns: [uploads.id, uploads.workspaceId] }).onDelete("cascade"),
    uniqueIndex("leads_workspace_identity_uq").on(t.workspaceId, t.identity).where(sql`not ${t.keptDuplicate}`),
    index("leads_upload_id_idx").on(t.uploadId),
    index("leads_workspace_created_at_idx").on(t.workspaceId, t.createdAt, t.id),
    index("leads_workspace_name_idx").on(t.workspaceId, sql`lower(${t.name})`, t.id),
    index("leads_workspace_company_idx").on(t.workspaceId, sql`lower(${t.company})`, t.id),
    // Results at scale (#9): every lead sort is an index walk, for offset and keyset pages alike.
    // The pg_trgm index for `q` is in migration 0003 by hand: PGlite loads no pg_trgm.
    index("leads_workspace_role_idx").on(t.workspaceId, sql`lower(${t.role})`, t.id),
    index("leads_workspace_industry_idx").on(t.workspaceId, sql`lower(${t.industry})`, t.id),
    index("leads_workspace_location_idx").on(t.workspaceId, sql`lower(${t.location})`, t.id),
    index("leads_workspace_id_idx").on(t.workspaceId, t.id),
  ],
);

export const scores = pgTable(
  "scores",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: workspaceId(),
    leadId: leadId(),
    offerId: offerId(),
    ruleScore: integer("rule_score").notNull(),
    aiIntent: intentEnum("ai_intent").notNull(),
    aiScore: integer("ai_score").notNull(),
    aiProvider: aiProviderEnum("ai_provider").notNull(),
    aiModel: text("ai_model").notNull(),
    reasoning: text().notNull(),
    score: integer().notNull(),
    intent: intentEnum().notNull(),
    breakdown: jsonb().$type<ScoreBreakdown>().notNull(),
    /** The lead or the offer changed after scoring: the next run scores it again. */
    stale: boolean().notNull().default(false),
    /** The run that wrote this score (null for scores written before runs were kept). */
    runId: integer("run_id").references(() => scoringRuns.id, { onDelete: "set null" }),
    /** The AI judgement was reused from the judgement cache, not asked for again. */
    aiCached: boolean("ai_cached").notNull().default(false),
    scoredAt: timestamp("scored_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    unique("scores_lead_offer_uq").on(t.leadId, t.offerId),
    // Results at a million leads (#9): every score sort is a walk of one of these per offer, ties by
    // lead id (db/queries/results.ts reads scored leads from scores first); the intent index also
    // orders one intent's leads by score. The intent rank is SORT_EXPRESSIONS.intent, verbatim.
    index("scores_offer_score_idx").on(t.offerId, t.score, t.leadId),
    index("scores_offer_intent_idx").on(t.offerId, t.intent, t.score, t.leadId),
    index("scores_offer_intent_rank_idx").on(t.offerId, sql`(case ${t.intent} when 'High' then 3 when 'Medium' then 2 when 'Low' then 1 end)`, t.leadId),
    index("scores_offer_rule_score_idx").on(t.offerId, t.ruleScore, t.leadId),
    index("scores_offer_ai_score_idx").on(t.offerId, t.aiScore, t.leadId),
    // The offer results show by default (the latest scored): a run writes many scores with one scored_at.
    index("scores_workspace_scored_at_idx").on(t.workspaceId, t.scoredAt, t.id),
    index("scores_scored_at_idx").on(t.scoredAt),
    index("scores_run_lead_idx").on(t.runId, t.leadId),
  ],
);

/**
 * A lead being scored against an offer right now. Claiming before scoring is what keeps two
 * concurrent runs from scoring the same lead twice; a claim left by a crashed run expires.
 */
export const scoringClaims = pgTable(
  "scoring_claims",
  {
    workspaceId: workspaceId(),
    leadId: leadId(),
    offerId: offerId(),
    runId: integer("run_id")
      .notNull()
      .references(() => scoringRuns.id, { onDelete: "cascade" }),
    /** Live while recent; a batch run's claims are dated ahead, to hold its leads while Google works. */
    claimedAt: timestamp("claimed_at", { withTimezone: true, mode: "date" })
      .notNull()
      .default(sql`now()`),
    /** An import refreshed the lead after the run read it: the score the run saves for it is stale. */
    leadChanged: boolean("lead_changed").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.leadId, t.offerId] }), index("scoring_claims_run_idx").on(t.runId)],
);

export const runModeEnum = pgEnum("run_mode", RUN_MODES);
export const runStatusEnum = pgEnum("run_status", RUN_STATUSES);

/**
 * A scoring run: what was asked (offer, leads, mode), by whom, and how it went. The run's state is
 * here and nowhere else, so any instance can pick it up: queued and running runs are worked on by
 * every live instance (their leads are shared out through scoring_claims); a batch run's job at
 * Google is polled by whichever instance holds its lease.
 */
export const scoringRuns = pgTable(
  "scoring_runs",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: workspaceId(),
    offerId: integer("offer_id").references(() => offers.id, { onDelete: "set null" }),
    /** Kept for the history once the offer is deleted. */
    offerName: text("offer_name").notNull(),
    startedByUserId: text("started_by_user_id").references(() => user.id, { onDelete: "set null" }),
    startedByApiKeyId: integer("started_by_api_key_id").references(() => apiKeys.id, { onDelete: "set null" }),
    mode: runModeEnum().notNull(),
    status: runStatusEnum().notNull().default("queued"),
    /** Only these leads; all of the workspace's leads when null. */
    leadIds: jsonb("lead_ids").$type<number[]>(),
    rescore: boolean().notNull().default(false),
    /** Ask the AI again even where the judgement cache has an answer. */
    refreshAi: boolean("refresh_ai").notNull().default(false),
    /**
     * A rescore run scores again the leads whose score predates this moment. Rescore runs of one
     * offer that overlap share it, so together they score each lead once.
     */
    rescoreBefore: timestamp("rescore_before", { withTimezone: true, mode: "string" }),
    total: integer().notNull().default(0),
    done: integer().notNull().default(0),
    fallbacks: integer().notNull().default(0),
    cached: integer().notNull().default(0),
    provider: text().notNull(),
    model: text().notNull(),
    promptVersion: text("prompt_version").notNull(),
    aiCalls: integer("ai_calls").notNull().default(0),
    tokensIn: bigint("tokens_in", { mode: "number" }).notNull().default(0),
    tokensOut: bigint("tokens_out", { mode: "number" }).notNull().default(0),
    tokensThinking: bigint("tokens_thinking", { mode: "number" }).notNull().default(0),
    /** Estimated from lib/ai/pricing.ts; null when the model has no known price (or no AI was paid for). */
    costUsd: doublePrecision("cost_usd"),
    error: text(),
    errorCode: text("error_code"),
    /** Bumped on every change a watcher should see; the id of the run's server-sent events. */
    version: integer().notNull().default(1),
    /** Times an instance took the run up (more than one after a crash or a redeploy). */
    attempts: integer().notNull().default(0),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true, mode: "date" }),
    /** A batch run's poller: the instance that holds it, until when. */
    leaseOwner: text("lease_owner"),
    leaseUntil: timestamp("lease_until", { withTimezone: true, mode: "date" }),
    /** The Gemini batch job in flight, its state, and which request key holds which leads. */
    batchName: text("batch_name"),
    batchState: text("batch_state"),
    batchKeys: jsonb("batch_keys").$type<Record<string, number[]>>(),
    nextPollAt: timestamp("next_poll_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    index("scoring_runs_workspace_created_idx").on(t.workspaceId, t.createdAt.desc(), t.id.desc()),
    index("scoring_runs_active_idx").on(t.status).where(sql`${t.status} in ('queued', 'running', 'paused')`),
  ],
);

/**
 * Gemini's judgement of a lead for an offer's pitch, reused while the lead's fields, the offer's
 * value propositions and use cases, the model and the prompt stay the same. Deleted with the lead.
 */
export const aiJudgements = pgTable(
  "ai_judgements",
  {
    workspaceId: workspaceId(),
    leadId: leadId(),
    offerHash: text("offer_hash").notNull(),
    model: text().notNull(),
    promptVersion: text("prompt_version").notNull(),
    leadHash: text("lead_hash").notNull(),
    intent: intentEnum().notNull(),
    reasoning: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.leadId, t.offerHash, t.model, t.promptVersion] })],
);

/** Leads sent to the AI per workspace per UTC day, for AI_DAILY_LEAD_LIMIT. */
export const aiDailyUsage = pgTable(
  "ai_daily_usage",
  {
    workspaceId: workspaceId(),
    day: date({ mode: "string" }).notNull(),
    leads: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.day] })],
);

// ── Webhooks (issue #10) ────────────────────────────────────────────────────────────────────────

export const webhookDeliveryStatusEnum = pgEnum("webhook_delivery_status", WEBHOOK_DELIVERY_STATUSES);

/** Where a workspace wants its events sent, which events, and whether sending is on. */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: workspaceId(),
    url: text().notNull(),
    description: text().notNull().default(""),
    /** Subscribed event types (WEBHOOK_EVENT_TYPES). */
    events: text().array().$type<WebhookEventType[]>().notNull(),
    /** lead.scored only for leads of this intent or higher; null: every intent. */
    minIntent: intentEnum("min_intent"),
    /**
     * The signing secret (`whsec_…`), AES-256-GCM-encrypted with a key derived from
     * BETTER_AUTH_SECRET (lib/webhooks/secret-box.ts): the server must read it to sign.
     */
    secret: text().notNull(),
    /** The secret before the last rotation, still signed with until previous_secret_expires_at. */
    previousSecret: text("previous_secret"),
    previousSecretExpiresAt: timestamp("previous_secret_expires_at", { withTimezone: true, mode: "date" }),
    enabled: boolean().notNull().default(true),
    /** Why sending stopped when the server turned it off (24 h of failures); null when a person did. */
    disabledReason: text("disabled_reason"),
    /** Since when every attempt has failed; null after a success. */
    failingSince: timestamp("failing_since", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("webhook_endpoints_workspace_idx").on(t.workspaceId, t.id)],
);

/**
 * The outbox: one row per event and endpoint, written in the same transaction as the event, sent by
 * whichever instance claims it (locked_until is the claim's lease), retried on a schedule.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: workspaceId(),
    endpointId: integer("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    /** `msg_…`: the webhook-id header, the same on every attempt, for the receiver to deduplicate. */
    eventId: text("event_id").notNull(),
    eventType: text("event_type").notNull(),
    payload: jsonb().$type<WebhookPayload>().notNull(),
    /** The lead a lead.scored event is about: erasing the lead erases its events too. */
    leadId: integer("lead_id").references(() => leads.id, { onDelete: "cascade" }),
    status: webhookDeliveryStatusEnum().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, mode: "date" }).defaultNow(),
    lockedUntil: timestamp("locked_until", { withTimezone: true, mode: "date" }),
    lastResponseCode: integer("last_response_code"),
    lastLatencyMs: integer("last_latency_ms"),
    /** What went wrong with the last attempt, with at most a short snippet of the answer's body. */
    lastError: text("last_error"),
    createdAt: createdAt(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    unique("webhook_deliveries_endpoint_event_uq").on(t.endpointId, t.eventId),
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.id.desc()),
    index("webhook_deliveries_lead_idx").on(t.leadId),
    index("webhook_deliveries_created_at_idx").on(t.createdAt),
  ],
);
