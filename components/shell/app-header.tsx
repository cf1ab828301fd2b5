import Link from "next/link";
import type { WorkspaceMembership } from "@/db/queries/workspaces";
import { AccountMenu } from "./account-menu";
import type { AiInfo } from "./ai-info";
import { MainNav } from "./main-nav";
import { ProductMark } from "./product-mark";

type Props = {
  ai: AiInfo;
  user: { name: string; email: string };
  workspaces: WorkspaceMembership[];
  activeWorkspaceId: string;
};

export function AppHeader({ ai, user, workspaces, activeWorkspaceId }: Props) {
  return (
    <header className="border-b border-line bg-surface">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-1 px-4 py-2 sm:flex-nowrap sm:px-6 lg:px-8">
        <Link href="/" className="flex items-center gap-2 rounded-control py-1.5 text-base font-semibold tracking-tight text-fg">
          <ProductMark />
          IntentScore
        </Link>
        <div className="order-last w-full sm:order-none sm:w-auto">
          <MainNav />
        </div>
        <p
          className="ml-auto flex items-center gap-1.5 rounded-full bg-surface-muted px-2.5 py-1 text-xs font-medium text-fg-muted"
          title={ai.provider === "gemini" ? `Intent judged by Gemini (${ai.model})` : "No Gemini key is configured; the offline analyzer judges intent"}
        >
          <span aria-hidden className={`h-1.5 w-1.5 rounded-full ${ai.provider === "gemini" ? "bg-high-bar" : "bg-medium-bar"}`} />
          <span className="sr-only">AI: </span>
          {ai.provider === "gemini" ? `Gemini · ${ai.model}` : "Offline analyzer"}
        </p>
        <AccountMenu user={user} workspaces={workspaces} activeWorkspaceId={activeWorkspaceId} />
      </div>
    </header>
  );
}
