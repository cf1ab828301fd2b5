"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useDropzone } from "react-dropzone";
import { ApiRequestError } from "@/lib/api/client";
import { useUploadLeads } from "../queries";
import { Button, ButtonLink } from "../ui/button";
import { Card } from "../ui/card";
import { plural } from "../ui/format";
import { Notice } from "../ui/notice";

/** Drag-and-drop (or browse) a CSV; says what was imported and skipped, and where to go next. */
export function UploadPanel({ maxUploadMb }: { maxUploadMb: number }) {
  const router = useRouter();
  const upload = useUploadLeads();
  const file = upload.variables;

  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    multiple: false,
    // Browse files is the one control for keyboards and taps; the box itself only takes drops.
    noClick: true,
    noKeyboard: true,
    onDrop: (files) => {
      // The history below is rendered on the server; refresh it once the file is in.
      if (files[0]) upload.mutate(files[0], { onSuccess: () => router.refresh() });
    },
  });

  return (
    <Card as="section" aria-labelledby="upload-heading" className="space-y-4">
      <h2 id="upload-heading" className="text-base font-semibold text-fg">
        Upload leads
      </h2>
      <div
        {...getRootProps({
          className: `flex flex-col items-center justify-center gap-3 rounded-card border-2 border-dashed px-4 py-10 text-center transition-colors ${
            isDragActive ? "border-primary bg-accent-soft" : "border-line-strong bg-canvas"
          }`,
        })}
      >
        <input {...getInputProps({ "aria-label": "Upload leads CSV", accept: ".csv,text/csv" })} />
        <svg viewBox="0 0 24 24" aria-hidden className="h-8 w-8 text-fg-subtle">
          <path
            d="M12 16V4m0 0l-4 4m4-4l4 4M4 16v2a2 2 0 002 2h12a2 2 0 002-2v-2"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        <p className="text-sm text-fg">{isDragActive ? "Drop the CSV here" : "Drag a CSV of leads here, or"}</p>
        <Button variant="secondary" onClick={open} disabled={upload.isPending}>
          Browse files
        </Button>
        <p className="text-xs text-fg-muted">Columns: name, role, company, industry, location, linkedin_bio · up to {maxUploadMb} MB</p>
      </div>
      <p className="text-xs text-fg-muted">
        No file at hand?{" "}
        <a href="/samples/leads.csv" download className="font-medium text-accent underline underline-offset-2">
          Download the sample CSV
        </a>{" "}
        (5 leads) or the{" "}
        <a href="/samples/demo-leads.csv" download className="font-medium text-accent underline underline-offset-2">
          50-lead demo
        </a>
        .
      </p>
      <div aria-live="polite" className="text-sm">
        {upload.isPending && file && <p className="text-fg-muted">Uploading {file.name}…</p>}
        {upload.isError && file && (
          <Notice tone="danger" className="space-y-1">
            <p>
              <span className="font-medium">{file.name}:</span>{" "}
              {upload.error instanceof ApiRequestError ? upload.error.message : "The upload failed."}
            </p>
            <p>Nothing was imported.</p>
          </Notice>
        )}
        {upload.isSuccess && file && (
          <Notice tone="success" className="space-y-2">
            <p>
              <span className="font-medium">{file.name}</span>: imported {plural(upload.data.uploaded, "lead")}
              {upload.data.skipped.length > 0 && `, skipped ${upload.data.skipped.length}`}.
            </p>
            {upload.data.skipped.length > 0 && (
              <ul aria-label="Skipped rows" className="max-h-32 list-disc overflow-y-auto pl-5 text-xs">
                {upload.data.skipped.map((skip) => (
                  <li key={skip.row}>
                    Row {skip.row}: {skip.reason}
                  </li>
                ))}
              </ul>
            )}
            <div className="flex flex-wrap items-center gap-x-4 gap-y-2 pt-1">
              <ButtonLink href="/" size="sm">
                Score leads
              </ButtonLink>
              <Link href={`/?upload=${upload.data.upload_id}`} className="font-medium underline underline-offset-2">
                View these leads
              </Link>
            </div>
          </Notice>
        )}
      </div>
    </Card>
  );
}
