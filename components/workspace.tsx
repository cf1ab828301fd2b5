"use client";

import { useCallback, useState } from "react";
import type { OfferSummary } from "@/lib/api/client";
import { IntentSummary } from "./intent-summary";
import { OfferPanel } from "./offer-panel";
import { ResultsTable } from "./results-table";
import { ScorePanel, type AiInfo } from "./score-panel";
import { UploadPanel } from "./upload-panel";
import { useIntentCounts } from "./use-intent-counts";

type Props = {
  initialOffers: OfferSummary[];
  initialOfferId: number | null;
  initialLeadCount: number;
  ai: AiInfo;
  maxUploadMb: number;
};

export function Workspace({ initialOffers, initialOfferId, initialLeadCount, ai, maxUploadMb }: Props) {
  const [offers, setOffers] = useState(initialOffers);
  const [offerId, setOfferId] = useState(initialOfferId);
  const [refreshKey, setRefreshKey] = useState(0);
  const refresh = useCallback(() => setRefreshKey((key) => key + 1), []);
  const { counts, error } = useIntentCounts(offerId, refreshKey);

  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-3">
        <OfferPanel
          offers={offers}
          selectedId={offerId}
          onSelect={setOfferId}
          onCreated={(offer) => {
            setOffers((current) => [offer, ...current]);
            setOfferId(offer.id);
          }}
        />
        <UploadPanel maxUploadMb={maxUploadMb} onUploaded={refresh} />
        <ScorePanel offerId={offerId} leadCount={counts?.total ?? initialLeadCount} ai={ai} onScored={refresh} />
      </div>
      <section aria-labelledby="results-heading" className="space-y-4">
        <h2 id="results-heading" className="text-lg font-semibold text-slate-900">
          Results{offers.find((offer) => offer.id === offerId) && ` for ${offers.find((offer) => offer.id === offerId)!.name}`}
        </h2>
        {error && (
          <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
            Could not load the summary. The server may be restarting; try again in a moment.
          </p>
        )}
        <IntentSummary counts={counts} />
        <ResultsTable offerId={offerId} refreshKey={refreshKey} counts={counts} />
      </section>
    </div>
  );
}
