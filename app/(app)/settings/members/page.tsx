import type { Metadata } from "next";
import { MembersSettings } from "@/components/settings/members-settings";
import { SettingsNav } from "@/components/settings/settings-nav";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageSession } from "@/lib/auth/page";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const { principal, user } = await requirePageSession();
  return (
    <>
      <PageHeader title="Settings" description="Who works in this workspace, and how integrations connect to it." />
      <SettingsNav current="/settings/members" />
      <MembersSettings workspaceId={principal.scope.workspaceId} role={principal.role} currentUserId={user.id} />
    </>
  );
}
