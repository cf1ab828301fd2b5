import { Skeleton } from "@/components/ui/skeleton";

/** Shown the moment a page is asked for, until the server has rendered it. */
export default function Loading() {
  return (
    <div aria-busy className="space-y-6">
      <span className="sr-only">Loading…</span>
      <div className="space-y-2">
        <Skeleton className="h-7 w-40" />
        <Skeleton className="h-4 w-72 max-w-full" />
      </div>
      <Skeleton className="h-28 w-full rounded-card" />
      <Skeleton className="h-64 w-full rounded-card" />
    </div>
  );
}
