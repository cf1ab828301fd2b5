import { and, count, eq, or } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { aiJudgements, leads, scores, scoringClaims } from "@/db/schema";
import type { WorkspaceScope } from "@/db/scope";
import { api, call, leadsCsv, SAMPLE_OFFER } from "../support/api";
import { createTestWorkspace } from "../support/workspaces";
import { insertRun } from "../support/runs";

type Lead = { id: number; name: string; score: number | null; stale: boolean | null; offer_id: number | null };

/** A workspace of its own with an offer, two uploads and every lead scored. */
async function scoredWorkspace() {
  const workspace = await createTestWorkspace();
  const headers = { authorization: `Bearer ${workspace.key}` };
  const offer = await (await api.postJson("/product/offer/", SAMPLE_OFFER, headers)).json();
  const first = await (await api.upload(leadsCsv([["Erin Erase", "CEO", "Acme", "SaaS", "Berlin", "private bio"], ["Kim Keep", "CTO", "Acme", "SaaS", "Oslo", ""]]), "first.csv", "csv_file", headers)).json();
  const second = await (await api.upload(leadsCsv([["Lou Later", "VP", "Beta", "Tech", "Rome", ""]]), "second.csv", "csv_file", headers)).json();
  expect((await api.postJson("/score/", { offer_id: offer.id }, headers)).status).toBe(200);
  const results = async (query = ""): Promise<Lead[]> => (await api.get(`/results/?sort=id&offer_id=${offer.id}${query}`, headers)).json();
  return { ...workspace, headers, offer, first, second, results };
}

/** Every row in leads, scores and scoring_claims that belongs to the lead or carries the name in its workspace. */
async function traces(scope: WorkspaceScope, leadId: number, name: string) {
  const db = await getDb();
  const [lead] = await db
    .select({ n: count() })
    .from(leads)
    .where(or(eq(leads.id, leadId), and(eq(leads.workspaceId, scope.workspaceId), eq(leads.name, name))));
  const [score] = await db.select({ n: count() }).from(scores).where(eq(scores.leadId, leadId));
  const [claim] = await db.select({ n: count() }).from(scoringClaims).where(eq(scoringClaims.leadId, leadId));
  const [judgement] = await db.select({ n: count() }).from(aiJudgements).where(eq(aiJudgements.leadId, leadId));
  return lead!.n + score!.n + claim!.n + judgement!.n;
}

describe("DELETE /leads/{id}/", () => {
  it("erases the lead with its scores and claims, leaving no row of the person", async () => {
    const { headers, offer, scope, results } = await scoredWorkspace();
    const [erin, kim] = await results();
    const db = await getDb();
    await db.insert(scoringClaims).values({ workspaceId: scope.workspaceId, leadId: erin!.id, offerId: offer.id, runId: await insertRun(scope, offer.id) });
    await db.insert(aiJudgements).values({
      workspaceId: scope.workspaceId,
      leadId: erin!.id,
      offerHash: "pitch",
      model: "gemini-test",
      promptVersion: "v",
      leadHash: "lead",
      intent: "High",
      reasoning: "Erin Erase leads a sales team.",
    });
    expect(await traces(scope, erin!.id, "Erin Erase")).toBe(4);

    const response = await call("DELETE", `/leads/${erin!.id}/`, { headers });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
    expect(await traces(scope, erin!.id, "Erin Erase")).toBe(0);
    expect((await results()).map((lead) => lead.name)).toEqual(["Kim Keep", "Lou Later"]);
    expect((await results())[0]).toMatchObject({ id: kim!.id, score: expect.any(Number) });

    const again = await call("DELETE", `/leads/${erin!.id}`, { headers });
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual({ error: `Lead ${erin!.id} was not found.`, code: "lead_not_found" });
  });

  it("answers 404 for another workspace's lead and leaves it alone", async () => {
    const owner = await scoredWorkspace();
    const [lead] = await owner.results();
    const response = await call("DELETE", `/leads/${lead!.id}/`);
    expect(response.status).toBe(404);
    expect(await owner.results()).toHaveLength(3);
  });

  it.each(["0", "abc", "1.5", "-1"])("answers 400 for the id %j", async (id) => {
    const response = await call("DELETE", `/leads/${id}/`);
    expect(response.status).toBe(400);
    expect((await response.json()).code).toBe("validation_failed");
  });
});

