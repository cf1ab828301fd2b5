import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
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
import { AI_PROVIDERS, INTENTS } from "@/lib/scoring/types";

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
  (t) => [index("uploads_workspace_created_at_idx").on(t.workspaceId, t.createdAt)],
);

export const leads = pgTable(
  "leads",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: workspaceId(),
    uploadId: integer("upload_id")
      .notNull()
      .references(() => uploads.id, { onDelete: "cascade" }),
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
    uniqueIndex("leads_workspace_identity_uq").on(t.workspaceId, t.identity).where(sql`not ${t.keptDuplicate}`),
    index("leads_upload_id_idx").on(t.uploadId),
    index("leads_workspace_created_at_idx").on(t.workspaceId, t.createdAt, t.id),
    index("leads_workspace_name_idx").on(t.workspaceId, sql`lower(${t.name})`, t.id),
    index("leads_workspace_company_idx").on(t.workspaceId, sql`lower(${t.company})`, t.id),
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
    scoredAt: timestamp("scored_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    unique("scores_lead_offer_uq").on(t.leadId, t.offerId),
    index("scores_offer_score_idx").on(t.offerId, t.score),
    index("scores_offer_intent_idx").on(t.offerId, t.intent),
    index("scores_scored_at_idx").on(t.scoredAt),
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
    runId: text("run_id").notNull(),
    claimedAt: timestamp("claimed_at", { withTimezone: true, mode: "date" })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.leadId, t.offerId] }), index("scoring_claims_run_idx").on(t.runId)],
);
