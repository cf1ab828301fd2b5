import Link from "next/link";
import type { UploadSummary } from "@/lib/api/client";
import { Card } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { formatDateTime, plural } from "../ui/format";

/** Earlier uploads, newest first; uploads add leads and are never replaced. */
export function UploadHistory({ uploads }: { uploads: UploadSummary[] }) {
  return (
    <Card as="section" aria-labelledby="history-heading" flush>
      <h2 id="history-heading" className="border-b border-line px-4 py-3 text-base font-semibold text-fg sm:px-5">
        Upload history
      </h2>
      {uploads.length === 0 ? (
        <EmptyState title="No uploads yet — drop a CSV above">Each file adds its leads; earlier uploads are kept.</EmptyState>
      ) : (
        <ul className="divide-y divide-line">
          {uploads.map((upload) => (
            <li key={upload.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-3 sm:px-5">
              <div className="min-w-0">
                <p className="break-all text-sm font-medium text-fg">{upload.filename}</p>
                <p className="text-xs text-fg-muted">
                  #{upload.id} ·{" "}
                  <time dateTime={upload.created_at} suppressHydrationWarning>
                    {formatDateTime(upload.created_at)}
                  </time>
                </p>
              </div>
              <div className="flex items-center gap-4 text-sm">
                <span className="text-fg-muted">
                  {plural(upload.rows_accepted, "lead")}
                  {upload.rows_skipped > 0 && `, ${upload.rows_skipped} skipped`}
                </span>
                <Link
                  href={`/?upload=${upload.id}`}
                  aria-label={`View leads of ${upload.filename} (#${upload.id})`}
                  className="rounded-control font-medium text-accent underline-offset-2 hover:underline"
                >
                  View leads
                </Link>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
