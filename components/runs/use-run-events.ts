"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { queryKeys, runEventsUrl, type RunView } from "@/lib/api/client";
import { useRecordRun } from "../queries";
import { isActive } from "./run-status";

/** "live" while events arrive, "reconnecting" while the browser retries, "lost" once it gave up (a 4xx, say). */
export type RunConnection = "live" | "reconnecting" | "lost";

/**
 * Follows an active run through its event stream (GET /runs/{id}/events/) and puts each state into
 * the runs list, which every view reads; at the end the results are fetched again. The browser's
 * EventSource reconnects on its own with Last-Event-ID; after a page reload the view finds the run
 * in GET /runs/ and follows it again from its current state.
 */
export function useRunEvents(run: RunView | undefined): { connection: RunConnection; reconnect: () => void } {
  const queryClient = useQueryClient();
  const recordRun = useRecordRun();
  const [connection, setConnection] = useState<RunConnection>("live");
  const [attempt, setAttempt] = useState(0);
  const id = run?.id;
  const following = run !== undefined && isActive(run.status);

  useEffect(() => {
    if (id === undefined || !following) return;
    const source = new EventSource(runEventsUrl(id));
    const receive = (event: MessageEvent<string>) => {
      const next = JSON.parse(event.data) as RunView;
      setConnection("live");
      recordRun(next);
      return next;
    };
    source.addEventListener("progress", receive);
    source.addEventListener("end", (event) => {
      receive(event);
      source.close();
      void queryClient.invalidateQueries({ queryKey: queryKeys.results });
      void queryClient.invalidateQueries({ queryKey: queryKeys.runs });
    });
    // Both a lost connection and the server's own `error` event (the stream then closes) land here.
    source.addEventListener("error", () => setConnection(source.readyState === EventSource.CLOSED ? "lost" : "reconnecting"));
    return () => source.close();
  }, [id, following, attempt, recordRun, queryClient]);

  return {
    connection: following ? connection : "live",
    reconnect: () => {
      setConnection("reconnecting");
      setAttempt((count) => count + 1);
      void queryClient.invalidateQueries({ queryKey: queryKeys.runs });
    },
  };
}
