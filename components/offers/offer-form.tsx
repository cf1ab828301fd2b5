"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import type { OfferSummary } from "@/lib/api/client";
import { DEFAULT_RULES } from "@/lib/scoring/rules";
import type { RuleKeywords } from "@/lib/scoring/types";
import { offerInputSchema, type OfferFormValues } from "@/lib/validations/offer";
import { useCreateOffer, useStartRun, useUpdateOffer } from "../queries";
import { Button, ButtonLink } from "../ui/button";
import { fieldErrorClass, inputClass, labelClass } from "../ui/field";
import { Notice } from "../ui/notice";
import { ListField } from "./list-field";

const RULE_FIELDS: { key: keyof RuleKeywords; label: string }[] = [
  { key: "decision_maker_roles", label: "Decision-maker roles (20 points)" },
  { key: "influencer_roles", label: "Influencer roles (10 points)" },
  { key: "high_value_industries", label: "High-value industries (20 points)" },
  { key: "medium_value_industries", label: "Medium-value industries (10 points)" },
];

type Field = "name" | "value_props" | "ideal_use_cases" | "rules";
type Errors = Partial<Record<Field, string>>;
const FIELDS: Field[] = ["name", "value_props", "ideal_use_cases", "rules"];
// Where focus goes when a field is wrong: its first input.
const FIRST_INPUT: Record<Field, string> = { name: "offer-name", value_props: "value-props-0", ideal_use_cases: "use-cases-0", rules: "rules" };

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
    const field = issue.path[0] as Field;
    const entry = typeof issue.path[1] === "number" ? `Entry ${issue.path[1] + 1}: ` : "";
    errors[field] ??= `${entry}${issue.message[0]!.toUpperCase()}${issue.message.slice(1)}.`;
  }
  return errors;
}

/**
 * The offer form: a new offer, or changes to `offer`. A field's message appears once the field has
 * been left or the form submitted, and is worked out again on every keystroke, so it goes away as
 * soon as the field is fixed. After an edit it offers to score the offer's leads again.
 */
