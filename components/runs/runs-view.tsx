"use client";

import Link from "next/link";
import type { RunView } from "@/lib/api/client";
import { useCancelRun, useOlderRuns, useRuns } from "../queries";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { formatDateTime, plural } from "../ui/format";
import { Notice } from "../ui/notice";
import { QueryBody } from "../ui/query-body";
import { RunProgress } from "./run-progress";
import {
  batchText,
  formatCost,
  formatCount,
  formatDuration,
  formatTokens,
  isActive,
  modeLabel,
  StatusBadge,
} from "./run-status";
import { useRunEvents } from "./use-run-events";
import { useSeenRuns } from "./use-seen-runs";

/** The runs going now, live, with cancel; then every run, newest first, with what it did and cost. */
export function RunsView() {
  const runs = useRuns();
  const { isCurrent } = useSeenRuns(runs.data?.runs);
  const current = (runs.data?.runs ?? []).filter(isCurrent);

  return (
    <>
      <section aria-labelledby="current-heading" className="space-y-3">
        <h2 id="current-heading" className="text-base font-semibold text-fg">
          Now
        </h2>
        {current.length === 0 ? (
          <Card>
            <p className="text-sm text-fg-muted">
              {runs.isPending ? "Looking for runs in progress…" : "No run is going."} Start one from{" "}
              <Link href="/" className="font-medium text-accent underline underline-offset-2">
                Results
              </Link>
              ; it goes on in the background if you close the page.
            </p>
          </Card>
        ) : (
          <ul aria-label="Current runs" className="space-y-3">
            {current.map((run) => (
              <CurrentRun key={run.id} run={run} />
            ))}
          </ul>
        )}
      </section>

      <Card as="section" aria-labelledby="history-heading" flush>
        <h2 id="history-heading" className="border-b border-line px-4 py-3 text-base font-semibold text-fg sm:px-5">
          History
        </h2>
        <QueryBody query={runs}>
          {(page) =>
            page.runs.length === 0 ? (
              <EmptyState title="No runs yet">Each time leads are scored, from this app or the API, the run shows here with its counts and cost.</EmptyState>
            ) : (
              <RunHistory runs={page.runs} cursor={page.next_cursor} />
            )
          }
        </QueryBody>
      </Card>
    </>
  );
}

function CurrentRun({ run }: { run: RunView }) {
  const { connection, reconnect } = useRunEvents(run);
  const cancel = useCancelRun();
  const active = isActive(run.status);
  const batch = batchText(run);
  const confirmCancel = () => {
    if (window.confirm(`Cancel run #${run.id} (${run.offer_name})? No more leads are scored; the ${plural(run.done, "score")} saved so far are kept.`)) {
      cancel.mutate(run.id);
    }
  };
  return (
    <Card as="li" aria-labelledby={`run-${run.id}-title`} className="space-y-3">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 id={`run-${run.id}-title`} className="break-words text-sm font-semibold text-fg">
            Run #{run.id} · {run.offer_name}
          </h3>
          <p className="text-xs text-fg-muted">
            {modeLabel(run)} · <code className="font-mono">{run.model}</code>
            {run.rescore && " · rescore"}
          </p>
        </div>
        <div className="flex items-center gap-3">
          <StatusBadge status={run.status} />
          {active && (
            <Button variant="secondary" size="sm" onClick={confirmCancel} disabled={cancel.isPending} aria-label={`Cancel run #${run.id}`}>
              {cancel.isPending ? "Cancelling…" : "Cancel"}
            </Button>
          )}
        </div>
      </div>
      <RunProgress run={run} label={`Run #${run.id} progress`} />
      {batch && active && <p className="text-sm text-fg">{batch}</p>}
      {(run.status === "paused" || run.status === "failed") && run.error && (
        <Notice tone={run.status === "failed" ? "danger" : "warning"}>{run.error}</Notice>
      )}
      {run.status === "cancelled" && <p className="text-sm text-fg-muted">Cancelled. The scores saved are kept.</p>}
      {connection === "reconnecting" && <p className="text-xs text-fg-muted">Reconnecting to the run…</p>}
      {connection === "lost" && (
        <p className="flex flex-wrap items-center gap-2 text-xs text-fg-muted">
          Live progress stopped.
          <Button variant="secondary" size="sm" onClick={reconnect}>
            Reconnect
          </Button>
        </p>
      )}
      {cancel.error && <Notice tone="danger">{cancel.error.message}</Notice>}
    </Card>
  );
}

const COLUMNS = ["Run", "Offer", "Mode", "Model", "Status", "Done / total", "Fallbacks", "Cached", "Tokens in / out / thinking", "Est. cost", "Duration", "Started"];

