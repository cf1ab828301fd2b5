import { EventEmitter } from "node:events";
import type { RunStatus } from "@/lib/scoring/types";

// Watchers in this process hear of a run's change at once; changes made by other instances are
// seen by polling, so a watcher never depends on the instance that does the work.
const changes = new EventEmitter().setMaxListeners(0);
const POLL_MS = 500;

/** A change of the run; `status`, when the caller knows it, is the run's status after the change. */
export function notifyRunChanged(id: number, status?: RunStatus): void {
  changes.emit(String(id), undefined, status);
}

/**
 * The work on a run stopped here on a failure it can recover from (the database could not serve):
 * the run stays as it is for a later attempt, and this process's watchers hear why now.
 */
export function notifyRunInterrupted(id: number, error: unknown): void {
  changes.emit(String(id), error);
}

/**
 * Resolves when the run changes in this process (with its status, when the change said it), after
 * a poll interval, or on abort; rejects if its work was interrupted here.
 */
export function nextRunChange(id: number, signal?: AbortSignal): Promise<RunStatus | undefined> {
  return new Promise((resolve, reject) => {
    const done = (interruption?: unknown, status?: RunStatus) => {
      clearTimeout(timer);
      changes.off(String(id), done);
      signal?.removeEventListener("abort", onAbort);
      if (interruption === undefined) resolve(status);
      else reject(interruption);
    };
    const onAbort = () => done();
    const timer = setTimeout(done, POLL_MS);
    changes.on(String(id), done);
    signal?.addEventListener("abort", onAbort);
  });
}
