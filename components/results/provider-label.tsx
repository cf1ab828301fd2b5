import type { AiProvider } from "@/lib/scoring/types";

const LABELS: Record<AiProvider, string> = {
  gemini: "Gemini",
  offline: "Offline analyzer",
  fallback: "Offline fallback",
};

const SHORT_LABELS: Record<AiProvider, string> = { gemini: "Gemini", offline: "Offline", fallback: "Fallback" };

const STYLES: Record<AiProvider, string> = {
  gemini: "bg-accent-soft text-accent",
  offline: "bg-info-bg text-info-fg",
  fallback: "bg-warning-bg text-warning-fg",
};

/** Says where the AI half of a score came from, so an offline verdict is never mistaken for Gemini's. */
export function ProviderLabel({ provider, model, compact }: { provider: AiProvider; model?: string | null; compact?: boolean }) {
  return (
    <span title={model ?? undefined} className={`inline-flex items-center whitespace-nowrap rounded-badge px-1.5 py-0.5 text-[11px] font-medium ${STYLES[provider]}`}>
      {compact ? (
        <>
          <span aria-hidden>{SHORT_LABELS[provider]}</span>
          <span className="sr-only">{LABELS[provider]}</span>
        </>
      ) : (
        LABELS[provider]
      )}
    </span>
  );
}
