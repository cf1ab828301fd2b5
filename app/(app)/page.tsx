import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { cookies } from "next/headers";
import { connection } from "next/server";
import { NuqsAdapter } from "nuqs/adapters/react";
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

/**
 * The view's URL state (components/results/use-results-params.ts) is read from the address bar
 * itself, with the query string this page was rendered for standing in on the server. Read through
 * the Next.js router instead, two quick Back presses after a reload could leave the view one step
 * behind the address bar: the router's fetch for the first entry landed after the second.
 */
export default async function ResultsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
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

  const search = new URLSearchParams(
    Object.entries(await searchParams).flatMap(([key, value]) => (value === undefined ? [] : [value].flat().map((item) => [key, item]))),
  );

  return (
    <NuqsAdapter serverSearch={search.toString()}>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <ResultsView
          defaultOfferId={defaultOfferId}
          uploads={uploads.map(asJson)}
          leadCount={leadCount}
          ai={{ provider, model }}
        />
      </HydrationBoundary>
    </NuqsAdapter>
  );
}
