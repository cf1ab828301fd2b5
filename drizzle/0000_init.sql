CREATE TYPE "public"."ai_provider" AS ENUM('gemini', 'offline', 'fallback');--> statement-breakpoint
CREATE TYPE "public"."intent" AS ENUM('High', 'Medium', 'Low');--> statement-breakpoint
CREATE TABLE "leads" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "leads_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"upload_id" integer NOT NULL,
	"name" text NOT NULL,
	"role" text DEFAULT '' NOT NULL,
	"company" text DEFAULT '' NOT NULL,
	"industry" text DEFAULT '' NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"linkedin_bio" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "offers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"value_props" jsonb NOT NULL,
	"ideal_use_cases" jsonb NOT NULL,
	"rules" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scores" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "scores_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"lead_id" integer NOT NULL,
	"offer_id" integer NOT NULL,
	"rule_score" integer NOT NULL,
	"ai_intent" "intent" NOT NULL,
	"ai_score" integer NOT NULL,
	"ai_provider" "ai_provider" NOT NULL,
	"ai_model" text NOT NULL,
	"reasoning" text NOT NULL,
	"score" integer NOT NULL,
	"intent" "intent" NOT NULL,
	"breakdown" jsonb NOT NULL,
	"scored_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scores_lead_offer_uq" UNIQUE("lead_id","offer_id")
);
--> statement-breakpoint
CREATE TABLE "scoring_claims" (
	"lead_id" integer NOT NULL,
	"offer_id" integer NOT NULL,
	"run_id" text NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scoring_claims_lead_id_offer_id_pk" PRIMARY KEY("lead_id","offer_id")
);
--> statement-breakpoint
CREATE TABLE "uploads" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "uploads_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"filename" text NOT NULL,
	"rows_accepted" integer NOT NULL,
	"rows_skipped" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scores" ADD CONSTRAINT "scores_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scores" ADD CONSTRAINT "scores_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scoring_claims" ADD CONSTRAINT "scoring_claims_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scoring_claims" ADD CONSTRAINT "scoring_claims_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "leads_upload_id_idx" ON "leads" USING btree ("upload_id");--> statement-breakpoint
CREATE INDEX "leads_created_at_idx" ON "leads" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "leads_name_idx" ON "leads" USING btree (lower("name"),"id");--> statement-breakpoint
CREATE INDEX "leads_company_idx" ON "leads" USING btree (lower("company"),"id");--> statement-breakpoint
CREATE INDEX "offers_created_at_idx" ON "offers" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "scores_offer_score_idx" ON "scores" USING btree ("offer_id","score");--> statement-breakpoint
CREATE INDEX "scores_offer_intent_idx" ON "scores" USING btree ("offer_id","intent");--> statement-breakpoint
CREATE INDEX "scores_scored_at_idx" ON "scores" USING btree ("scored_at");--> statement-breakpoint
CREATE INDEX "scoring_claims_run_idx" ON "scoring_claims" USING btree ("run_id");