"use client";

import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import {
  countResults,
  createOffer,
  deleteUpload,
  getOffers,
  getResultsPage,
  scoreLeads,
  uploadLeads,
  queryKeys,
  type OfferSummary,
  type ResultsFilters,
  type ScoreProgress,
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

export type IntentCounts = { total: number } & Record<Intent, number>;

/** Lead counts per intent for an offer (and upload, when one is chosen). */
export function useIntentCounts(offerId: number | null, uploadId: number | null) {
  return useQuery({
    queryKey: [...queryKeys.results, "counts", offerId, uploadId],
    queryFn: async ({ signal }): Promise<IntentCounts> => {
      const count = (intents: Intent[]) => countResults({ offerId, uploadId, intents, q: "", sort: "id" }, signal);
      const [total, High, Medium, Low] = await Promise.all([count([]), ...INTENTS.map((intent) => count([intent]))]);
      return { total: total!, High: High!, Medium: Medium!, Low: Low! };
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

/** Scoring with its progress: the run's lines arrive while the mutation is pending. */
export function useScoring() {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<ScoreProgress | null>(null);
  const mutation = useMutation({
    mutationFn: (body: { offer_id: number; rescore: boolean }) => {
      setProgress(null);
      return scoreLeads(body, setProgress);
    },
    // Scores are saved batch by batch, so even a failed run has changed what results show.
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.results }),
  });
  return { ...mutation, progress };
}
