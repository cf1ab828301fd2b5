"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { authClient } from "@/lib/auth/client";
import { CredentialsForm, required, strongEnough } from "./credentials-form";
import { SignInForm } from "./sign-in-form";

type Props = { invitationId: string; email: string; step: "sign-up" | "sign-in" | "accept" };

/** Joins the workspace: creates the account or signs in first where needed, then accepts the invitation. */
export function AcceptInvite({ invitationId, email, step }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function accept(): Promise<string | undefined> {
    const { data, error: refused } = await authClient.organization.acceptInvitation({ invitationId });
    if (refused) return refused.message ?? "The invitation could not be accepted.";
    if (data?.member) await authClient.organization.setActive({ organizationId: data.member.organizationId });
    router.replace("/");
    router.refresh();
    return undefined;
  }

  if (step === "sign-in") return <SignInForm google={false} email={email} after={`/invite/${invitationId}`} />;
  if (step === "sign-up") {
    return (
      <CredentialsForm
        submitLabel="Create account and join"
        busyLabel="Joining…"
        fields={[
          { name: "email", label: "Email", type: "email", autoComplete: "email", defaultValue: email, readOnly: true },
          { name: "name", label: "Your name", autoComplete: "name", check: required("your name") },
          { name: "password", label: "Password", type: "password", autoComplete: "new-password", check: strongEnough },
        ]}
        onSubmit={async ({ name, password }) => {
          const { error: refused } = await authClient.signUp.email({ email, name: name!.trim(), password: password! });
          if (refused) return refused.message ?? "The account could not be created.";
          return accept();
        }}
      />
    );
  }
  return (
    <div className="space-y-4">
      {error && <Notice tone="danger">{error}</Notice>}
      <Button
        className="w-full"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void accept().then((problem) => {
            setError(problem);
            setBusy(false);
          });
        }}
      >
        {busy ? "Joining…" : "Join workspace"}
      </Button>
    </div>
  );
}
