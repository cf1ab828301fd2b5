import { useEffect, useState } from "react";
import type { RunView } from "@/lib/api/client";
import { isActive } from "./run-status";

/**
 * Which runs to show as current: those going now, and those this page has seen going (or started),
 * which stay shown once they end, with how they ended.
 */
export function useSeenRuns(runs: readonly RunView[] | undefined) {
  const [seen, setSeen] = useState<readonly number[]>([]);
  const newlyActive = (runs ?? [])
    .filter((run) => isActive(run.status) && !seen.includes(run.id))
    .map((run) => run.id)
    .join(",");
  useEffect(() => {
    if (newlyActive) setSeen((ids) => [...ids, ...newlyActive.split(",").map(Number)]);
  }, [newlyActive]);
  return {
    isCurrent: (run: RunView) => isActive(run.status) || seen.includes(run.id),
    /** A run started here, which may end before the list ever shows it going. */
    follow: (id: number) => setSeen((ids) => (ids.includes(id) ? ids : [...ids, id])),
  };
}
