import type { Metadata } from "next";
import { SignOutButton } from "@/components/auth/sign-out-button";

export const metadata: Metadata = { title: "No workspace" };

export default function NoWorkspacePage() {
  return (
    <>
      <h1 className="text-xl font-semibold text-fg">You are not in a workspace yet</h1>
      <p className="mt-2 mb-5 text-sm text-fg-muted">
        Open the invite link an owner or admin of your team sent you, or ask them for a new one.
      </p>
      <SignOutButton />
    </>
  );
}
