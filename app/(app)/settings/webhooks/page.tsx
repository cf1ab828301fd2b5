import type { Metadata } from "next";
import { AdminOnly } from "@/components/settings/admin-only";
import { WebhooksSettings } from "@/components/settings/webhooks-settings";
import { requirePageSession } from "@/lib/auth/page";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const { principal } = await requirePageSession();
  return (
    <AdminOnly role={principal.role} what="webhooks">
      <WebhooksSettings />
    </AdminOnly>
  );
}