export function OfferForm({ offer }: { offer?: OfferSummary }) {
  const router = useRouter();
  const createOffer = useCreateOffer();
  const update = useUpdateOffer();
  const create = offer ? update : createOffer;
  const [name, setName] = useState(offer?.name ?? "");
  const [valueProps, setValueProps] = useState(offer?.value_props ?? [""]);
  const [useCases, setUseCases] = useState(offer?.ideal_use_cases ?? [""]);
  const [rules, setRules] = useState<Record<string, string>>(
    Object.fromEntries(Object.entries(offer?.rules ?? {}).map(([key, words]) => [key, (words ?? []).join(", ")])),
  );
  const [rulesOpen, setRulesOpen] = useState(Object.keys(offer?.rules ?? {}).length > 0);
  const [shown, setShown] = useState<ReadonlySet<Field>>(new Set());
  const rulesSummary = useRef<HTMLElement>(null);

  const typed = toValues(name, valueProps, useCases, rules);
  // An edit that empties every rule list goes back to the defaults, which a PATCH says with null.
  const values = offer ? { ...typed, rules: typed.rules ?? null } : typed;
  const problems = validate(values);
  const errors: Errors = Object.fromEntries(FIELDS.filter((field) => shown.has(field) && problems[field]).map((field) => [field, problems[field]]));

  // A server refusal is about what was sent; editing anything makes it stale.
  const edited =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      if (create.isError) create.reset();
    };

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setShown(new Set(FIELDS));
    const firstWrong = FIELDS.find((field) => problems[field]);
    if (firstWrong === "rules") {
      setRulesOpen(true);
      rulesSummary.current?.focus();
    } else if (firstWrong) {
      document.getElementById(FIRST_INPUT[firstWrong])?.focus();
    }
    if (firstWrong) return;
    if (offer) update.mutate({ id: offer.id, values });
    else createOffer.mutate(values, { onSuccess: (created) => router.push(`/?offer=${created.id}`) });
  }

  if (offer && update.isSuccess) return <OfferSaved offer={update.data} />;
  const busy = create.isPending || create.isSuccess;
  return (
    <form onSubmit={submit} noValidate className="space-y-6" aria-label={offer ? `Edit ${offer.name}` : "New offer"}>
      <div className="space-y-1.5">
        <label htmlFor="offer-name" className={`block ${labelClass}`}>
          Offer name
        </label>
        <input
          id="offer-name"
          value={name}
          onChange={(event) => edited(setName)(event.target.value)}
          onBlur={() => name !== "" && setShown((current) => new Set(current).add("name"))}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? "offer-name-error" : undefined}
          placeholder="e.g. AI Outreach Automation"
          autoComplete="off"
          className={inputClass}
        />
        {errors.name && (
          <p id="offer-name-error" className={fieldErrorClass}>
            {errors.name}
          </p>
        )}
      </div>
      <ListField
        id="value-props"
        label="Value propositions"
        hint="What it does for a customer; add each as its own entry."
        itemLabel="Value proposition"
        items={valueProps}
        onChange={edited(setValueProps)}
        error={errors.value_props}
        placeholder="e.g. 6x more meetings"
      />
      <ListField
        id="use-cases"
        label="Ideal use cases"
        hint="Who it is for: segments, company sizes, situations."
        itemLabel="Use case"
        items={useCases}
        onChange={edited(setUseCases)}
        error={errors.ideal_use_cases}
        placeholder="e.g. B2B SaaS mid-market"
      />
      <details
        open={rulesOpen}
        onToggle={(event) => setRulesOpen(event.currentTarget.open)}
        className="rounded-card border border-line bg-surface-muted/50 p-3"
      >
        <summary ref={rulesSummary} className="cursor-pointer rounded-control text-sm font-medium text-fg">
          Custom rule keywords (optional)
        </summary>
        <p className="mt-2 text-xs text-fg-muted">Comma-separated, matched as whole words. Leave a list empty to keep the default shown.</p>
        <div className="mt-3 space-y-3">
          {RULE_FIELDS.map(({ key, label }) => (
            <div key={key} className="space-y-1">
              <label htmlFor={`rule-${key}`} className="block text-xs font-medium text-fg">
                {label}
              </label>
              <input
                id={`rule-${key}`}
                value={rules[key] ?? ""}
                onChange={(event) => edited(setRules)({ ...rules, [key]: event.target.value })}
                aria-invalid={errors.rules ? true : undefined}
                aria-describedby={errors.rules ? "rules-error" : undefined}
                placeholder={DEFAULT_RULES[key].join(", ")}
                className={inputClass}
              />
            </div>
          ))}
        </div>
        {errors.rules && (
          <p id="rules-error" className={`mt-2 ${fieldErrorClass}`}>
            {errors.rules}
          </p>
        )}
      </details>
      {create.error && <Notice tone="danger">{create.error.message || `Could not ${offer ? "save" : "create"} the offer.`}</Notice>}
      <div className="flex flex-col-reverse gap-2 border-t border-line pt-5 sm:flex-row sm:justify-end">
        <ButtonLink href="/offers" variant="secondary">
          Cancel
        </ButtonLink>
        <Button type="submit" disabled={busy}>
          {offer ? (busy ? "Saving…" : "Save changes") : busy ? "Creating…" : "Create offer"}
        </Button>
      </div>
    </form>
  );
}

/** After an edit: the offer's scores are stale until a run scores its leads again, which this offers to start. */
function OfferSaved({ offer }: { offer: OfferSummary }) {
  const rescore = useStartRun();
  return (
    <div className="space-y-4">
      <Notice tone="success">
        Saved “{offer.name}”. Its leads keep their scores, marked stale, until they are scored again against the changed offer.
      </Notice>
      {rescore.isSuccess ? (
        <Notice tone="info">Scoring run #{rescore.data.id} started: the scores update as it goes.</Notice>
      ) : (
        rescore.error && <Notice tone="danger">{rescore.error.message || "The scoring run could not be started."}</Notice>
      )}
      <div className="flex flex-col-reverse gap-2 border-t border-line pt-5 sm:flex-row sm:justify-end">
        <ButtonLink href="/offers" variant="secondary">
          Back to offers
        </ButtonLink>
        {rescore.isSuccess ? (
          <ButtonLink href={`/?offer=${offer.id}`}>See the results</ButtonLink>
        ) : (
          <Button type="button" disabled={rescore.isPending} onClick={() => rescore.mutate({ offer_id: offer.id, rescore: false })}>
            {rescore.isPending ? "Starting…" : "Rescore leads now"}
          </Button>
        )}
      </div>
    </div>
  );
}
