import { deleteLead } from "@/db/queries/leads";
import type { WorkspaceScope } from "@/db/scope";
import { notFound } from "@/lib/errors";

/** Erases a lead: the row, its scores and its claims are deleted, not hidden. 404 when unknown here. */
export async function eraseLead(scope: WorkspaceScope, id: number): Promise<void> {
  if (!(await deleteLead(scope, id))) throw notFound(`Lead ${id} was not found.`, { code: "lead_not_found" });
}
