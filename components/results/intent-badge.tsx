import type { Intent } from "@/lib/scoring/types";

export const INTENT_STYLES: Record<Intent, { badge: string; bar: string }> = {
  High: { badge: "bg-high-bg text-high-fg", bar: "bg-high-bar" },
  Medium: { badge: "bg-medium-bg text-medium-fg", bar: "bg-medium-bar" },
  Low: { badge: "bg-low-bg text-low-fg", bar: "bg-low-bar" },
};

export function IntentBadge({ intent }: { intent: Intent | null }) {
  if (!intent) return <span className="text-xs text-fg-subtle">Not scored</span>;
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ${INTENT_STYLES[intent].badge}`}>{intent}</span>
  );
}
