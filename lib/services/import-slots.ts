import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/** How long an upload may wait for a free slot before it is told to come back. */
const QUEUE_WAIT_MS = 30_000;
const RETRY_AFTER_SECONDS = 10;

let running = 0;
const waiting: (() => void)[] = [];

const busy = () =>
  new AppError("unavailable", "Too many uploads are being imported right now. Try again in a few seconds.", {
    code: "imports_busy",
    headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
  });

/**
 * Runs an import when one of this instance's MAX_CONCURRENT_IMPORTS slots is free. Up to
 * MAX_QUEUED_IMPORTS more wait (their bodies unread, so they hold no memory) for at most
 * QUEUE_WAIT_MS; anything beyond gets 503 with Retry-After at once. Slots are per process on
 * purpose: they bound this process's memory and event loop, not the database's work.
 */
export async function withImportSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= env.MAX_CONCURRENT_IMPORTS) {
    if (waiting.length >= env.MAX_QUEUED_IMPORTS) throw busy();
    await new Promise<void>((resolve, reject) => {
      const turn = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(turn), 1);
        reject(busy());
      }, QUEUE_WAIT_MS);
      waiting.push(turn);
    });
  } else running++;
  try {
    return await work();
  } finally {
    // The slot passes straight to the next in line, or is freed.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}
