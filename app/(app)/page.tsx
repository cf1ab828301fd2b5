import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { cookies } from "next/headers";
import { connection } from "next/server";
import { OFFER_COOKIE } from "@/components/results/current-offer";
import { ResultsView } from "@/components/results/results-view";
import { listOffers } from "@/db/queries/offers";
import { findLatestScoredOfferId } from "@/db/queries/results";
import { listUploads } from "@/db/queries/upload-history";
import { countLeads } from "@/db/queries/uploads";
import { getAnalyzer } from "@/lib/ai";
import { asJson, queryKeys, RUNS_PAGE_SIZE } from "@/lib/api/client";
import { requirePageSession } from "@/lib/auth/page";
import { listRunViews } from "@/lib/services/runs";

export const metadata: Metadata = { title: "Results" };

export default async function ResultsPage() {
  await connection();
  const { scope } = (await requirePageSession()).principal;
  const [offers, latestScored, uploads, leadCount, runs] = await Promise.all([
    listOffers(scope),
    findLatestScoredOfferId(scope),
    listUploads(scope),
    countLeads(scope),
    listRunViews(scope, { limit: RUNS_PAGE_SIZE }),
  ]);
  const { provider, model } = getAnalyzer();
  const remembered = Number((await cookies()).get(OFFER_COOKIE)?.value);
  const defaultOfferId = offers.find((offer) => offer.id === remembered)?.id ?? latestScored ?? offers[0]?.id ?? null;
  const queryClient = new QueryClient();
  queryClient.setQueryData(queryKeys.offers, offers.map(asJson));
  // A run still going shows its progress at once after a reload.
  queryClient.setQueryData(queryKeys.runsList, runs);

  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <ResultsView
        defaultOfferId={defaultOfferId}
        uploads={uploads.map(asJson)}
        leadCount={leadCount}
        ai={{ provider, model }}
      />
    </HydrationBoundary>
  );
}
