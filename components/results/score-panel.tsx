"use client";

import Link from "next/link";
import { useState } from "react";
import { ApiRequestError, type OfferSummary } from "@/lib/api/client";
import { useScoring } from "../queries";
import type { AiInfo } from "../shell/ai-info";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { inputClass, labelClass } from "../ui/field";
import { formatDate, plural } from "../ui/format";
import { Notice } from "../ui/notice";

type Props = {
  offers: OfferSummary[];
  offer: OfferSummary | null;
  onSelectOffer: (id: number) => void;
  leadCount: number;
  unscored: number | undefined;
  ai: AiInfo;
};

/** Same-named offers stay apart by their number and day. */
export const offerLabel = (offer: OfferSummary) => `${offer.name} · #${offer.id} · ${formatDate(offer.created_at)}`;

/** Picks the offer the results are scored against, and scores leads with a progress bar. */
export function ScorePanel({ offers, offer, onSelectOffer, leadCount, unscored, ai }: Props) {
  const [rescore, setRescore] = useState(false);
  const scoring = useScoring();
  const { progress } = scoring;

  const blocker = offer === null ? "offer" : leadCount === 0 ? "leads" : null;
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  const outcome = scoring.data;

  return (
    <Card as="section" aria-label="Scoring" className="space-y-4">
      <div className="flex flex-col gap-3 lg:flex-row lg:items-end lg:gap-4">
        <div className="min-w-0 flex-1 space-y-1">
          {offers.length > 0 ? (
            <label htmlFor="offer-select" className={`block ${labelClass}`}>
              Score against
            </label>
          ) : (
            <p className={labelClass}>Score against</p>
          )}
          {offers.length > 0 ? (
            <select id="offer-select" value={offer?.id ?? ""} onChange={(event) => onSelectOffer(Number(event.target.value))} className={inputClass}>
              {offers.map((item) => (
                <option key={item.id} value={item.id} suppressHydrationWarning>
                  {offerLabel(item)}
                </option>
              ))}
            </select>
          ) : (
            <p className="rounded-control border border-dashed border-line-strong px-3 py-2 text-sm text-fg-muted">
              No offer yet —{" "}
              <Link href="/offers/new" className="font-medium text-accent underline underline-offset-2">
                create an offer
              </Link>{" "}
              to score against.
            </p>
          )}
        </div>
        <label className="flex items-center gap-2 text-sm text-fg lg:pb-2">
          <input
            type="checkbox"
            checked={rescore}
            onChange={(event) => setRescore(event.target.checked)}
            className="h-4 w-4 accent-primary-600"
          />
          Rescore all
        </label>
        <Button
          onClick={() => offer && scoring.mutate({ offer_id: offer.id, rescore })}
          disabled={scoring.isPending || blocker !== null}
          className="lg:w-40"
        >
          {scoring.isPending ? "Scoring…" : "Score leads"}
        </Button>
      </div>

      <div className="flex flex-col gap-1 text-sm text-fg-muted sm:flex-row sm:flex-wrap sm:gap-x-4">
        {blocker === "offer" && <p>Create an offer first.</p>}
        {blocker === "leads" && (
          <p>
            No leads yet —{" "}
            <Link href="/imports" className="font-medium text-accent underline underline-offset-2">
              upload a CSV
            </Link>{" "}
            first.
          </p>
        )}
        {leadCount > 0 && (
          <p>
            {plural(leadCount, "lead")} uploaded.
            {offer && unscored !== undefined && unscored > 0 && ` ${unscored.toLocaleString("en")} not yet scored against this offer.`}
          </p>
        )}
        {ai.provider === "gemini" && (
          <p>
            AI judgement by Gemini (<code className="font-mono text-xs">{ai.model}</code>), plus transparent rule points.
          </p>
        )}
      </div>

      {ai.provider === "offline" && (
        <Notice tone="info">
          <span className="font-semibold">Offline analyzer in use.</span> No Gemini API key is configured, so intent is judged by
          matching each lead&apos;s role, industry and bio against your offer. Scores are labelled “Offline analyzer”.
        </Notice>
      )}

      {scoring.isPending && !progress && (
        <p className="text-sm text-fg-muted" aria-live="polite">
          Starting…
        </p>
      )}
      {progress && (scoring.isPending || progress.total > 0) && (
        <div className="space-y-1">
          <div
            role="progressbar"
            aria-label="Scoring progress"
            aria-valuemin={0}
            aria-valuemax={progress.total}
            aria-valuenow={progress.done}
            className="h-2 overflow-hidden rounded-full bg-surface-muted"
          >
            <div className="h-full rounded-full bg-primary transition-all" style={{ width: `${percent}%` }} />
          </div>
          <p className="text-xs tabular-nums text-fg-muted" aria-live="polite">
            {progress.done} / {progress.total} scored
          </p>
        </div>
      )}
      {outcome && (
        <Notice tone="success">
          {outcome.total === 0
            ? "Every lead is already scored against this offer. Tick “Rescore all” to score them again."
            : `Scored ${plural(outcome.scored, "lead")}.`}
        </Notice>
      )}
      {scoring.error && (
        <Notice tone="danger">
          {scoring.error instanceof ApiRequestError
            ? scoring.error.message
            : "Scoring failed: the connection to the server was lost. Scores saved so far are kept."}
        </Notice>
      )}
    </Card>
  );
}
