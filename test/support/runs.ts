import { getDb } from "@/db";
import { scoringRuns } from "@/db/schema";
import type { WorkspaceScope } from "@/db/scope";
import { getAnalyzer } from "@/lib/ai";
import { PROMPT_VERSION } from "@/lib/ai/prompt";
import type { RunStatus } from "@/lib/scoring/types";

/** A run row as another instance would have written it (for tests that stage claims or history). */
export async function insertRun(
  scope: WorkspaceScope,
  offerId: number,
  status: RunStatus = "running",
  leadIds?: number[],
  mode: "interactive" | "batch" = "interactive",
): Promise<number> {
  const { provider, model } = getAnalyzer();
  const [run] = await (await getDb())
    .insert(scoringRuns)
    .values({ workspaceId: scope.workspaceId, offerId, offerName: "Staged", mode, status, leadIds, provider, model, promptVersion: PROMPT_VERSION })
    .returning({ id: scoringRuns.id });
  return run!.id;
}
