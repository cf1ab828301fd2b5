import type { AiProvider } from "@/lib/scoring/types";

const LABELS: Record<AiProvider, string> = {
  gemini: "Gemini",
  offline: "Offline analyzer",
  fallback: "Offline fallback",
};

const STYLES: Record<AiProvider, string> = {
  gemini: "bg-indigo-50 text-indigo-800 ring-indigo-600/20",
  offline: "bg-sky-50 text-sky-800 ring-sky-600/20",
  fallback: "bg-orange-50 text-orange-800 ring-orange-600/30",
};

/** Says where the AI half of a score came from, so an offline verdict is never mistaken for Gemini's. */
export function ProviderLabel({ provider, model }: { provider: AiProvider; model?: string | null }) {
  return (
    <span
      title={model ?? undefined}
      className={`inline-flex items-center rounded px-1.5 py-0.5 text-[11px] font-medium ring-1 ring-inset ${STYLES[provider]}`}
    >
      {LABELS[provider]}
    </span>
  );
}
