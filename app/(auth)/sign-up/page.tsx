import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Create an account" };

/** Open sign-up, only where ALLOW_SIGNUP is on; otherwise joining is by invitation. */
export default function SignUpPage() {
  if (!env.ALLOW_SIGNUP) redirect("/sign-in");
  return (
    <>
      <h1 className="text-xl font-semibold text-fg">Create an account</h1>
      <p className="mt-1 mb-5 text-sm text-fg-muted">You get a workspace of your own.</p>
      <SignUpForm submitLabel="Create account" nameWorkspace={false} />
      <p className="mt-5 text-sm text-fg-muted">
        Have an account?{" "}
        <Link href="/sign-in" className="font-medium text-accent underline underline-offset-2">
          Sign in
        </Link>
      </p>
    </>
  );
}
