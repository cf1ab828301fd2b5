"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useDropzone } from "react-dropzone";
import { ApiRequestError } from "@/lib/api/client";
import type { OnDuplicate } from "@/lib/validations/uploads";
import { useUploadLeads } from "../queries";
import { Button, ButtonLink } from "../ui/button";
import { Card } from "../ui/card";
import { inputClass, labelClass } from "../ui/field";
import { plural } from "../ui/format";
import { Notice } from "../ui/notice";

const DUPLICATE_CHOICES: { value: OnDuplicate; label: string }[] = [
  { value: "skip", label: "Skip it — keep the stored lead and its scores" },
  { value: "update", label: "Update it — refresh its fields, score it again" },
  { value: "keep", label: "Keep both — store the new row as well" },
];

/** The rows a result lists, with "and N more" when the answer listed only the first of them. */
function RowNotes({ label, notes, count }: { label: string; notes: { row: number; reason: string }[]; count: number }) {
  if (count === 0) return null;
  return (
    <ul aria-label={label} className="max-h-32 list-disc overflow-y-auto pl-5 text-xs">
      {notes.map((note) => (
        <li key={note.row}>
          Row {note.row}: {note.reason}
        </li>
      ))}
      {count > notes.length && <li>…and {plural(count - notes.length, "more row")}</li>}
    </ul>
  );
}

/** Drag-and-drop (or browse) a CSV; says what was imported, updated and skipped, and where to go next. */
export function UploadPanel({ maxUploadMb }: { maxUploadMb: number }) {
  const router = useRouter();
  const upload = useUploadLeads();
  const file = upload.variables?.file;
  const [onDuplicate, setOnDuplicate] = useState<OnDuplicate>("skip");

  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    multiple: false,
    // Browse files is the one control for keyboards and taps; the box itself only takes drops.
    noClick: true,
    noKeyboard: true,
    onDrop: (files) => {
      // The history below is rendered on the server; refresh it once the file is in.
      if (files[0]) upload.mutate({ file: files[0], onDuplicate }, { onSuccess: () => router.refresh() });
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
        <p className="text-xs text-fg-muted">
          Columns: name, role, company, industry, location, linkedin_bio (linkedin_url optional) · up to {maxUploadMb} MB
        </p>
      </div>
      <div className="space-y-1">
        <label htmlFor="on-duplicate" className={labelClass}>
          When a lead is already stored
        </label>
        <select
          id="on-duplicate"
          className={inputClass}
          value={onDuplicate}
          disabled={upload.isPending}
          onChange={(event) => setOnDuplicate(event.target.value as OnDuplicate)}
        >
          {DUPLICATE_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
        <p className="text-xs text-fg-muted">The same LinkedIn URL, or the same name at the same company, is the same lead.</p>
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
              {upload.data.skipped_count > 0 && `, skipped ${upload.data.skipped_count.toLocaleString("en")}`}.
            </p>
            {(upload.data.updated > 0 || upload.data.duplicates_skipped > 0) && (
              <p>
                {plural(upload.data.created, "new lead")}
                {upload.data.updated > 0 && `, ${plural(upload.data.updated, "lead")} updated (scored again on the next run)`}
                {upload.data.duplicates_skipped > 0 && `, ${plural(upload.data.duplicates_skipped, "duplicate")} left as stored`}.
              </p>
            )}
            <RowNotes label="Skipped rows" notes={upload.data.skipped} count={upload.data.skipped_count} />
            {upload.data.warnings_count > 0 && <p>Imported with a warning:</p>}
            <RowNotes label="Rows with warnings" notes={upload.data.warnings} count={upload.data.warnings_count} />
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
