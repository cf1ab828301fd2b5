import { connection } from "next/server";
import { Workspace } from "@/components/workspace";
import { listOffers } from "@/db/queries/offers";
import { findLatestScoredOfferId } from "@/db/queries/results";
import { countLeads } from "@/db/queries/uploads";
import { getAnalyzer } from "@/lib/ai";
import { env } from "@/lib/env";

export default async function HomePage() {
  await connection();
  const [offers, latestScored, leadCount] = await Promise.all([listOffers(), findLatestScoredOfferId(), countLeads()]);
  const analyzer = getAnalyzer();

  return (
    <main className="mx-auto max-w-7xl space-y-6 px-4 py-6 sm:px-6 lg:py-10">
      <header className="flex flex-col gap-2 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="text-2xl font-bold tracking-tight text-slate-900">IntentScore</h1>
          <p className="text-sm text-slate-600">
            Score every lead 0–100 for buying intent: transparent rule points (0–50) plus an AI judgement (10–50).
          </p>
        </div>
        <p className="text-xs text-slate-500">
          AI: {analyzer.provider === "gemini" ? `Gemini · ${analyzer.model}` : "Offline analyzer (no Gemini key configured)"}
        </p>
      </header>
      <Workspace
        initialOffers={offers.map((offer) => ({ ...offer, created_at: offer.created_at.toISOString() }))}
        initialOfferId={latestScored ?? offers[0]?.id ?? null}
        initialLeadCount={leadCount}
        ai={{ provider: analyzer.provider, model: analyzer.model }}
        maxUploadMb={env.MAX_UPLOAD_MB}
      />
    </main>
  );
}
