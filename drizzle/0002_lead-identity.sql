ALTER TABLE "leads" ADD COLUMN "linkedin_url" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "identity" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "kept_duplicate" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Hand-written backfill: the identity lib/csv/lead-identity.ts computes for a lead without a
-- LinkedIn URL (exact for ASCII text: case folded, punctuation removed, whitespace collapsed).
UPDATE "leads" SET "identity" = 'name:'
  || btrim(regexp_replace(regexp_replace(lower("name"), '[[:punct:]]+', '', 'g'), '[[:space:]]+', ' ', 'g'))
  || '|'
  || btrim(regexp_replace(regexp_replace(lower("company"), '[[:punct:]]+', '', 'g'), '[[:space:]]+', ' ', 'g'));--> statement-breakpoint
-- Leads already stored twice stay; the oldest is the one later uploads match.
UPDATE "leads" SET "kept_duplicate" = true WHERE "id" NOT IN (SELECT min("id") FROM "leads" GROUP BY "workspace_id", "identity");--> statement-breakpoint
ALTER TABLE "leads" ALTER COLUMN "identity" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "scores" ADD COLUMN "stale" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "uploads" ADD COLUMN "rows_duplicate" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "uploads" ADD COLUMN "uploaded_by_user_id" text;--> statement-breakpoint
ALTER TABLE "uploads" ADD COLUMN "uploaded_by_api_key_id" integer;--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_uploaded_by_user_id_users_id_fk" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_uploaded_by_api_key_id_api_keys_id_fk" FOREIGN KEY ("uploaded_by_api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "leads_workspace_identity_uq" ON "leads" USING btree ("workspace_id","identity") WHERE not "leads"."kept_duplicate";