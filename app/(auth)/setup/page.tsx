import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { countUsers } from "@/db/queries/workspaces";

export const metadata: Metadata = { title: "Set up" };

export default async function SetupPage() {
  if ((await countUsers()) > 0) redirect("/sign-in");
  return (
    <>
      <h1 className="text-xl font-semibold text-fg">Create the owner account</h1>
      <p className="mt-1 mb-5 text-sm text-fg-muted">
        This account owns the first workspace. Invite your team from Settings afterwards.
      </p>
      <SignUpForm submitLabel="Create the owner account" nameWorkspace />
    </>
  );
}
