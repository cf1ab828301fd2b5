import type { Intent } from "@/lib/scoring/types";

export const INTENT_STYLES: Record<Intent, { badge: string; bar: string }> = {
  High: { badge: "bg-emerald-100 text-emerald-900 ring-emerald-600/30", bar: "bg-intent-high" },
  Medium: { badge: "bg-amber-100 text-amber-900 ring-amber-600/30", bar: "bg-intent-medium" },
  Low: { badge: "bg-slate-200 text-slate-800 ring-slate-500/30", bar: "bg-intent-low" },
};

export function IntentBadge({ intent }: { intent: Intent | null }) {
  if (!intent) return <span className="text-xs text-slate-500">Not scored</span>;
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${INTENT_STYLES[intent].badge}`}>
      {intent}
    </span>
  );
}
