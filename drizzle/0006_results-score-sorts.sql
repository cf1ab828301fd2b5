DROP INDEX "scores_offer_score_idx";--> statement-breakpoint
DROP INDEX "scores_offer_intent_idx";--> statement-breakpoint
CREATE INDEX "scores_offer_intent_rank_idx" ON "scores" USING btree ("offer_id",(case "intent" when 'High' then 3 when 'Medium' then 2 when 'Low' then 1 end),"lead_id");--> statement-breakpoint
CREATE INDEX "scores_offer_rule_score_idx" ON "scores" USING btree ("offer_id","rule_score","lead_id");--> statement-breakpoint
CREATE INDEX "scores_offer_ai_score_idx" ON "scores" USING btree ("offer_id","ai_score","lead_id");--> statement-breakpoint
CREATE INDEX "scores_workspace_scored_at_idx" ON "scores" USING btree ("workspace_id","scored_at","id");--> statement-breakpoint
CREATE INDEX "scores_offer_score_idx" ON "scores" USING btree ("offer_id","score","lead_id");--> statement-breakpoint
CREATE INDEX "scores_offer_intent_idx" ON "scores" USING btree ("offer_id","intent","score","lead_id");