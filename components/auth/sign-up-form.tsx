"use client";

import { useRouter } from "next/navigation";
import { authClient } from "@/lib/auth/client";
import { CredentialsForm, required, strongEnough, validEmail } from "./credentials-form";

const DEFAULT_NAME = "Default workspace";

/**
 * A new account. The first one (owner setup) owns the first workspace and names it; with open
 * sign-up, each new account gets a workspace of its own.
 */
export function SignUpForm({ submitLabel, nameWorkspace }: { submitLabel: string; nameWorkspace: boolean }) {
  const router = useRouter();
  return (
    <CredentialsForm
      submitLabel={submitLabel}
      busyLabel="Creating…"
      fields={[
        { name: "name", label: "Your name", autoComplete: "name", check: required("your name") },
        { name: "email", label: "Email", type: "email", autoComplete: "email", check: validEmail },
        { name: "password", label: "Password", type: "password", autoComplete: "new-password", check: strongEnough },
        ...(nameWorkspace
          ? [{ name: "workspace", label: "Workspace name", autoComplete: "organization", defaultValue: DEFAULT_NAME, check: required("a workspace name") }]
          : []),
      ]}
      onSubmit={async ({ name, email, password, workspace }) => {
        const { error } = await authClient.signUp.email({ name: name!.trim(), email: email!.trim(), password: password! });
        if (error) return error.message ?? "The account could not be created.";
        const { data: session } = await authClient.getSession();
        const workspaceId = session?.session.activeOrganizationId;
        if (workspaceId && workspace && workspace.trim() !== DEFAULT_NAME) {
          await authClient.organization.update({ organizationId: workspaceId, data: { name: workspace.trim() } });
        }
        router.replace("/");
        router.refresh();
        return undefined;
      }}
    />
  );
}
