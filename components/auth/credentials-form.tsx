"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { isEmailAddress, TextField } from "@/components/ui/text-field";
import { Notice } from "@/components/ui/notice";

export type CredentialField = {
  name: string;
  label: string;
  type?: "text" | "email" | "password";
  autoComplete: string;
  defaultValue?: string;
  readOnly?: boolean;
  /** A message when the value is not acceptable, or undefined when it is. */
  check?: (value: string) => string | undefined;
};

type Props = {
  fields: CredentialField[];
  submitLabel: string;
  busyLabel: string;
  /** Resolves to an error message to show, or undefined on success. */
  onSubmit: (values: Record<string, string>) => Promise<string | undefined>;
};

/** The one form behind owner setup, sign-in and joining by invitation: checked as typed, errors announced. */
export function CredentialsForm({ fields, submitLabel, busyLabel, onSubmit }: Props) {
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((field) => [field.name, field.defaultValue ?? ""])),
  );
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const problems = Object.fromEntries(fields.map((field) => [field.name, field.check?.(values[field.name] ?? "")]));

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (Object.values(problems).some(Boolean)) return;
    setBusy(true);
    setError(await onSubmit(values).catch(() => "Could not reach the IntentScore server. Try again."));
    setBusy(false);
  }

  return (
    <form className="space-y-4" onSubmit={(event) => void submit(event)} noValidate>
      {fields.map((field) => {
        const problem = touched ? problems[field.name] : undefined;
        return (
          <TextField
            key={field.name}
            id={field.name}
            name={field.name}
            label={field.label}
            type={field.type ?? "text"}
            autoComplete={field.autoComplete}
            readOnly={field.readOnly}
            value={values[field.name]}
            error={problem}
            onChange={(event) => setValues((current) => ({ ...current, [field.name]: event.target.value }))}
          />
        );
      })}
      {error && <Notice tone="danger">{error}</Notice>}
      <Button type="submit" className="w-full" disabled={busy}>
        {busy ? busyLabel : submitLabel}
      </Button>
    </form>
  );
}

export const required = (what: string) => (value: string) => (value.trim() ? undefined : `Enter ${what}.`);
export const validEmail = (value: string) => (isEmailAddress(value) ? undefined : "Enter an email address like ana@example.com.");
export const strongEnough = (value: string) => (value.length >= 8 ? undefined : "Use at least 8 characters.");
