"use client";

import { useEffect, useRef } from "react";
import type { LeadResult } from "@/lib/api/client";
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
      className="m-auto w-[min(40rem,calc(100vw-2rem))] rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      {lead && (
        <div className="space-y-4 p-5">
          <div className="flex items-start justify-between gap-4">
            <div>
              <h2 id="lead-detail-title" className="text-lg font-semibold text-slate-900">
                {lead.name}
              </h2>
              <p className="text-sm text-slate-600">
                {[lead.role, lead.company].filter(Boolean).join(" at ") || "No role or company"}
                {lead.location && ` · ${lead.location}`}
                {lead.industry && ` · ${lead.industry}`}
              </p>
            </div>
            <div className="text-right">
              <p className="text-3xl font-bold tabular-nums text-slate-900">{lead.score ?? "–"}</p>
              <IntentBadge intent={lead.intent} />
            </div>
          </div>
          {lead.linkedin_bio && <p className="rounded-md bg-slate-50 p-3 text-sm text-slate-700">{lead.linkedin_bio}</p>}
          {breakdown ? (
            <table className="w-full text-sm">
              <caption className="sr-only">Score breakdown</caption>
              <tbody className="divide-y divide-slate-100">
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
                  <th scope="row" className="py-2 text-left font-medium text-slate-700">
                    AI provider
                  </th>
                  <td colSpan={2} className="py-2 text-right">
                    <ProviderLabel provider={breakdown.ai.provider} model={breakdown.ai.model} />{" "}
                    <span className="text-xs text-slate-500">{breakdown.ai.model}</span>
                  </td>
                </tr>
              </tbody>
            </table>
          ) : (
            <p className="text-sm text-slate-600">This lead has not been scored against the selected offer yet.</p>
          )}
          {lead.reasoning && (
            <div>
              <h3 className="text-sm font-medium text-slate-800">Reasoning</h3>
              <p className="text-sm text-slate-700">{lead.reasoning}</p>
            </div>
          )}
          <div className="flex justify-end">
            <button
              type="button"
              onClick={() => dialog.current?.close()}
              className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700"
            >
              Close
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}

function Row({ label, points, max, note, strong }: { label: string; points: number; max: number; note?: string; strong?: boolean }) {
  return (
    <tr>
      <th scope="row" className={`py-2 text-left ${strong ? "font-semibold text-slate-900" : "font-medium text-slate-700"}`}>
        {label}
      </th>
      <td className="py-2 text-xs text-slate-500">{note}</td>
      <td className="py-2 text-right tabular-nums">
        {points} / {max}
      </td>
    </tr>
  );
}
