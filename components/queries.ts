"use client";

import { keepPreviousData, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import {
  deleteLead,
  deleteOffer,
  updateOffer,
  countResults,
  createOffer,
  createWebhook,
  deleteUpload,
  deleteWebhook,
  getWebhookDeliveries,
  getWebhooks,
  rotateWebhookSecret,
  sendWebhookTest,
  updateWebhook,
  getOffers,
  getResultsPage,
  getRuns,
  startRun,
  cancelRun,
  uploadLeads,
  queryKeys,
  RUNS_PAGE_SIZE,
  type OfferSummary,
  type ResultsFilters,
  type ResultsTotal,
  type RunsPage,
  type RunView,
} from "@/lib/api/client";
import { INTENTS, type Intent } from "@/lib/scoring/types";

export const offersQuery = queryOptions({
  queryKey: queryKeys.offers,
  queryFn: ({ signal }) => getOffers(signal),
});

export function useOffers() {
  return useQuery(offersQuery).data ?? [];
}

/** One page of results; the previous page stays on screen (marked busy) while the next loads. */
export function useResultsPage(filters: ResultsFilters, page: { limit: number; offset: number }) {
  return useQuery({
    queryKey: [...queryKeys.results, "page", filters, page],
    queryFn: ({ signal }) => getResultsPage(filters, page, signal),
    placeholderData: keepPreviousData,
  });
}

/** Lead counts, and which of them are the database's estimates (past 10,000 leads). */
export type IntentCounts = { total: number } & Record<Intent, number> & { estimated: Record<"total" | Intent, boolean> };

/** Lead counts per intent for an offer (and upload, when one is chosen). */
export function useIntentCounts(offerId: number | null, uploadId: number | null) {
  return useQuery({
    queryKey: [...queryKeys.results, "counts", offerId, uploadId],
    queryFn: async ({ signal }): Promise<IntentCounts> => {
      const count = (intents: Intent[]) => countResults({ offerId, uploadId, intents, q: "", sort: "id" }, signal);
      const [total, High, Medium, Low] = (await Promise.all([count([]), ...INTENTS.map((intent) => count([intent]))])) as ResultsTotal[];
      return {
        total: total!.total,
        High: High!.total,
        Medium: Medium!.total,
        Low: Low!.total,
        estimated: { total: total!.estimated, High: High!.estimated, Medium: Medium!.estimated, Low: Low!.estimated },
      };
    },
  });
}

export function useCreateOffer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createOffer,
    onSuccess: (offer) => {
      queryClient.setQueryData(offersQuery.queryKey, (current: OfferSummary[] | undefined) => [offer, ...(current ?? [])]);
      void queryClient.invalidateQueries({ queryKey: offersQuery.queryKey });
    },
  });
}

export function useUploadLeads() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadLeads,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.results }),
  });
}

export function useDeleteUpload() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteUpload,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.results }),
  });
}

/** The newest runs: the Runs view's history, and where the score panel finds a run still going after a reload. */
export const runsQuery = queryOptions({
  queryKey: queryKeys.runsList,
  queryFn: ({ signal }) => getRuns({ limit: RUNS_PAGE_SIZE, before: null }, signal),
});

export function useRuns() {
  return useQuery(runsQuery);
}

/**
 * The pages of runs after the newest (`cursor`: the first page's next_cursor), fetched on request.
 * They have ended long ago as a rule, so they are not followed live.
 */
export function useOlderRuns(cursor: string | null) {
  const query = useInfiniteQuery({
    queryKey: [...queryKeys.runs, "older", cursor],
    queryFn: ({ pageParam, signal }) => getRuns({ limit: RUNS_PAGE_SIZE, before: pageParam }, signal),
    initialPageParam: cursor,
    getNextPageParam: (page) => page.next_cursor,
    enabled: false,
  });
  const loaded = query.data?.pages ?? [];
  return {
    runs: loaded.flatMap((page) => page.runs),
    hasNextPage: cursor !== null && (loaded.length === 0 || query.hasNextPage),
    fetchNextPage: () => (loaded.length === 0 ? query.refetch() : query.fetchNextPage()),
    isFetchingNextPage: query.isFetching,
    error: query.error,
  };
}

/** Puts a run's newest state into the list, where every view of it reads it (an older version never replaces a newer one). */
export function useRecordRun() {
  const queryClient = useQueryClient();
  return useCallback(
    (run: RunView) =>
      queryClient.setQueryData(runsQuery.queryKey, (page: RunsPage | undefined) => {
        if (!page) return { runs: [run], next_cursor: null };
        const known = page.runs.some((item) => item.id === run.id);
        return { ...page, runs: known ? page.runs.map((item) => (item.id === run.id && run.version >= item.version ? run : item)) : [run, ...page.runs] };
      }),
    [queryClient],
  );
}

/** Starts a run; it goes on in the background, and `useRunEvents` follows it. */
export function useStartRun() {
  const recordRun = useRecordRun();
  return useMutation({ mutationFn: startRun, onSuccess: recordRun });
}

export function useCancelRun() {
  const recordRun = useRecordRun();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelRun,
    onSuccess: recordRun,
    // A run that had already ended (409) is shown as it is now.
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.runs }),
  });
}

// ── Webhooks ──

export function useWebhooks() {
  return useQuery({ queryKey: queryKeys.webhooks, queryFn: ({ signal }) => getWebhooks(signal) });
}

/** An endpoint's latest deliveries; polled while any is still pending, so retries show as they happen. */
export function useWebhookDeliveries(id: number) {
  return useQuery({
    queryKey: [...queryKeys.webhooks, id, "deliveries"],
    queryFn: ({ signal }) => getWebhookDeliveries(id, signal),
    refetchInterval: (query) => (query.state.data?.rows.some((delivery) => delivery.status === "pending") ? 5_000 : false),
  });
}

/** Every webhook change refreshes the endpoints and their delivery logs. */
function useWebhookMutation<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.webhooks }) });
}

export const useCreateWebhook = () => useWebhookMutation(createWebhook);
export const useUpdateWebhook = () => useWebhookMutation(updateWebhook);
export const useDeleteWebhook = () => useWebhookMutation(deleteWebhook);
export const useRotateWebhookSecret = () => useWebhookMutation(rotateWebhookSecret);
export const useSendWebhookTest = () => useWebhookMutation(sendWebhookTest);

export function useUpdateOffer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateOffer,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: offersQuery.queryKey }),
  });
}

export function useDeleteOffer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteOffer,
    onSuccess: (_done, id) => {
      queryClient.setQueryData(offersQuery.queryKey, (current: OfferSummary[] | undefined) => current?.filter((offer) => offer.id !== id));
      void queryClient.invalidateQueries({ queryKey: offersQuery.queryKey });
      void queryClient.invalidateQueries({ queryKey: queryKeys.results });
    },
  });
}

export function useDeleteLead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteLead,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.results }),
  });
}
