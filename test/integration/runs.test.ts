import { describe, expect, it } from "vitest";
import { api, call, leadsCsv, SAMPLE_OFFER } from "../support/api";
import { createTestWorkspace } from "../support/workspaces";

type Run = { id: number; status: string; total: number; done: number; mode: string; provider: string; cached: number; started_by: unknown; error_code: string | null };

async function waitForRun(id: number, until = (run: Run) => ["succeeded", "failed", "cancelled"].includes(run.status), headers?: HeadersInit): Promise<Run> {
  for (let i = 0; i < 600; i++) {
    const run: Run = await (await api.get(`/runs/${id}/`, headers)).json();
    if (until(run)) return run;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`run ${id} did not get there`);
}

const rows = (n: number, prefix = "Lead") => Array.from({ length: n }, (_, i) => [`${prefix} ${i}`, i % 2 ? "CEO" : "Intern", "Co", "SaaS", "Oslo", "bio"]);

/** Reads server-sent events until `stop` says so (or the stream ends); answers them. */
async function readEvents(response: Response, stop: (events: { event: string; id?: string; data: Run }[]) => boolean) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: { event: string; id?: string; data: Run }[] = [];
  let buffer = "";
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    buffer += part.value;
    const blocks = buffer.split("\n\n");
    buffer = blocks.pop()!;
    for (const block of blocks) {
      const fields = Object.fromEntries(block.split("\n").filter((line) => !line.startsWith(":") && line.includes(": ")).map((line) => [line.slice(0, line.indexOf(": ")), line.slice(line.indexOf(": ") + 2)]));
      if (fields.event) events.push({ event: fields.event, id: fields.id, data: JSON.parse(fields.data!) });
    }
    if (stop(events)) {
      await reader.cancel();
      break;
    }
  }
  return events;
}

describe("scoring runs", () => {
  it("POST /runs/ answers 202 with the queued run, which the worker carries to the end", async () => {
    const offer = await (await api.postJson("/product/offer/", SAMPLE_OFFER)).json();
    await api.upload(leadsCsv(rows(30)));
    const response = await api.postJson("/runs/", { offer_id: offer.id });
    expect(response.status).toBe(202);
    const run: Run = await response.json();
    expect(response.headers.get("location")).toBe(`/runs/${run.id}/`);
    expect(run).toMatchObject({ status: "queued", total: 30, done: 0, mode: "interactive", provider: "offline", started_by: { type: "api_key" } });

    const ended = await waitForRun(run.id);
    expect(ended).toMatchObject({ status: "succeeded", total: 30, done: 30, error_code: null });
    const results: { run_id: number | null; score: number | null }[] = await (await api.get(`/results/?offer_id=${offer.id}`)).json();
    expect(results.every((row) => row.run_id === run.id && row.score !== null)).toBe(true);
  });

  it("lists runs newest first, a page at a time", async () => {
    const offer = await (await api.postJson("/product/offer/", { ...SAMPLE_OFFER, name: "Paged" })).json();
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const run: Run = await (await api.postJson("/runs/", { offer_id: offer.id, rescore: true })).json();
      ids.push(run.id);
      await waitForRun(run.id);
    }
    const first = await (await api.get(`/runs/?limit=2&offer_id=${offer.id}`)).json();
    expect(first.runs.map((run: Run) => run.id)).toEqual([ids[2], ids[1]]);
    const second = await (await api.get(`/runs/?limit=2&offer_id=${offer.id}&before=${first.next_cursor}`)).json();
    expect(second).toEqual({ runs: [expect.objectContaining({ id: ids[0] })], next_cursor: null });
  });

  it.each([
    ["an unknown mode", { mode: "later" }, 'Invalid mode: mode must be "interactive" or "batch"', "validation_failed"],
    ["batch mode without Gemini", { mode: "batch" }, "Batch mode sends the run to Gemini's Batch API: set GEMINI_API_KEY first.", "batch_needs_gemini"],
    ["refresh_ai as text", { refresh_ai: "yes" }, "Invalid refresh_ai: refresh_ai must be true or false", "validation_failed"],
  ])("refuses %s with a 400 and queues nothing", async (_, body, error, code) => {
    const before = await (await api.get("/runs/?limit=100")).json();
    const response = await api.postJson("/runs/", body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error, code });
    expect((await (await api.get("/runs/?limit=100")).json()).runs).toHaveLength(before.runs.length);
  });

  it("answers 404 for an unknown run and for another workspace's run", async () => {
    const other = await createTestWorkspace("Other");
    const headers = { authorization: `Bearer ${other.key}` };
    await api.postJson("/product/offer/", SAMPLE_OFFER, headers);
    await api.upload(leadsCsv(rows(2)), "leads.csv", "csv_file", headers);
    const theirs: Run = await (await api.postJson("/runs/", {}, headers)).json();
    for (const path of [`/runs/${theirs.id}/`, `/runs/${theirs.id}/events/`, "/runs/999999/"]) {
      const response = await api.get(path);
      expect(response.status).toBe(404);
      expect((await response.json()).code).toBe("run_not_found");
    }
    const cancel = await call("POST", `/runs/${theirs.id}/cancel/`);
    expect(cancel.status).toBe(404);
    expect((await waitForRun(theirs.id, (run) => run.status === "succeeded", headers)).done).toBe(2);
  });

  it("cancel answers 409 once a run has ended", async () => {
    const run: Run = await (await api.postJson("/runs/", { rescore: true })).json();
    await waitForRun(run.id);
    const response = await call("POST", `/runs/${run.id}/cancel/`);
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ code: "run_finished", details: { status: "succeeded" } });
  });

  it("streams progress and the end as server-sent events, resumable with Last-Event-ID", async () => {
    const offer = await (await api.postJson("/product/offer/", { ...SAMPLE_OFFER, name: "Streamed" })).json();
    await api.upload(leadsCsv(rows(2000, "Streamed")));
    const run: Run = await (await api.postJson("/runs/", { offer_id: offer.id })).json();

    const first = await api.get(`/runs/${run.id}/events/`);
    expect(first.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const early = await readEvents(first, (events) => events.length >= 1);
    expect(early.map((event) => event.event)).toEqual(["progress"]);
    const lastId = Number(early.at(-1)!.id);
    expect(lastId).toBeGreaterThan(0);

    const resumed = await api.get(`/runs/${run.id}/events/`, { "last-event-id": String(lastId) });
    const rest = await readEvents(resumed, () => false);
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.map((event) => Number(event.id)).filter((id) => id <= lastId)).toEqual([]);
    const ids = rest.map((event) => Number(event.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(rest.at(-1), JSON.stringify(rest.at(-1))).toMatchObject({ event: "end", data: { status: "succeeded", done: run.total } });
    expect(rest.slice(0, -1).map((event) => event.event).filter((event) => event !== "progress")).toEqual([]);

    // Reconnecting after the end: the end again at once, nothing before it.
    const after = await readEvents(await api.get(`/runs/${run.id}/events/?last_event_id=${lastId}`), () => false);
    expect(after).toEqual([expect.objectContaining({ event: "end", id: rest.at(-1)!.id })]);
    const bad = await api.get(`/runs/${run.id}/events/`, { "last-event-id": "x1" });
    expect(bad.status).toBe(400);
  });
});

