import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { connection } from "next/server";
import { RunsView } from "@/components/runs/runs-view";
import { PageHeader } from "@/components/ui/page-header";
import { queryKeys, RUNS_PAGE_SIZE } from "@/lib/api/client";
import { requirePageSession } from "@/lib/auth/page";
import { listRunViews } from "@/lib/services/runs";

export const metadata: Metadata = { title: "Runs" };

// The API owns /runs/, so the page lives at /scoring (as uploads live at /imports).
export default async function RunsPage() {
  await connection();
  const { scope } = (await requirePageSession()).principal;
  const queryClient = new QueryClient();
  queryClient.setQueryData(queryKeys.runsList, await listRunViews(scope, { limit: RUNS_PAGE_SIZE }));
  return (
    <>
      <PageHeader
        title="Runs"
        description="Every scoring run, from this app or the API: live progress while one goes, and what each scored and cost. A run goes on in the background when you close the page."
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <RunsView />
      </HydrationBoundary>
    </>
  );
}