describe("GET /uploads/ and DELETE /uploads/{id}/", () => {
  it("lists uploads newest first with rows accepted, skipped and duplicate, when and by whom", async () => {
    const { headers, results, first, second } = await scoredWorkspace();
    const third = await (await api.upload(leadsCsv([["Lou Later", "VP", "Beta", "Tech", "Rome", ""], ["", "x", "y", "z", "w", ""]]), "Prospects été 日本.csv", "csv_file", headers)).json();
    const response = await api.get("/uploads/", headers);
    expect(response.status).toBe(200);
    const keyName = "Integration tests";
    expect(await response.json()).toEqual([
      // The name as the file had it, accents and all.
      { id: third.upload_id, filename: "Prospects été 日本.csv", rows_accepted: 1, rows_skipped: 1, rows_duplicate: 1, lead_count: 0, created_at: expect.any(String), uploaded_by: { type: "api_key", id: expect.any(Number), name: keyName } },
      { id: second.upload_id, filename: "second.csv", rows_accepted: 1, rows_skipped: 0, rows_duplicate: 0, lead_count: 1, created_at: expect.any(String), uploaded_by: { type: "api_key", id: expect.any(Number), name: keyName } },
      { id: first.upload_id, filename: "first.csv", rows_accepted: 2, rows_skipped: 0, rows_duplicate: 0, lead_count: 2, created_at: expect.any(String), uploaded_by: { type: "api_key", id: expect.any(Number), name: keyName } },
    ]);
    expect(await results()).toHaveLength(3);
  });

  it("deletes an upload with its leads and their scores, and only those", async () => {
    const { headers, results, first, second, scope } = await scoredWorkspace();
    const [erin, kim] = await results();
    const response = await call("DELETE", `/uploads/${first.upload_id}/`, { headers });
    expect(response.status).toBe(204);
    expect(await traces(scope, erin!.id, "Erin Erase")).toBe(0);
    expect(await traces(scope, kim!.id, "Kim Keep")).toBe(0);
    expect((await results()).map((lead) => [lead.name, lead.score !== null])).toEqual([["Lou Later", true]]);
    expect((await (await api.get("/uploads/", headers)).json()).map((upload: { id: number }) => upload.id)).toEqual([second.upload_id]);
    const filtered = await api.get(`/results/?upload_id=${first.upload_id}`, headers);
    expect(filtered.status).toBe(404);
  });

  it("answers 404 upload_not_found for an unknown upload or another workspace's", async () => {
    const owner = await scoredWorkspace();
    for (const id of [owner.first.upload_id, 2_147_483_647]) {
      const response = await call("DELETE", `/uploads/${id}/`);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: `Upload ${id} was not found.`, code: "upload_not_found" });
    }
    expect(await owner.results()).toHaveLength(3);
  });
});