function Started({ run }: { run: RunView }) {
  const at = run.started_at ?? run.created_at;
  return (
    <time dateTime={at} suppressHydrationWarning>
      {formatDateTime(at)}
    </time>
  );
}

function StatusCell({ run }: { run: RunView }) {
  const batch = isActive(run.status) ? batchText(run) : null;
  return (
    <span className="flex flex-col items-start gap-1">
      <StatusBadge status={run.status} />
      {batch && <span className="text-xs text-fg">{batch}</span>}
      {run.error && (run.status === "paused" || run.status === "failed") && <span className="max-w-64 whitespace-normal text-xs text-danger-fg">{run.error}</span>}
    </span>
  );
}

/** A table on wide screens, a card per run on phones; older pages load on request. */
function RunHistory({ runs: newest, cursor }: { runs: RunView[]; cursor: string | null }) {
  const older = useOlderRuns(cursor);
  const runs = [...newest, ...older.runs];
  return (
    <>
      {/* Focusable, so a keyboard can scroll it sideways where the columns do not fit. */}
      <div role="region" aria-label="Run history table" tabIndex={0} className="hidden overflow-x-auto focus-visible:outline-2 focus-visible:outline-focus lg:block">
        <table className="min-w-full text-sm" aria-label="Run history">
          <thead className="border-b border-line bg-surface-muted text-left text-xs uppercase tracking-wide text-fg-muted">
            <tr>
              {COLUMNS.map((column) => (
                <th key={column} scope="col" className="px-2.5 py-2.5 align-bottom font-semibold">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {runs.map((run) => (
              <tr key={run.id} className="align-top text-fg-muted">
                <td className="whitespace-nowrap px-2.5 py-2.5 font-medium text-fg">#{run.id}</td>
                <td className="max-w-40 truncate px-2.5 py-2.5 text-fg" title={run.offer_name}>
                  {run.offer_name}
                </td>
                <td className="px-2.5 py-2.5">{modeLabel(run)}</td>
                <td className="px-2.5 py-2.5">
                  <code className="whitespace-nowrap font-mono text-xs">{run.model}</code>
                </td>
                <td className="px-2.5 py-2.5">
                  <StatusCell run={run} />
                </td>
                <td className="whitespace-nowrap px-2.5 py-2.5 tabular-nums text-fg">
                  {formatCount(run.done)} / {formatCount(run.total)}
                </td>
                <td className="px-2.5 py-2.5 tabular-nums">{formatCount(run.fallbacks)}</td>
                <td className="px-2.5 py-2.5 tabular-nums">{formatCount(run.cached)}</td>
                <td className="whitespace-nowrap px-2.5 py-2.5 tabular-nums">{formatTokens(run.tokens)}</td>
                <td className="whitespace-nowrap px-2.5 py-2.5 tabular-nums">{formatCost(run.estimated_cost_usd)}</td>
                <td className="whitespace-nowrap px-2.5 py-2.5 tabular-nums">{formatDuration(run.duration_ms)}</td>
                <td className="whitespace-nowrap px-2.5 py-2.5">
                  <Started run={run} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul aria-label="Run history" className="divide-y divide-line lg:hidden">
        {runs.map((run) => (
          <li key={run.id} className="space-y-2 px-4 py-3">
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <p className="break-words text-sm font-medium text-fg">
                  #{run.id} · {run.offer_name}
                </p>
                <p className="text-xs text-fg-muted">
                  <Started run={run} /> · {modeLabel(run)} · <code className="font-mono">{run.model}</code>
                </p>
              </div>
              <StatusCell run={run} />
            </div>
            <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-xs sm:grid-cols-3">
              <Stat label="Done / total" value={`${formatCount(run.done)} / ${formatCount(run.total)}`} />
              <Stat label="Fallbacks" value={formatCount(run.fallbacks)} />
              <Stat label="Cached" value={formatCount(run.cached)} />
              <Stat label="Tokens in / out / thinking" value={formatTokens(run.tokens)} />
              <Stat label="Est. cost" value={formatCost(run.estimated_cost_usd)} />
              <Stat label="Duration" value={formatDuration(run.duration_ms)} />
            </dl>
          </li>
        ))}
      </ul>
      {older.error && (
        <Notice tone="danger" className="m-4">
          {older.error.message}
        </Notice>
      )}
      {older.hasNextPage && (
        <div className="border-t border-line px-4 py-3 sm:px-5">
          <Button variant="secondary" size="sm" onClick={() => older.fetchNextPage()} disabled={older.isFetchingNextPage}>
            {older.isFetchingNextPage ? "Loading…" : "Show older runs"}
          </Button>
        </div>
      )}
    </>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex flex-col">
      <dt className="text-fg-muted">{label}</dt>
      <dd className="tabular-nums text-fg">{value}</dd>
    </div>
  );
}
