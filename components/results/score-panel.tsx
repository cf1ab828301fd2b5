"use client";

import Link from "next/link";
import { useState } from "react";
import { type OfferSummary, type RunView } from "@/lib/api/client";
import { useRuns, useStartRun } from "../queries";
import { RunProgress } from "../runs/run-progress";
import { batchText, formatCount, isActive, isBusy } from "../runs/run-status";
import { useRunEvents, type RunConnection } from "../runs/use-run-events";
import { useSeenRuns } from "../runs/use-seen-runs";
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

/**
 * Picks the offer the results are scored against and starts a scoring run, then follows it with a
 * progress bar. The run goes on in the background: after a reload its progress shows again.
 */
export function ScorePanel({ offers, offer, onSelectOffer, leadCount, unscored, ai }: Props) {
  const [rescore, setRescore] = useState(false);
  const start = useStartRun();
  const runs = useRuns();
  const { isCurrent, follow } = useSeenRuns(runs.data?.runs);
  const run = offer ? runs.data?.runs.find((item) => item.offer_id === offer.id && isCurrent(item)) : undefined;
  const { connection, reconnect } = useRunEvents(run);

  const blocker = offer === null ? "offer" : leadCount === 0 ? "leads" : null;
  const scoring = start.isPending || (run !== undefined && isBusy(run.status));
  const startRun = () => {
    if (!offer) return;
    start.mutate({ offer_id: offer.id, rescore }, { onSuccess: (started) => follow(started.id) });
  };

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
          onClick={startRun}
          disabled={scoring || blocker !== null}
          className="lg:w-40"
        >
          {scoring ? "Scoring…" : "Score leads"}
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

      {start.isPending && (
        <p className="text-sm text-fg-muted" aria-live="polite">
          Starting…
        </p>
      )}
      {run && !start.isPending && <RunState run={run} connection={connection} onReconnect={reconnect} />}
      {start.error && <Notice tone="danger">{start.error.message}</Notice>}
    </Card>
  );
}

/** The followed run: its progress while it goes, then how it ended. */
function RunState({ run, connection, onReconnect }: { run: RunView; connection: RunConnection; onReconnect: () => void }) {
  const batch = batchText(run);
  return (
    <div className="space-y-3">
      {run.total > 0 && <RunProgress run={run} label="Scoring progress" />}
      {isActive(run.status) && (
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-fg-muted">
          {batch && <span>{batch}.</span>}
          {connection === "reconnecting" && <span>Reconnecting to the run…</span>}
          {connection === "lost" && (
            <>
              <span>Live progress stopped.</span>
              <Button variant="secondary" size="sm" onClick={onReconnect}>
                Reconnect
              </Button>
            </>
          )}
          <Link href="/scoring" className="font-medium text-accent underline underline-offset-2">
            See all runs
          </Link>
        </p>
      )}
      {run.status === "paused" && <Notice tone="warning">{run.error ?? "The run is paused."}</Notice>}
      {run.status === "succeeded" && (
        <Notice tone="success">
          {run.total === 0
            ? "Every lead is already scored against this offer. Tick “Rescore all” to score them again."
            : `Scored ${plural(run.done, "lead")}.${run.fallbacks > 0 ? ` ${formatCount(run.fallbacks)} by the rules alone, as the AI gave no judgement.` : ""}`}
        </Notice>
      )}
      {run.status === "cancelled" && (
        <Notice tone="warning">
          Cancelled after {formatCount(run.done)} of {plural(run.total, "lead")}. The scores saved are kept.
        </Notice>
      )}
      {run.status === "failed" && (
        <Notice tone="danger">
          {run.error ?? "The run failed."} Scores saved so far are kept; score again to finish.
        </Notice>
      )}
    </div>
  );
}
