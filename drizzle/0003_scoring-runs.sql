CREATE TYPE "public"."run_mode" AS ENUM('interactive', 'batch');--> statement-breakpoint
CREATE TYPE "public"."run_status" AS ENUM('queued', 'running', 'paused', 'succeeded', 'failed', 'cancelled');--> statement-breakpoint
CREATE TABLE "ai_daily_usage" (
	"workspace_id" text NOT NULL,
	"day" date NOT NULL,
	"leads" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "ai_daily_usage_workspace_id_day_pk" PRIMARY KEY("workspace_id","day")
);
--> statement-breakpoint
CREATE TABLE "ai_judgements" (
	"workspace_id" text NOT NULL,
	"lead_id" integer NOT NULL,
	"offer_hash" text NOT NULL,
	"model" text NOT NULL,
	"prompt_version" text NOT NULL,
	"lead_hash" text NOT NULL,
	"intent" "intent" NOT NULL,
	"reasoning" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ai_judgements_lead_id_offer_hash_model_prompt_version_pk" PRIMARY KEY("lead_id","offer_hash","model","prompt_version")
);
--> statement-breakpoint
CREATE TABLE "scoring_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "scoring_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"workspace_id" text NOT NULL,
	"offer_id" integer,
	"offer_name" text NOT NULL,
	"started_by_user_id" text,
	"started_by_api_key_id" integer,
	"mode" "run_mode" NOT NULL,
	"status" "run_status" DEFAULT 'queued' NOT NULL,
	"lead_ids" jsonb,
	"rescore" boolean DEFAULT false NOT NULL,
	"refresh_ai" boolean DEFAULT false NOT NULL,
	"rescore_before" timestamp with time zone,
	"total" integer DEFAULT 0 NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"fallbacks" integer DEFAULT 0 NOT NULL,
	"cached" integer DEFAULT 0 NOT NULL,
	"provider" text NOT NULL,
	"model" text NOT NULL,
	"prompt_version" text NOT NULL,
	"ai_calls" integer DEFAULT 0 NOT NULL,
	"tokens_in" bigint DEFAULT 0 NOT NULL,
	"tokens_out" bigint DEFAULT 0 NOT NULL,
	"tokens_thinking" bigint DEFAULT 0 NOT NULL,
	"cost_usd" double precision,
	"error" text,
	"error_code" text,
	"version" integer DEFAULT 1 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"heartbeat_at" timestamp with time zone,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"batch_name" text,
	"batch_state" text,
	"batch_keys" jsonb,
	"next_poll_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
-- Claims name a scoring run now; a claim from before this migration belongs to no run that can finish.
DELETE FROM "scoring_claims";--> statement-breakpoint
ALTER TABLE "scoring_claims" ALTER COLUMN "run_id" SET DATA TYPE integer USING "run_id"::integer;--> statement-breakpoint
ALTER TABLE "scores" ADD COLUMN "run_id" integer;--> statement-breakpoint
ALTER TABLE "scores" ADD COLUMN "ai_cached" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "ai_daily_usage" ADD CONSTRAINT "ai_daily_usage_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_judgements" ADD CONSTRAINT "ai_judgements_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_judgements" ADD CONSTRAINT "ai_judgements_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scoring_runs" ADD CONSTRAINT "scoring_runs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scoring_runs" ADD CONSTRAINT "scoring_runs_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scoring_runs" ADD CONSTRAINT "scoring_runs_started_by_user_id_users_id_fk" FOREIGN KEY ("started_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scoring_runs" ADD CONSTRAINT "scoring_runs_started_by_api_key_id_api_keys_id_fk" FOREIGN KEY ("started_by_api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "scoring_runs_workspace_created_idx" ON "scoring_runs" USING btree ("workspace_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "scoring_runs_active_idx" ON "scoring_runs" USING btree ("status") WHERE "scoring_runs"."status" in ('queued', 'running', 'paused');--> statement-breakpoint
ALTER TABLE "scores" ADD CONSTRAINT "scores_run_id_scoring_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."scoring_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scoring_claims" ADD CONSTRAINT "scoring_claims_run_id_scoring_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."scoring_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "scores_run_lead_idx" ON "scores" USING btree ("run_id","lead_id");