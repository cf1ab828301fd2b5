import { isFinished } from "@/db/queries/runs";
import type { WorkspaceScope } from "@/db/scope";
import { sseResponse } from "@/lib/api/sse";
import { getRun, runView, watchRun } from "./runs";

/**
 * GET /runs/{id}/events/: a `progress` event each time the run changes and an `end` event when it
 * has ended, each with the run. An event's id is the run's version, so a client that reconnects
 * with Last-Event-ID gets only what changed since (and at once the `end`, if it ended meanwhile).
 */
export async function runEventStream(scope: WorkspaceScope, id: number, lastEventId: number | undefined, signal: AbortSignal): Promise<Response> {
  await getRun(scope, id); // 404 before the stream starts
  return sseResponse(async (send, stopped) => {
    const ended = await watchRun(scope, id, { sinceVersion: lastEventId ?? 0, signal: stopped }, (run) => {
      if (isFinished(run.status)) return;
      send({ event: "progress", id: String(run.version), data: runView(run) });
    });
    if (!stopped.aborted && isFinished(ended.status)) {
      send({ event: "end", id: String(ended.version), data: runView(ended) });
    }
  }, signal);
}
