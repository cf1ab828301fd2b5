import { SettingsNav } from "@/components/settings/settings-nav";
import { PageHeader } from "@/components/ui/page-header";

export default function SettingsLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <PageHeader title="Settings" description="Who works in this workspace, and how integrations connect to it." />
      <SettingsNav />
      {children}
    </>
  );
}
