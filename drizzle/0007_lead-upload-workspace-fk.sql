ALTER TABLE "uploads" ADD CONSTRAINT "uploads_id_workspace_uq" UNIQUE("id","workspace_id");--> statement-breakpoint
ALTER TABLE "leads" DROP CONSTRAINT "leads_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "leads" DROP CONSTRAINT "leads_upload_id_uploads_id_fk";
--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_upload_workspace_fk" FOREIGN KEY ("upload_id","workspace_id") REFERENCES "public"."uploads"("id","workspace_id") ON DELETE cascade ON UPDATE no action;
