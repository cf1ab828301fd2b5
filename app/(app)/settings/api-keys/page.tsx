import type { Metadata } from "next";
import { AdminOnly } from "@/components/settings/admin-only";
import { ApiKeysSettings } from "@/components/settings/api-keys-settings";
import { requirePageSession } from "@/lib/auth/page";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const { principal } = await requirePageSession();
  return (
    <AdminOnly role={principal.role} what="API keys">
      <ApiKeysSettings />
    </AdminOnly>
  );
}