describe("GET /runs/?status=", () => {
  it("lists only runs in the statuses asked for, and refuses an unknown one", async () => {
    const all = (await (await api.get("/runs/?limit=100")).json()).runs as Run[];
    const succeeded = (await (await api.get("/runs/?status=succeeded&limit=100")).json()).runs as Run[];
    expect(succeeded.length).toBeGreaterThan(0);
    expect(succeeded.map((run) => run.id)).toEqual(all.filter((run) => run.status === "succeeded").map((run) => run.id));
    const other = (await (await api.get("/runs/?status=failed,cancelled&limit=100")).json()).runs as Run[];
    expect(other.map((run) => run.id)).toEqual(all.filter((run) => ["failed", "cancelled"].includes(run.status)).map((run) => run.id));
    const bad = await api.get("/runs/?status=done");
    expect(bad.status).toBe(400);
  });
});

describe("an offer a run is scoring", () => {
  it("cannot be edited or deleted until the run ends (409 offer_in_use), and nothing changes", async () => {
    const { insertRun } = await import("../support/runs");
    const { testWorkspace } = await import("../support/api");
    const { getDb } = await import("@/db");
    const { scoringClaims } = await import("@/db/schema");
    const offer = await (await api.postJson("/product/offer/", { ...SAMPLE_OFFER, name: "Held" })).json();
    const { scope } = await testWorkspace();
    const [lead] = await (await api.get("/results/?limit=1&sort=id")).json();
    // A run another instance is working on: it holds its one lead, so no worker here can take or end it.
    const runId = await insertRun(scope, offer.id, "running", [lead.id]);
    await (await getDb()).insert(scoringClaims).values({ workspaceId: scope.workspaceId, leadId: lead.id, offerId: offer.id, runId });
    const patch = await call("PATCH", `/product/offer/${offer.id}/`, { headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Renamed" }) });
    expect(patch.status).toBe(409);
    expect((await patch.json()).code).toBe("offer_in_use");
    expect((await call("DELETE", `/product/offer/${offer.id}/`)).status).toBe(409);
    expect((await (await api.get(`/product/offer/${offer.id}/`)).json()).name).toBe("Held");

    expect((await call("POST", `/runs/${runId}/cancel/`)).status).toBe(200);
    expect((await call("DELETE", `/product/offer/${offer.id}/`)).status).toBe(204);
  });
});
