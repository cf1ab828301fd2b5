import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { connection } from "next/server";
import { OfferList } from "@/components/offers/offer-list";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { listOffers } from "@/db/queries/offers";
import { asJson, queryKeys } from "@/lib/api/client";
import { requirePageSession } from "@/lib/auth/page";

export const metadata: Metadata = { title: "Offers" };

export default async function OffersPage() {
  await connection();
  const queryClient = new QueryClient();
  queryClient.setQueryData(queryKeys.offers, (await listOffers((await requirePageSession()).principal.scope)).map(asJson));

  return (
    <>
      <PageHeader
        title="Offers"
        description="What you sell. Leads are scored against one offer at a time; pick it on the results page."
        actions={<ButtonLink href="/offers/new">New offer</ButtonLink>}
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <OfferList />
      </HydrationBoundary>
    </>
  );
}
