import { connection } from "next/server";
import { AppHeader } from "@/components/shell/app-header";
import { getAnalyzer } from "@/lib/ai";
import { requirePageSession } from "@/lib/auth/page";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  // The analyzer depends on the server's environment at run time, never on the build's.
  await connection();
  const { principal, user, workspaces } = await requirePageSession();
  const { provider, model } = getAnalyzer();
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only rounded-control bg-primary px-4 py-2 text-sm font-medium text-on-primary focus:not-sr-only focus:absolute focus:left-4 focus:top-3 focus:z-50"
      >
        Skip to content
      </a>
      <AppHeader
        ai={{ provider, model }}
        user={user}
        workspaces={workspaces}
        activeWorkspaceId={principal.scope.workspaceId}
      />
      <main id="main" tabIndex={-1} className="focus:outline-none mx-auto w-full max-w-7xl flex-1 space-y-6 px-4 py-6 sm:px-6 lg:px-8 lg:py-8">
        {children}
      </main>
    </div>
  );
}
