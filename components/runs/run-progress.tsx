import type { RunView } from "@/lib/api/client";
import { formatCount, isActive, statusLabel } from "./run-status";

/**
 * What screen readers hear: the status, and while running only each quarter done — the visible
 * count changes with every batch, which would be far too many announcements.
 */
function announcement(run: RunView): string {
  const what = `Run ${run.id} ${statusLabel(run.status).toLowerCase()}`;
  if (run.status === "running") {
    const quarter = run.total > 0 ? Math.floor((run.done / run.total) * 4) * 25 : 0;
    return `${what}: ${quarter}% scored.`;
  }
  if (run.status === "paused") return `${what}: ${run.error ?? ""}`;
  if (isActive(run.status)) return `${what}.`;
  return `${what}: ${formatCount(run.done)} of ${formatCount(run.total)} leads scored.`;
}

/** A run's progress bar and count, announced politely. */
export function RunProgress({ run, label }: { run: RunView; label: string }) {
  const percent = run.total > 0 ? Math.min(100, Math.round((run.done / run.total) * 100)) : 0;
  return (
    <div className="space-y-1">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={run.total}
        aria-valuenow={run.done}
        className="h-2 overflow-hidden rounded-full bg-surface-muted"
      >
        <div className="h-full rounded-full bg-primary transition-all" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-xs tabular-nums text-fg-muted">
        {formatCount(run.done)} / {formatCount(run.total)} scored
      </p>
      <p className="sr-only" aria-live="polite">
        {announcement(run)}
      </p>
    </div>
  );
}
