import type { RunView } from "@/lib/api/client";
import type { RunStatus } from "@/lib/scoring/types";

/** Queued, running or paused: the run has not ended and its event stream is open. */
export const isActive = (status: RunStatus) => status === "queued" || status === "running" || status === "paused";

/** A run that is doing (or about to do) work now; a paused one waits for the daily AI limit. */
export const isBusy = (status: RunStatus) => status === "queued" || status === "running";

const STATUS: Record<RunStatus, { label: string; badge: string }> = {
  queued: { label: "Queued", badge: "bg-info-bg text-info-fg" },
  running: { label: "Running", badge: "bg-info-bg text-info-fg" },
  paused: { label: "Paused", badge: "bg-warning-bg text-warning-fg" },
  succeeded: { label: "Succeeded", badge: "bg-success-bg text-success-fg" },
  failed: { label: "Failed", badge: "bg-danger-bg text-danger-fg" },
  cancelled: { label: "Cancelled", badge: "bg-surface-muted text-fg-muted" },
};

export const statusLabel = (status: RunStatus) => STATUS[status].label;

export function StatusBadge({ status }: { status: RunStatus }) {
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ${STATUS[status].badge}`}>{STATUS[status].label}</span>;
}

/** Where a batch run stands at Google, in words; null for an interactive run. */
export function batchText(run: RunView): string | null {
  if (!run.batch) return null;
  if (!isActive(run.status)) return "Sent through Google's Batch API at half price.";
  return run.batch.state === "running" ? "Running at Google — up to 24 h, half price" : "Queued at Google — up to 24 h, half price";
}

export const modeLabel = (run: RunView) => (run.mode === "batch" ? "Batch" : "Interactive");

const count = new Intl.NumberFormat("en");
const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });

export const formatCount = (value: number) => count.format(value);

export const formatTokens = (tokens: RunView["tokens"]) => `${compact.format(tokens.input)} / ${compact.format(tokens.output)} / ${compact.format(tokens.thinking)}`;

/** Estimated cost in US dollars; null when no AI was paid for (the offline analyzer). */
export function formatCost(usd: number | null): string {
  if (usd === null) return "—";
  if (usd > 0 && usd < 0.01) return "< $0.01";
  return `$${usd.toFixed(2)}`;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
