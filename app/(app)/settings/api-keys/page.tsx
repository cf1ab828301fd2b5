import type { Metadata } from "next";
import { ApiKeysSettings } from "@/components/settings/api-keys-settings";
import { SettingsNav } from "@/components/settings/settings-nav";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageSession } from "@/lib/auth/page";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const { principal } = await requirePageSession();
  return (
    <>
      <PageHeader title="Settings" description="Who works in this workspace, and how integrations connect to it." />
      <SettingsNav current="/settings/api-keys" />
      {principal.role === "member" ? (
        <Notice tone="info">Only an owner or admin of this workspace can see and manage its API keys.</Notice>
      ) : (
        <ApiKeysSettings />
      )}
    </>
  );
}
