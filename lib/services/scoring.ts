import { isFinished, readRunScores, type Run, type RunScore } from "@/db/queries/runs";
import type { WorkspaceScope } from "@/db/scope";
import type { Principal } from "@/lib/auth/principal";
import type { RunStatus } from "@/lib/scoring/types";
import type { ScoreRequest } from "@/lib/validations/score";
import { JSON_ARRAY, pagesStream } from "./page-stream";
import { createRun, runOutcomeError, watchRun } from "./runs";

/** What POST /score/ returns per lead; the original API's clients read the first nine fields. */
export type ScoredLead = RunScore;

type ScoringEvent =
  | { type: "start"; offer_id: number; total: number; run_id: number }
  | { type: "progress"; done: number; total: number }
  | { type: "done"; scored: number; total: number };

/**
 * POST /score/, the original synchronous API: a thin wrapper that starts an interactive run and
 * waits for it. The run does not depend on the request: if the client goes away, it goes on.
 */
export const startScoring = (principal: Principal, request: ScoreRequest): Promise<Run> => createRun(principal, { ...request, mode: "interactive" });

const settled = (status: RunStatus) => isFinished(status) || status === "paused";

/** Waits for the run to end; a run that did not succeed becomes the error the caller answers with. */
export async function awaitScoring(scope: WorkspaceScope, run: Run, signal?: AbortSignal): Promise<Run> {
  const ended = await watchRun(scope, run.id, { sinceVersion: run.version, until: settled, signal });
  const error = runOutcomeError(ended);
  if (error) throw error;
  return ended;
}

/** The progress protocol of POST /score/ for clients that accept NDJSON: start, a line per change, done. */
export async function reportScoring(scope: WorkspaceScope, run: Run, send: (event: ScoringEvent) => void, signal?: AbortSignal): Promise<void> {
  send({ type: "start", offer_id: run.offerId!, total: run.total, run_id: run.id });
  let last = run.done;
  const ended = await watchRun(scope, run.id, { sinceVersion: run.version, until: settled, signal }, (current) => {
    if (current.done === last) return;
    last = current.done;
    send({ type: "progress", done: current.done, total: Math.max(current.total, current.done) });
  });
  const error = runOutcomeError(ended);
  if (error) throw error;
  send({ type: "done", scored: ended.done, total: ended.total });
}

/** The leads a run scored, as one JSON array streamed a page at a time: a run of any size is never held in memory. */
export function streamScoredLeads(scope: WorkspaceScope, run: Run): Promise<ReadableStream<Uint8Array>> {
  return pagesStream(scoredLeads(scope, run), JSON_ARRAY);
}

async function* scoredLeads(scope: WorkspaceScope, run: Run, pageSize = 1_000): AsyncGenerator<ScoredLead[]> {
  let after = 0;
  for (;;) {
    const page = await readRunScores(scope, run.id, after, pageSize);
    if (page.length === 0) return;
    yield page;
    after = page.at(-1)!.id;
  }
}
