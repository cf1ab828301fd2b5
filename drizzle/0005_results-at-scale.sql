CREATE INDEX "leads_workspace_role_idx" ON "leads" USING btree ("workspace_id",lower("role"),"id");--> statement-breakpoint
CREATE INDEX "leads_workspace_industry_idx" ON "leads" USING btree ("workspace_id",lower("industry"),"id");--> statement-breakpoint
CREATE INDEX "leads_workspace_location_idx" ON "leads" USING btree ("workspace_id",lower("location"),"id");--> statement-breakpoint
CREATE INDEX "leads_workspace_id_idx" ON "leads" USING btree ("workspace_id","id");--> statement-breakpoint
-- Hand-written: a trigram index for the results search (q: ILIKE '%…%' on name, company and role).
-- PostgreSQL only: PGlite loads no pg_trgm, and a server without the contrib package (or a role
-- that may not create the extension) keeps working without it, searching by scan.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX IF NOT EXISTS "leads_search_trgm_idx" ON "leads" USING gin ("name" gin_trgm_ops, "company" gin_trgm_ops, "role" gin_trgm_ops);
  END IF;
EXCEPTION WHEN insufficient_privilege OR undefined_file THEN
  RAISE NOTICE 'pg_trgm is not available: the results search runs without its index';
END $$;
