"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { authClient } from "@/lib/auth/client";
import { CredentialsForm, strongEnough, validEmail } from "./credentials-form";

/** Sign-in with email and password, and with Google where the server has it configured. */
export function SignInForm({ google, email, after = "/" }: { google: boolean; email?: string; after?: string }) {
  const router = useRouter();
  return (
    <div className="space-y-4">
      <CredentialsForm
        submitLabel="Sign in"
        busyLabel="Signing in…"
        fields={[
          { name: "email", label: "Email", type: "email", autoComplete: "email", defaultValue: email, readOnly: email !== undefined, check: validEmail },
          { name: "password", label: "Password", type: "password", autoComplete: "current-password", check: strongEnough },
        ]}
        onSubmit={async ({ email: address, password }) => {
          const { error } = await authClient.signIn.email({ email: address!.trim(), password: password! });
          if (error) return error.status === 429 ? "Too many attempts. Wait a minute and try again." : "The email or password is not right.";
          router.replace(after);
          router.refresh();
          return undefined;
        }}
      />
      {google && (
        <Button variant="secondary" className="w-full" onClick={() => void authClient.signIn.social({ provider: "google", callbackURL: after })}>
          Continue with Google
        </Button>
      )}
    </div>
  );
}
