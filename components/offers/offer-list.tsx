"use client";

import { countResults, type OfferSummary } from "@/lib/api/client";
import { INTENTS, type RuleKeywords } from "@/lib/scoring/types";
import { useDeleteOffer, useOffers } from "../queries";
import { Button, ButtonLink } from "../ui/button";
import { Card } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { about, formatDateTime, plural } from "../ui/format";
import { Notice } from "../ui/notice";

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

/** Asks first, saying how many scores go with the offer (its leads stay). */
async function confirmDelete(offer: OfferSummary): Promise<boolean> {
  const scored = await countResults({ offerId: offer.id, uploadId: null, intents: [...INTENTS], q: "", sort: "id" });
  const scores = scored.total === 0 ? "It has no scores yet." : `Its ${about(scored.estimated)}${plural(scored.total, "score")} will be deleted for good.`;
  return window.confirm(`Delete the offer “${offer.name}” (#${offer.id})? ${scores} Your leads stay.`);
}

function OfferCard({ offer }: { offer: OfferSummary }) {
  const rules = Object.entries(offer.rules ?? {}) as [keyof RuleKeywords, string[]][];
  const remove = useDeleteOffer();
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
        <div className="flex shrink-0 flex-wrap justify-end gap-2">
          <ButtonLink href={`/?offer=${offer.id}`} variant="secondary" size="sm" aria-label={`Results for ${offer.name} (#${offer.id})`}>
            Results
          </ButtonLink>
          <ButtonLink href={`/offers/${offer.id}/edit`} variant="secondary" size="sm" aria-label={`Edit ${offer.name} (#${offer.id})`}>
            Edit
          </ButtonLink>
          <Button
            variant="ghost"
            size="sm"
            disabled={remove.isPending}
            aria-label={`Delete ${offer.name} (#${offer.id})`}
            onClick={async () => {
              if (await confirmDelete(offer)) remove.mutate(offer.id);
            }}
          >
            Delete
          </Button>
        </div>
      </div>
      {remove.error && <Notice tone="danger">{remove.error.message || "The offer could not be deleted."}</Notice>}
      <dl className="grid gap-3 text-sm sm:grid-cols-2">
        <ListTerm term="Value propositions" items={offer.value_props} />
        <ListTerm term="Ideal use cases" items={offer.ideal_use_cases} />
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

/** One of an offer's lists, as a term and a bulleted description. */
function ListTerm({ term, items }: { term: string; items: readonly string[] }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-fg-muted">{term}</dt>
      <dd className="mt-1">
        <ul className="list-disc space-y-0.5 pl-4 text-fg">
          {items.map((item, index) => (
            <li key={index} className="break-words">
              {item}
            </li>
          ))}
        </ul>
      </dd>
    </div>
  );
}
