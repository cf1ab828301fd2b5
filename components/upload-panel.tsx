"use client";

import { useCallback, useState } from "react";
import { useDropzone } from "react-dropzone";
import { ApiRequestError, fetchJson, type UploadResult } from "@/lib/api/client";
import { Panel } from "./panel";

type State =
  | { status: "idle" }
  | { status: "uploading"; filename: string }
  | { status: "done"; filename: string; result: UploadResult }
  | { status: "error"; filename: string; message: string };

export function UploadPanel({ maxUploadMb, onUploaded }: { maxUploadMb: number; onUploaded: (result: UploadResult) => void }) {
  const [state, setState] = useState<State>({ status: "idle" });

  const upload = useCallback(
    async (file: File) => {
      setState({ status: "uploading", filename: file.name });
      const form = new FormData();
      form.append("csv_file", file);
      try {
        const { data } = await fetchJson<UploadResult>("/leads/upload/", { method: "POST", body: form });
        setState({ status: "done", filename: file.name, result: data });
        onUploaded(data);
      } catch (error) {
        setState({
          status: "error",
          filename: file.name,
          message: error instanceof ApiRequestError ? error.message : "The upload failed.",
        });
      }
    },
    [onUploaded],
  );

  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    multiple: false,
    noClick: true,
    onDrop: (files) => {
      if (files[0]) void upload(files[0]);
    },
  });

  return (
    <Panel step={2} title="Upload leads" id="upload-heading">
      <div
        {...getRootProps({
          className: `flex flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed px-4 py-8 text-center transition ${
            isDragActive ? "border-indigo-500 bg-indigo-50" : "border-slate-300 bg-slate-50"
          }`,
        })}
      >
        <input {...getInputProps({ "aria-label": "Upload leads CSV", accept: ".csv,text/csv" })} />
        <p className="text-sm text-slate-700">{isDragActive ? "Drop the CSV here" : "Drag a CSV of leads here, or"}</p>
        <button
          type="button"
          onClick={open}
          disabled={state.status === "uploading"}
          className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-indigo-700 shadow-sm ring-1 ring-slate-300 hover:bg-indigo-50 disabled:opacity-50"
        >
          Browse files
        </button>
        <p className="text-xs text-slate-500">
          Columns: name, role, company, industry, location, linkedin_bio · up to {maxUploadMb} MB
        </p>
      </div>
      <p className="mt-3 text-xs text-slate-600">
        No file at hand?{" "}
        <a href="/samples/leads.csv" download className="font-medium text-indigo-700 underline">
          Download the sample CSV
        </a>{" "}
        (5 leads) or the{" "}
        <a href="/samples/demo-leads.csv" download className="font-medium text-indigo-700 underline">
          50-lead demo
        </a>
        .
      </p>
      <div aria-live="polite" className="mt-3 text-sm">
        {state.status === "uploading" && <p className="text-slate-600">Uploading {state.filename}…</p>}
        {state.status === "error" && (
          <p role="alert" className="rounded-md bg-red-50 p-3 text-red-800">
            <span className="font-medium">{state.filename}:</span> {state.message} Nothing was imported.
          </p>
        )}
        {state.status === "done" && (
          <div className="rounded-md bg-emerald-50 p-3 text-emerald-900">
            <p>
              <span className="font-medium">{state.filename}</span>: imported {state.result.uploaded}{" "}
              {state.result.uploaded === 1 ? "lead" : "leads"}
              {state.result.skipped.length > 0 && `, skipped ${state.result.skipped.length}`}.
            </p>
            {state.result.skipped.length > 0 && (
              <ul aria-label="Skipped rows" className="mt-2 max-h-32 list-disc overflow-y-auto pl-5 text-xs text-amber-900">
                {state.result.skipped.map((skip) => (
                  <li key={skip.row}>
                    Row {skip.row}: {skip.reason}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </Panel>
  );
}
