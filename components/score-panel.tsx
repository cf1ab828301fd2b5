"use client";

import { useState } from "react";
import { apiError, ApiRequestError } from "@/lib/api/client";
import { Panel } from "./panel";

export type AiInfo = { provider: "gemini" | "offline"; model: string };

type ScoreEvent =
  | { type: "start"; total: number }
  | { type: "progress"; done: number; total: number }
  | { type: "done"; scored: number; total: number }
  | { type: "error"; error: string };

type Props = {
  offerId: number | null;
  leadCount: number;
  ai: AiInfo;
  onScored: () => void;
};

/** Reads the NDJSON progress stream of POST /score/ line by line. */
async function* readEvents(response: Response): AsyncGenerator<ScoreEvent> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines) if (line.trim()) yield JSON.parse(line) as ScoreEvent;
  }
}

export function ScorePanel({ offerId, leadCount, ai, onScored }: Props) {
  const [running, setRunning] = useState(false);
  const [rescore, setRescore] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const blocker = offerId === null ? "Create an offer first." : leadCount === 0 ? "Upload a CSV of leads first." : null;

  async function run() {
    setRunning(true);
    setError(null);
    setMessage(null);
    setProgress({ done: 0, total: 0 });
    try {
      const response = await fetch("/score/", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/x-ndjson" },
        body: JSON.stringify({ offer_id: offerId, rescore }),
      });
      if (!response.ok) throw await apiError(response);
      for await (const event of readEvents(response)) {
        if (event.type === "start") setProgress({ done: 0, total: event.total });
        if (event.type === "progress") setProgress({ done: event.done, total: event.total });
        if (event.type === "error") throw new ApiRequestError(event.error, 500);
        if (event.type === "done") {
          setMessage(
            event.total === 0
              ? "Every lead is already scored against this offer. Tick “Rescore all” to score them again."
              : `Scored ${event.scored} ${event.scored === 1 ? "lead" : "leads"}.`,
          );
        }
      }
    } catch (caught) {
      setError(caught instanceof ApiRequestError ? caught.message : "Scoring failed: the connection to the server was lost. Scores saved so far are kept.");
    } finally {
      setRunning(false);
      onScored();
    }
  }

  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;

  return (
    <Panel step={3} title="Score leads" id="score-heading">
      <div className="space-y-4">
        {ai.provider === "offline" ? (
          <p className="rounded-md bg-sky-50 p-3 text-sm text-sky-900">
            <span className="font-semibold">Offline analyzer in use.</span> No Gemini API key is configured, so intent is judged
            by matching each lead&apos;s role, industry and bio against your offer. Scores are labelled “Offline analyzer”.
          </p>
        ) : (
          <p className="text-sm text-slate-600">
            AI judgement by Gemini (<code className="text-xs">{ai.model}</code>), plus transparent rule points.
          </p>
        )}
        <p className="text-sm text-slate-600">
          {leadCount} {leadCount === 1 ? "lead" : "leads"} uploaded.
        </p>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={rescore} onChange={(event) => setRescore(event.target.checked)} className="h-4 w-4" />
          Rescore all (otherwise only leads not yet scored against this offer)
        </label>
        <button
          type="button"
          onClick={run}
          disabled={running || blocker !== null}
          className="w-full rounded-md bg-indigo-600 px-4 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-indigo-700 disabled:cursor-not-allowed disabled:opacity-50"
        >
          {running ? "Scoring…" : "Score leads"}
        </button>
        {blocker && <p className="text-sm text-slate-500">{blocker}</p>}
        {progress && (running || progress.total > 0) && (
          <div className="space-y-1">
            <div
              role="progressbar"
              aria-label="Scoring progress"
              aria-valuemin={0}
              aria-valuemax={progress.total}
              aria-valuenow={progress.done}
              className="h-2 overflow-hidden rounded-full bg-slate-200"
            >
              <div className="h-full bg-indigo-600 transition-all" style={{ width: `${percent}%` }} />
            </div>
            <p className="text-xs text-slate-600" aria-live="polite">
              {progress.done} / {progress.total} scored
            </p>
          </div>
        )}
        {message && <p className="text-sm text-emerald-800">{message}</p>}
        {error && (
          <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
            {error}
          </p>
        )}
      </div>
    </Panel>
  );
}
