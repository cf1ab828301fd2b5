import { and, eq } from "drizzle-orm";
import { getDb } from "../index";
import { leads } from "../schema";
import type { WorkspaceScope } from "../scope";

/** Deletes a lead, and with it (by cascade) its scores and scoring claims. False when there is no such lead here. */
export async function deleteLead(scope: WorkspaceScope, id: number): Promise<boolean> {
  const db = await getDb();
  const deleted = await db
    .delete(leads)
    .where(and(eq(leads.workspaceId, scope.workspaceId), eq(leads.id, id)))
    .returning({ id: leads.id });
  return deleted.length > 0;
}
