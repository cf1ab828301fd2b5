import { INTENTS } from "@/lib/scoring/types";
import type { IntentCounts } from "../queries";
import { Skeleton } from "../ui/skeleton";
import { INTENT_STYLES } from "./intent-badge";

/**
 * Counts per intent and a bar chart of how the scored leads split; skeletons until the counts are
 * known. Phones get the chart alone, which keeps the leads near the top (the filter chips carry the counts).
 */
export function IntentSummary({ counts }: { counts: IntentCounts | undefined }) {
  const scored = counts ? counts.High + counts.Medium + counts.Low : 0;
  const share = (n: number) => (scored === 0 ? 0 : Math.round((n / scored) * 100));
  const description = counts && INTENTS.map((intent) => `${intent} ${counts[intent]} (${share(counts[intent])}%)`).join(", ");

  return (
    <div aria-busy={!counts} className="grid grid-cols-2 gap-3 sm:grid-cols-4 sm:gap-4 lg:grid-cols-[repeat(4,minmax(0,1fr))_2fr]">
      <Stat label="Leads" value={counts?.total} estimated={counts?.estimated.total} hint={counts && (scored < counts.total ? `${counts.total - scored} not scored` : "all scored")} />
      {INTENTS.map((intent) => (
        <Stat
          key={intent}
          label={`${intent} intent`}
          value={counts?.[intent]}
          estimated={counts?.estimated[intent]}
          hint={counts && (scored === 0 ? "none scored yet" : `${share(counts[intent])}% of scored`)}
          dot={INTENT_STYLES[intent].bar}
        />
      ))}
      <figure className="col-span-2 rounded-card border border-line bg-surface p-3 sm:col-span-4 lg:col-span-1">
        <figcaption className="mb-2 text-xs font-medium text-fg-muted">Intent distribution</figcaption>
        {counts ? (
          <div role="img" aria-label={`Intent distribution: ${description}`} className="space-y-1.5">
            {INTENTS.map((intent) => (
              <div key={intent} className="flex items-center gap-2 text-xs">
                <span className="w-14 text-fg-muted">{intent}</span>
                <div className="h-2 flex-1 overflow-hidden rounded-full bg-surface-muted">
                  <div className={`h-full rounded-full ${INTENT_STYLES[intent].bar}`} style={{ width: `${share(counts[intent])}%` }} />
                </div>
                <span className="w-9 text-right tabular-nums text-fg-muted">{share(counts[intent])}%</span>
              </div>
            ))}
          </div>
        ) : (
          <div className="space-y-2.5 py-0.5">
            {INTENTS.map((intent) => (
              <Skeleton key={intent} className="h-2.5 w-full" />
            ))}
          </div>
        )}
      </figure>
    </div>
  );
}

function Stat({ label, value, estimated, hint, dot }: { label: string; value: number | undefined; estimated?: boolean; hint: string | undefined; dot?: string }) {
  return (
    <div role="group" aria-label={label} className="hidden rounded-card border border-line bg-surface p-3 sm:block">
      <p aria-hidden className="flex items-center gap-1.5 text-xs font-medium text-fg-muted">
        {dot && <span aria-hidden className={`h-2 w-2 rounded-full ${dot}`} />}
        {label}
      </p>
      {value === undefined ? (
        <>
          <Skeleton className="mt-1.5 h-7 w-14" />
          <Skeleton className="mt-1.5 h-3 w-20" />
        </>
      ) : (
        <>
          <p className="text-2xl font-semibold tabular-nums text-fg">
            {estimated && <span className="text-base font-normal text-fg-muted">about </span>}
            {value.toLocaleString("en")}
          </p>
          <p className="text-xs text-fg-subtle">{hint}</p>
        </>
      )}
    </div>
  );
}
