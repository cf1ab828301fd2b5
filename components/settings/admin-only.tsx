import type { Role } from "@/db/queries/workspaces";
import { Notice } from "../ui/notice";

/** Settings only an owner or admin may see: a member is told so instead. */
export function AdminOnly({ role, what, children }: { role: Role; what: string; children: React.ReactNode }) {
  if (role !== "member") return children;
  return <Notice tone="info">Only an owner or admin of this workspace can see and manage its {what}.</Notice>;
}
