"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { inputClass } from "@/components/ui/field";
import type { WorkspaceMembership } from "@/db/queries/workspaces";
import { authClient } from "@/lib/auth/client";

type Props = {
  user: { name: string; email: string };
  workspaces: WorkspaceMembership[];
  activeWorkspaceId: string;
};

/** The workspace switcher and who is signed in, with sign-out. */
export function AccountMenu({ user, workspaces, activeWorkspaceId }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);

  async function switchTo(workspaceId: string) {
    setBusy(true);
    await authClient.organization.setActive({ organizationId: workspaceId });
    // Everything cached belongs to the workspace left behind.
    queryClient.clear();
    router.replace("/");
    router.refresh();
    setBusy(false);
  }

  async function signOut() {
    setBusy(true);
    await authClient.signOut();
    queryClient.clear();
    router.replace("/sign-in");
    router.refresh();
  }

  return (
    <div className="flex items-center gap-2">
      <label className="sr-only" htmlFor="workspace-switcher">
        Workspace
      </label>
      <select
        id="workspace-switcher"
        className={`${inputClass} max-w-44 py-1.5`}
        value={activeWorkspaceId}
        disabled={busy || workspaces.length < 2}
        onChange={(event) => void switchTo(event.target.value)}
        title={workspaces.length < 2 ? "Your only workspace" : "Switch workspace"}
      >
        {workspaces.map((workspace) => (
          <option key={workspace.id} value={workspace.id}>
            {workspace.name}
          </option>
        ))}
      </select>
      <span className="hidden max-w-40 truncate text-sm text-fg-muted lg:inline" title={user.email}>
        {user.name}
      </span>
      <button
        type="button"
        onClick={() => void signOut()}
        disabled={busy}
        className="whitespace-nowrap rounded-control px-2 py-1.5 text-sm font-medium text-fg-muted hover:bg-surface-muted hover:text-fg"
      >
        Sign out
      </button>
    </div>
  );
}
