import type { Metadata } from "next";
import { MembersSettings } from "@/components/settings/members-settings";
import { requirePageSession } from "@/lib/auth/page";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const { principal, user } = await requirePageSession();
  return <MembersSettings workspaceId={principal.scope.workspaceId} role={principal.role} currentUserId={user.id} />;
}
