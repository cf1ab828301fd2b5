import { sql } from "drizzle-orm";
import {
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import type { RuleKeywords, ScoreBreakdown } from "@/lib/scoring/types";
import { AI_PROVIDERS, INTENTS } from "@/lib/scoring/types";

const createdAt = () =>
  timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

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
    name: text().notNull(),
    valueProps: jsonb("value_props").$type<string[]>().notNull(),
    idealUseCases: jsonb("ideal_use_cases").$type<string[]>().notNull(),
    rules: jsonb().$type<Partial<RuleKeywords>>(),
    createdAt: createdAt(),
  },
  (t) => [index("offers_created_at_idx").on(t.createdAt.desc(), t.id.desc())],
);

export const uploads = pgTable("uploads", {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  filename: text().notNull(),
  rowsAccepted: integer("rows_accepted").notNull(),
  rowsSkipped: integer("rows_skipped").notNull(),
  createdAt: createdAt(),
});

export const leads = pgTable(
  "leads",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    uploadId: integer("upload_id")
      .notNull()
      .references(() => uploads.id, { onDelete: "cascade" }),
    name: text().notNull(),
    role: text().notNull().default(""),
    company: text().notNull().default(""),
    industry: text().notNull().default(""),
    location: text().notNull().default(""),
    linkedinBio: text("linkedin_bio").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    index("leads_upload_id_idx").on(t.uploadId),
    index("leads_created_at_idx").on(t.createdAt, t.id),
    index("leads_name_idx").on(sql`lower(${t.name})`, t.id),
    index("leads_company_idx").on(sql`lower(${t.company})`, t.id),
  ],
);

export const scores = pgTable(
  "scores",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
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
    leadId: leadId(),
    offerId: offerId(),
    runId: text("run_id").notNull(),
    claimedAt: timestamp("claimed_at", { withTimezone: true, mode: "date" })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.leadId, t.offerId] }), index("scoring_claims_run_idx").on(t.runId)],
);
