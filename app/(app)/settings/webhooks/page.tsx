import type { Metadata } from "next";
import { SettingsNav } from "@/components/settings/settings-nav";
import { WebhooksSettings } from "@/components/settings/webhooks-settings";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageSession } from "@/lib/auth/page";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const { principal } = await requirePageSession();
  return (
    <>
      <PageHeader title="Settings" description="Who works in this workspace, and how integrations connect to it." />
      <SettingsNav current="/settings/webhooks" />
      {principal.role === "member" ? (
        <Notice tone="info">Only an owner or admin of this workspace can see and manage its webhooks.</Notice>
      ) : (
        <WebhooksSettings />
      )}
    </>
  );
}
