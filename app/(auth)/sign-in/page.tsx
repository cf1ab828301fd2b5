import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { countUsers } from "@/db/queries/workspaces";
import { getAuth } from "@/lib/auth/server";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  if ((await countUsers()) === 0) redirect("/setup");
  if (await (await getAuth()).api.getSession({ headers: await headers() })) redirect("/");
  return (
    <>
      <h1 className="mb-5 text-xl font-semibold text-fg">Sign in</h1>
      <SignInForm google={Boolean(env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET)} />
      <p className="mt-5 text-sm text-fg-muted">
        {env.ALLOW_SIGNUP ? (
          <>
            New here?{" "}
            <Link href="/sign-up" className="font-medium text-accent underline underline-offset-2">
              Create an account
            </Link>
          </>
        ) : (
          "New to the team? Ask an owner or admin of your workspace for an invite link."
        )}
      </p>
    </>
  );
}