describe("PATCH and DELETE /product/offer/{id}/", () => {
  it("edits an offer, marks its scores stale, and the next run rescores them without rescore", async () => {
    const { headers, offer, results } = await scoredWorkspace();
    const other = await (await api.postJson("/product/offer/", { ...SAMPLE_OFFER, name: "Other" }, headers)).json();
    await api.postJson("/score/", { offer_id: other.id }, headers);

    const response = await call("PATCH", `/product/offer/${offer.id}/`, {
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ value_props: ["  cuts churn  "], rules: { high_value_industries: ["fintech"] } }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ...offer, value_props: ["cuts churn"], rules: { high_value_industries: ["fintech"] } });
    expect((await results()).map((lead) => lead.stale)).toEqual([true, true, true]);
    const otherScores: Lead[] = await (await api.get(`/results/?offer_id=${other.id}`, headers)).json();
    expect(otherScores.map((lead) => lead.stale)).toEqual([false, false, false]);

    const rescored: Lead[] = await (await api.postJson("/score/", { offer_id: offer.id }, headers)).json();
    expect(rescored).toHaveLength(3);
    const after = await results();
    expect(after.map((lead) => lead.stale)).toEqual([false, false, false]);
    // Industry points follow the new rules: SaaS is no longer a high-value industry.
    expect(after.map((lead) => (lead as unknown as { breakdown: { industry: { points: number } } }).breakdown.industry.points)).toEqual([0, 0, 0]);
    expect(await (await api.postJson("/score/", { offer_id: offer.id }, headers)).json()).toEqual([]);

    const reset = await call("PATCH", `/product/offer/${offer.id}`, { headers: { ...headers, "content-type": "application/json" }, body: '{"rules": null, "name": "Renamed"}' });
    expect(await reset.json()).toMatchObject({ name: "Renamed", rules: null, value_props: ["cuts churn"] });
  });

  it.each([
    { case: "an empty object", body: "{}", message: "Give at least one of name, value_props, ideal_use_cases or rules to change." },
    { case: "an empty name", body: '{"name": " "}', message: "name must not be empty" },
    { case: "an empty list", body: '{"value_props": []}', message: "add at least one value proposition" },
    { case: "not an object", body: "[1]", message: "The body must be a JSON object with name, value_props and ideal_use_cases." },
  ])("refuses $case with 400 and changes nothing", async ({ body, message }) => {
    const { headers, offer, results } = await scoredWorkspace();
    const response = await call("PATCH", `/product/offer/${offer.id}/`, { headers: { ...headers, "content-type": "application/json" }, body });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toContain(message);
    expect(await (await api.get(`/product/offer/${offer.id}/`, headers)).json()).toEqual(offer);
    expect((await results()).map((lead) => lead.stale)).toEqual([false, false, false]);
  });

  it("deletes an offer with its scores, keeping the leads", async () => {
    const { headers, offer } = await scoredWorkspace();
    const response = await call("DELETE", `/product/offer/${offer.id}/`, { headers });
    expect(response.status).toBe(204);
    expect((await api.get(`/product/offer/${offer.id}/`, headers)).status).toBe(404);
    const [left] = await (await getDb()).select({ n: count() }).from(scores).where(eq(scores.offerId, offer.id));
    expect(left!.n).toBe(0);
    expect(await (await api.get("/results/?sort=id", headers)).json()).toHaveLength(3);
  });

  it("a run started while its offer is deleted or edited: one of the two wins, cleanly, never a 500", async () => {
    const { headers } = await scoredWorkspace();
    for (let i = 0; i < 8; i++) {
      const offer = await (await api.postJson("/product/offer/", { ...SAMPLE_OFFER, name: `Race ${i}` }, headers)).json();
      const change =
        i % 2 === 0
          ? call("DELETE", `/product/offer/${offer.id}/`, { headers })
          : call("PATCH", `/product/offer/${offer.id}/`, { headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify({ name: `Race ${i}, renamed` }) });
      const [started, changed] = await Promise.all([api.postJson("/runs/", { offer_id: offer.id }, headers), change]);
      const outcome = [started.status, changed.status];
      // The run first (the change is refused while it has not ended; a run of these few leads may
      // also have ended already), or the change first (a deleted offer cannot be scored; an edited one can).
      const allowed = i % 2 === 0 ? [[202, 409], [202, 204], [404, 204]] : [[202, 409], [202, 200]];
      expect(allowed, `${outcome} in round ${i}`).toContainEqual(outcome);
      if (started.status === 202) await api.postJson(`/runs/${(await started.json()).id}/cancel/`, undefined, headers);
    }
  });

  it("answers 404 offer_not_found for another workspace's offer on PATCH and DELETE", async () => {
    const owner = await scoredWorkspace();
    const patch = await call("PATCH", `/product/offer/${owner.offer.id}/`, { headers: { "content-type": "application/json" }, body: '{"name": "Hijacked"}' });
    expect(patch.status).toBe(404);
    expect(await patch.json()).toEqual({ error: `Offer ${owner.offer.id} was not found.`, code: "offer_not_found" });
    expect((await call("DELETE", `/product/offer/${owner.offer.id}/`)).status).toBe(404);
    expect(await (await api.get(`/product/offer/${owner.offer.id}/`, owner.headers)).json()).toEqual(owner.offer);
  });
});
