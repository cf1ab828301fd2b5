import { INTENTS } from "@/lib/scoring/types";
import { INTENT_STYLES } from "./intent-badge";
import type { IntentCounts } from "./use-intent-counts";

/** Counts per intent and a bar chart of how the scored leads split. */
export function IntentSummary({ counts: known }: { counts: IntentCounts | null }) {
  const counts = known ?? { total: 0, High: 0, Medium: 0, Low: 0 };
  const scored = counts.High + counts.Medium + counts.Low;
  const share = (n: number) => (scored === 0 ? 0 : Math.round((n / scored) * 100));
  const description = INTENTS.map((intent) => `${intent} ${counts[intent]} (${share(counts[intent])}%)`).join(", ");

  return (
    <div aria-busy={known === null} className="grid grid-cols-2 gap-3 sm:grid-cols-[repeat(4,minmax(0,1fr))_2fr] sm:gap-4">
      <Stat label="Leads" value={known && counts.total} hint={`${counts.total - scored} not scored`} />
      {INTENTS.map((intent) => (
        <Stat key={intent} label={`${intent} intent`} value={known && counts[intent]} hint={`${share(counts[intent])}% of scored`} />
      ))}
      <figure className="col-span-2 rounded-lg border border-slate-200 bg-white p-3 sm:col-span-1">
        <figcaption className="mb-2 text-xs font-medium text-slate-600">Intent distribution</figcaption>
        <div role="img" aria-label={`Intent distribution: ${description}`} className="space-y-1.5">
          {INTENTS.map((intent) => (
            <div key={intent} className="flex items-center gap-2 text-xs">
              <span className="w-14 text-slate-600">{intent}</span>
              <div className="h-2.5 flex-1 overflow-hidden rounded bg-slate-100">
                <div className={`h-full ${INTENT_STYLES[intent].bar}`} style={{ width: `${share(counts[intent])}%` }} />
              </div>
              <span className="w-10 text-right tabular-nums text-slate-700">{share(counts[intent])}%</span>
            </div>
          ))}
        </div>
      </figure>
    </div>
  );
}

function Stat({ label, value, hint }: { label: string; value: number | null; hint: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3">
      <p className="text-xs font-medium text-slate-600">{label}</p>
      <p className="text-2xl font-semibold tabular-nums text-slate-900">{value === null ? "…" : value.toLocaleString("en")}</p>
      <p className="text-xs text-slate-500">{value === null ? "Loading" : hint}</p>
    </div>
  );
}
