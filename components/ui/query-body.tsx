import type { UseQueryResult } from "@tanstack/react-query";
import { Notice } from "./notice";
import { Skeleton } from "./skeleton";

/** A card's list while its query loads (skeleton rows), failed (the error), or answered (`children`). */
export function QueryBody<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => React.ReactNode }) {
  if (query.isPending) {
    return (
      <div className="space-y-2 p-4 sm:p-5">
        <Skeleton className="h-12" />
        <Skeleton className="h-12" />
      </div>
    );
  }
  if (query.isError) {
    return (
      <div className="p-4 sm:p-5">
        <Notice tone="danger">{query.error.message}</Notice>
      </div>
    );
  }
  return children(query.data);
}
