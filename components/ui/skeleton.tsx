/** A placeholder bar shown where a value is still loading, instead of a made-up zero. */
export function Skeleton({ className = "" }: { className?: string }) {
  return <span aria-hidden className={`block rounded-control bg-surface-muted motion-safe:animate-pulse ${className}`} />;
}
