"use client";

import type { OfferSummary } from "@/lib/api/client";
import type { RuleKeywords } from "@/lib/scoring/types";
import { useOffers } from "../queries";
import { ButtonLink } from "../ui/button";
import { Card } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { formatDateTime } from "../ui/format";

const RULE_LABELS: Record<keyof RuleKeywords, string> = {
  decision_maker_roles: "Decision-maker roles",
  influencer_roles: "Influencer roles",
  high_value_industries: "High-value industries",
  medium_value_industries: "Medium-value industries",
};

/** Every offer, newest first, each with the way to its results. */
export function OfferList() {
  const offers = useOffers();
  if (offers.length === 0) {
    return (
      <Card>
        <EmptyState title="No offers yet — describe what you sell" action={<ButtonLink href="/offers/new">Create an offer</ButtonLink>}>
          Leads are scored against an offer: its name, what it does for customers, and who it is for.
        </EmptyState>
      </Card>
    );
  }
  return (
    <ul aria-label="Offers" className="grid gap-4 lg:grid-cols-2">
      {offers.map((offer) => (
        <OfferCard key={offer.id} offer={offer} />
      ))}
    </ul>
  );
}

function OfferCard({ offer }: { offer: OfferSummary }) {
  const rules = Object.entries(offer.rules ?? {}) as [keyof RuleKeywords, string[]][];
  return (
    <Card as="li" className="flex flex-col gap-4">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 className="break-words text-base font-semibold text-fg">{offer.name}</h2>
          <p className="text-xs text-fg-muted">
            #{offer.id} · created{" "}
            <time dateTime={offer.created_at} suppressHydrationWarning>
              {formatDateTime(offer.created_at)}
            </time>
          </p>
        </div>
        <ButtonLink href={`/?offer=${offer.id}`} variant="secondary" size="sm" aria-label={`Results for ${offer.name} (#${offer.id})`}>
          Results
        </ButtonLink>
      </div>
      <dl className="grid gap-3 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-fg-muted">Value propositions</dt>
          <dd className="mt-1">
            <ul className="list-disc space-y-0.5 pl-4 text-fg">
              {offer.value_props.map((item, index) => (
                <li key={index} className="break-words">
                  {item}
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-fg-muted">Ideal use cases</dt>
          <dd className="mt-1">
            <ul className="list-disc space-y-0.5 pl-4 text-fg">
              {offer.ideal_use_cases.map((item, index) => (
                <li key={index} className="break-words">
                  {item}
                </li>
              ))}
            </ul>
          </dd>
        </div>
        {rules.length > 0 && (
          <div className="sm:col-span-2">
            <dt className="text-xs font-medium uppercase tracking-wide text-fg-muted">Custom rule keywords</dt>
            <dd className="mt-1 space-y-0.5 text-fg">
              {rules.map(([key, words]) => (
                <p key={key} className="break-words">
                  <span className="text-fg-muted">{RULE_LABELS[key]}:</span> {words.join(", ")}
                </p>
              ))}
            </dd>
          </div>
        )}
      </dl>
    </Card>
  );
}
