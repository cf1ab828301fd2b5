"use client";

import { useState } from "react";
import { ApiRequestError, fetchJson, type OfferSummary } from "@/lib/api/client";
import { DEFAULT_RULES } from "@/lib/scoring/rules";
import type { RuleKeywords } from "@/lib/scoring/types";
import { offerInputSchema, type OfferFormValues } from "@/lib/validations/offer";
import { ListField } from "./list-field";

const RULE_FIELDS: { key: keyof RuleKeywords; label: string }[] = [
  { key: "decision_maker_roles", label: "Decision-maker roles (20 points)" },
  { key: "influencer_roles", label: "Influencer roles (10 points)" },
  { key: "high_value_industries", label: "High-value industries (20 points)" },
  { key: "medium_value_industries", label: "Medium-value industries (10 points)" },
];

type Errors = Partial<Record<"name" | "value_props" | "ideal_use_cases" | "rules" | "form", string>>;

const splitKeywords = (text: string) => text.split(",").map((word) => word.trim()).filter(Boolean);

function toValues(name: string, valueProps: string[], useCases: string[], rules: Record<string, string>): OfferFormValues {
  const filled = (items: string[]) => items.filter((item) => item.trim() !== "");
  const customRules = Object.fromEntries(
    Object.entries(rules).filter(([, text]) => text.trim() !== "").map(([key, text]) => [key, splitKeywords(text)]),
  );
  return {
    name,
    value_props: filled(valueProps),
    ideal_use_cases: filled(useCases),
    ...(Object.keys(customRules).length > 0 ? { rules: customRules } : {}),
  };
}

/** Validates with the same schema as POST /product/offer/ and reports the first problem per field. */
function validate(values: OfferFormValues): Errors {
  const parsed = offerInputSchema.safeParse(values);
  if (parsed.success) return {};
  const errors: Errors = {};
  for (const issue of parsed.error.issues) {
    const field = (issue.path[0] ?? "form") as keyof Errors;
    const entry = typeof issue.path[1] === "number" ? `Entry ${issue.path[1] + 1}: ` : "";
    errors[field] ??= `${entry}${issue.message[0]!.toUpperCase()}${issue.message.slice(1)}.`;
  }
  return errors;
}

export function OfferForm({ onCreated, onCancel }: { onCreated: (offer: OfferSummary) => void; onCancel?: () => void }) {
  const [name, setName] = useState("");
  const [valueProps, setValueProps] = useState([""]);
  const [useCases, setUseCases] = useState([""]);
  const [rules, setRules] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Errors>({});
  const [submitting, setSubmitting] = useState(false);

  const values = () => toValues(name, valueProps, useCases, rules);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const found = validate(values());
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSubmitting(true);
    try {
      const { data } = await fetchJson<OfferSummary>("/product/offer/", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(values()),
      });
      onCreated(data);
    } catch (error) {
      setErrors({ form: error instanceof ApiRequestError ? error.message : "Could not create the offer." });
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="New offer">
      <div className="space-y-1">
        <label htmlFor="offer-name" className="text-sm font-medium text-slate-800">
          Offer name
        </label>
        <input
          id="offer-name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          onBlur={() => setErrors((current) => ({ ...current, name: validate(values()).name }))}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? "offer-name-error" : undefined}
          placeholder="e.g. AI Outreach Automation"
          className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500"
        />
        {errors.name && (
          <p id="offer-name-error" className="text-sm text-red-700">
            {errors.name}
          </p>
        )}
      </div>
      <ListField
        id="value-props"
        label="Value propositions"
        itemLabel="Value proposition"
        items={valueProps}
        onChange={setValueProps}
        error={errors.value_props}
        placeholder="e.g. 6x more meetings"
      />
      <ListField
        id="use-cases"
        label="Ideal use cases"
        itemLabel="Use case"
        items={useCases}
        onChange={setUseCases}
        error={errors.ideal_use_cases}
        placeholder="e.g. B2B SaaS mid-market"
      />
      <details className="rounded-md border border-slate-200 bg-slate-50 p-3">
        <summary className="cursor-pointer text-sm font-medium text-slate-800">Custom rule keywords (optional)</summary>
        <p className="mt-2 text-xs text-slate-600">
          Comma-separated, matched as whole words. Leave a list empty to keep the default shown.
        </p>
        <div className="mt-3 space-y-3">
          {RULE_FIELDS.map(({ key, label }) => (
            <div key={key} className="space-y-1">
              <label htmlFor={`rule-${key}`} className="text-xs font-medium text-slate-700">
                {label}
              </label>
              <input
                id={`rule-${key}`}
                value={rules[key] ?? ""}
                onChange={(event) => setRules((current) => ({ ...current, [key]: event.target.value }))}
                placeholder={DEFAULT_RULES[key].join(", ")}
                className="w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
              />
            </div>
          ))}
        </div>
        {errors.rules && <p className="mt-2 text-sm text-red-700">{errors.rules}</p>}
      </details>
      {errors.form && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {errors.form}
        </p>
      )}
      <div className="flex gap-2">
        <button
          type="submit"
          disabled={submitting}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-700 disabled:opacity-50"
        >
          {submitting ? "Creating…" : "Create offer"}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel} className="rounded-md px-4 py-2 text-sm text-slate-700 hover:bg-slate-100">
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
