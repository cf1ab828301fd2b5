"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { ApiRequestError, type UploadSummary } from "@/lib/api/client";
import { useDeleteUpload } from "../queries";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { formatDateTime, plural } from "../ui/format";
import { Notice } from "../ui/notice";

const uploaderName = (upload: UploadSummary) =>
  upload.uploaded_by === null ? null : upload.uploaded_by.type === "user" ? upload.uploaded_by.name : `API key “${upload.uploaded_by.name}”`;

/** Earlier uploads, newest first, with who made each; deleting one (after a confirmation) erases its leads and their scores. */
export function UploadHistory({ uploads }: { uploads: UploadSummary[] }) {
  const router = useRouter();
  const remove = useDeleteUpload();
  const confirmDelete = (upload: UploadSummary) => {
    const what = `Delete “${upload.filename}” (#${upload.id})? Its ${plural(upload.lead_count, "lead")} and all their scores will be deleted for good.`;
    if (window.confirm(what)) remove.mutate(upload.id, { onSuccess: () => router.refresh() });
  };
  return (
    <Card as="section" aria-labelledby="history-heading" flush>
      <h2 id="history-heading" className="border-b border-line px-4 py-3 text-base font-semibold text-fg sm:px-5">
        Upload history
      </h2>
      {remove.isError && (
        <Notice tone="danger" className="m-4">
          {remove.error instanceof ApiRequestError ? remove.error.message : "The upload could not be deleted."}
        </Notice>
      )}
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
                  {uploaderName(upload) && ` · by ${uploaderName(upload)}`}
                </p>
              </div>
              <div className="flex items-center gap-4 text-sm">
                <span className="text-fg-muted">
                  {plural(upload.rows_accepted, "lead")}
                  {upload.rows_duplicate > 0 && `, ${upload.rows_duplicate} duplicate`}
                  {upload.rows_skipped > 0 && `, ${upload.rows_skipped} skipped`}
                </span>
                <Link
                  href={`/?upload=${upload.id}`}
                  aria-label={`View leads of ${upload.filename} (#${upload.id})`}
                  className="rounded-control font-medium text-accent underline-offset-2 hover:underline"
                >
                  View leads
                </Link>
                <Button
                  variant="ghost"
                  size="sm"
                  disabled={remove.isPending}
                  aria-label={`Delete ${upload.filename} (#${upload.id})`}
                  onClick={() => confirmDelete(upload)}
                >
                  Delete
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
