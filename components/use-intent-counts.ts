"use client";

import { useEffect, useState } from "react";
import { fetchJson, resultsQuery } from "@/lib/api/client";
import { INTENTS, type Intent } from "@/lib/scoring/types";

export type IntentCounts = { total: number } & Record<Intent, number>;

/** Lead counts per intent for an offer, read from the X-Total-Count of /results/ (one row each); null until known. */
export function useIntentCounts(offerId: number | null, refreshKey: number) {
  const [counts, setCounts] = useState<IntentCounts | null>(null);
  const [error, setError] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    const count = async (intents: Intent[]) => {
      const query = resultsQuery({ offerId, intents, q: "", sort: "id" }, { limit: 1, offset: 0 });
      const { response } = await fetchJson(`/results/?${query}`, { signal: controller.signal });
      return Number(response.headers.get("x-total-count") ?? 0);
    };
    Promise.all([count([]), ...INTENTS.map((intent) => count([intent]))])
      .then(([total, High, Medium, Low]) => {
        setCounts({ total: total!, High: High!, Medium: Medium!, Low: Low! });
        setError(false);
      })
      .catch(() => {
        if (!controller.signal.aborted) setError(true);
      });
    return () => controller.abort();
  }, [offerId, refreshKey]);

  return { counts, error };
}
