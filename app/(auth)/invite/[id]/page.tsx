import type { Metadata } from "next";
import { headers } from "next/headers";
import { AcceptInvite } from "@/components/auth/accept-invite";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { findInvitationPreview, userExists } from "@/db/queries/workspaces";
import { getAuth } from "@/lib/auth/server";

export const metadata: Metadata = { title: "Join a workspace" };

export default async function InvitePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const invitation = await findInvitationPreview(id);
  if (!invitation?.usable) {
    return (
      <>
        <h1 className="text-xl font-semibold text-fg">This invite link cannot be used</h1>
        <p className="mt-2 text-sm text-fg-muted">
          It has expired, was cancelled, or was used already. Ask an owner or admin of your workspace for a new one.
        </p>
      </>
    );
  }
  const session = await (await getAuth()).api.getSession({ headers: await headers() });
  const signedInAs = session?.user.email;
  if (signedInAs && signedInAs.toLowerCase() !== invitation.email.toLowerCase()) {
    return (
      <>
        <h1 className="text-xl font-semibold text-fg">This invite is for someone else</h1>
        <p className="mt-2 mb-5 text-sm text-fg-muted">
          You are signed in as {signedInAs}, but the invite is for {invitation.email}. Sign out, then open the link again.
        </p>
        <SignOutButton />
      </>
    );
  }
  return (
    <>
      <h1 className="text-xl font-semibold text-fg">Join {invitation.workspaceName}</h1>
      <p className="mt-1 mb-5 text-sm text-fg-muted">
        {invitation.inviterName} invited {invitation.email} as {invitation.role === "admin" ? "an admin" : "a member"}.
      </p>
      <AcceptInvite
        invitationId={invitation.id}
        email={invitation.email}
        step={signedInAs ? "accept" : (await userExists(invitation.email)) ? "sign-in" : "sign-up"}
      />
    </>
  );
}
