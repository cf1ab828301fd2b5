"use client";

import { useEffect, useRef } from "react";
import type { LeadResult } from "@/lib/api/client";
import { useDeleteLead } from "../queries";
import { Button } from "../ui/button";
import { Notice } from "../ui/notice";
import { IntentBadge } from "./intent-badge";
import { ProviderLabel } from "./provider-label";

const TIER_LABELS: Record<string, string> = {
  decision_maker: "decision-maker",
  influencer: "influencer",
  high_value: "high-value industry",
  medium_value: "medium-value industry",
};

const matchText = (match: string | null, tier: string | null) =>
  match ? `matched “${match}” (${TIER_LABELS[tier ?? ""] ?? tier})` : "no keyword matched";

/** The per-lead breakdown: every point of the score and where it came from. */
export function LeadDetail({ lead, onClose }: { lead: LeadResult | null; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const remove = useDeleteLead();
  const { reset } = remove;

  useEffect(() => reset(), [lead, reset]);

  /** Erasure (a person's right to it, or a wrong row): asks first, saying what goes. */
  const confirmDelete = (target: LeadResult) => {
    const what = `Delete ${target.name} (lead #${target.id})? The lead, its details and its scores against every offer will be deleted for good.`;
    if (window.confirm(what)) remove.mutate(target.id, { onSuccess: () => dialog.current?.close() });
  };

  useEffect(() => {
    if (lead && !dialog.current?.open) dialog.current?.showModal();
    if (!lead && dialog.current?.open) dialog.current.close();
  }, [lead]);

  const breakdown = lead?.breakdown;
  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby="lead-detail-title"
      className="m-auto max-h-[calc(100dvh-2rem)] w-[min(40rem,calc(100vw-2rem))] overflow-y-auto rounded-dialog border border-line bg-surface p-0 text-fg shadow-xl"
    >
      {lead && (
        <div className="space-y-5 p-5 sm:p-6">
          <div className="flex items-start gap-4">
            <div className="min-w-0 flex-1">
              <h2 id="lead-detail-title" className="break-words text-lg font-semibold text-fg">
                {lead.name}
              </h2>
              <p className="break-words text-sm text-fg-muted">
                {[lead.role, lead.company].filter(Boolean).join(" at ") || "No role or company"}
                {lead.location && ` · ${lead.location}`}
                {lead.industry && ` · ${lead.industry}`}
              </p>
            </div>
            <button
              type="button"
              aria-label="Close"
              onClick={() => dialog.current?.close()}
              className="-mr-2 -mt-1 shrink-0 rounded-control p-2 text-fg-muted hover:bg-surface-muted hover:text-fg"
            >
              <svg viewBox="0 0 20 20" aria-hidden className="h-5 w-5">
                <path d="M5 5l10 10M15 5L5 15" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
              </svg>
            </button>
          </div>

          <div className="flex items-center gap-3 rounded-card bg-surface-muted p-3">
            <p className="text-3xl font-bold tabular-nums text-fg">
              {lead.score ?? "–"}
              <span className="text-base font-medium text-fg-muted"> / 100</span>
            </p>
            <IntentBadge intent={lead.intent} />
          </div>

          {lead.linkedin_bio && (
            <div>
              <h3 className="text-xs font-medium uppercase tracking-wide text-fg-muted">Bio</h3>
              <p className="mt-1 break-words text-sm text-fg">{lead.linkedin_bio}</p>
            </div>
          )}

          {breakdown ? (
            <table className="w-full text-sm">
              <caption className="mb-1 text-left text-xs font-medium uppercase tracking-wide text-fg-muted">Score breakdown</caption>
              <tbody className="divide-y divide-line">
                <Row label="Role relevance" points={breakdown.role.points} max={20} note={matchText(breakdown.role.match, breakdown.role.tier)} />
                <Row
                  label="Industry alignment"
                  points={breakdown.industry.points}
                  max={20}
                  note={matchText(breakdown.industry.match, breakdown.industry.tier)}
                />
                <Row
                  label="Data completeness"
                  points={breakdown.completeness.points}
                  max={10}
                  note={breakdown.completeness.missing.length ? `missing ${breakdown.completeness.missing.join(", ")}` : "all fields present"}
                />
                <Row label="Rule score" points={breakdown.rule_points} max={50} strong />
                <Row label="AI intent" points={breakdown.ai.points} max={50} note={`${breakdown.ai.intent} intent`} />
                <tr>
                  {/* One cell across both columns: the model's name needs more room than a points column. */}
                  <td colSpan={2} className="py-2.5">
                    <span className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
                      <span className="font-medium text-fg">AI provider</span>
                      <span className="flex min-w-0 flex-wrap items-center gap-1.5">
                        <ProviderLabel provider={breakdown.ai.provider} model={breakdown.ai.model} />
                        <span className="break-words text-xs text-fg-muted">{breakdown.ai.model}</span>
                      </span>
                    </span>
                  </td>
                </tr>
              </tbody>
            </table>
          ) : (
            <p className="text-sm text-fg-muted">This lead has not been scored against the selected offer yet.</p>
          )}

          {lead.reasoning && (
            <div>
              <h3 className="text-xs font-medium uppercase tracking-wide text-fg-muted">Reasoning</h3>
              <p className="mt-1 break-words text-sm text-fg">{lead.reasoning}</p>
            </div>
          )}

          {remove.error && <Notice tone="danger">{remove.error.message || "The lead could not be deleted."}</Notice>}
          <div className="flex justify-end border-t border-line pt-4">
            <Button variant="ghost" size="sm" disabled={remove.isPending} onClick={() => confirmDelete(lead)}>
              {remove.isPending ? "Deleting…" : "Delete lead"}
            </Button>
          </div>
        </div>
      )}
    </dialog>
  );
}

function Row({ label, points, max, note, strong }: { label: string; points: number; max: number; note?: string; strong?: boolean }) {
  return (
    <tr>
      <th scope="row" className="w-full py-2.5 pr-4 text-left align-top font-normal">
        <span className={`block ${strong ? "font-semibold text-fg" : "font-medium text-fg"}`}>{label}</span>
        {note && <span className="block break-words text-xs text-fg-muted">{note}</span>}
        <span aria-hidden className="mt-1.5 block h-1.5 overflow-hidden rounded-full bg-surface-muted">
          <span className="block h-full rounded-full bg-primary" style={{ width: `${(points / max) * 100}%` }} />
        </span>
      </th>
      <td className={`whitespace-nowrap py-2.5 text-right align-top tabular-nums ${strong ? "font-semibold" : ""}`}>
        {points} / {max}
      </td>
    </tr>
  );
}
