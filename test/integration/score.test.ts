import { describe, expect, it } from "vitest";
import { api, call, SAMPLE_OFFER, leadsCsv, testWorkspace } from "../support/api";
import { insertRun } from "../support/runs";

type Scored = { id: number; name: string; intent: string; score: number; rule_score: number; ai_score: number; ai_provider: string; reasoning: string };

const score = (body?: unknown, headers?: HeadersInit) => api.postJson("/score/", body, headers);

describe("POST /score/ before there is anything to score", () => {
  it("answers 404 when no offer exists", async () => {
    const response = await score();
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "No product offer found. Please create an offer first.", code: "no_offer" });
  });

  it("answers 400 when no leads were uploaded", async () => {
    await api.postJson("/product/offer/", SAMPLE_OFFER);
    const response = await score();
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe("No leads have been uploaded yet. Upload a CSV of leads first.");
  });
});

describe("POST /score/", () => {
  let offerId: number;
  let leadIds: number[];

  it("scores every lead against the latest offer and answers with the original fields", async () => {
    offerId = (await (await api.postJson("/product/offer/", SAMPLE_OFFER)).json()).id;
    await api.upload(
      leadsCsv([
        ["Ava Chen", "CEO", "Acme", "SaaS", "Berlin", "Scaling B2B SaaS sales teams with outreach automation"],
        ["Bo Berg", "Marketing Analyst", "Beta", "Business Services", "Oslo", "Campaign reporting"],
        ["Cy Dahl", "Intern", "Gamma", "Farming", "", ""],
      ]),
    );
    const response = await call("POST", "/score/");
    expect(response.status).toBe(200);
    const scored: Scored[] = await response.json();
    leadIds = scored.map((lead) => lead.id);
    expect(scored).toHaveLength(3);
    expect(Object.keys(scored[0]!)).toEqual([
      "id", "name", "role", "company", "industry", "location", "intent", "score", "reasoning", "rule_score", "ai_score", "ai_provider", "ai_cached",
    ]);
    const [ava, bo, cy] = scored;
    expect(ava).toMatchObject({ name: "Ava Chen", rule_score: 50, ai_provider: "offline" });
    expect(ava!.score).toBe(ava!.rule_score + ava!.ai_score);
    expect(bo).toMatchObject({ name: "Bo Berg", rule_score: 30 });
    expect(cy).toMatchObject({ name: "Cy Dahl", rule_score: 0, ai_score: 10, score: 10, intent: "Low" });
    for (const lead of scored) {
      expect(lead.intent).toBe(lead.score >= 70 ? "High" : lead.score >= 40 ? "Medium" : "Low");
      expect(lead.reasoning.length).toBeGreaterThan(10);
    }
  });

  it("shows the scores and their breakdown in /results/", async () => {
    const results = await (await api.get("/results/?sort=name")).json();
    expect(results[0]).toMatchObject({
      name: "Ava Chen",
      offer_id: offerId,
      rule_score: 50,
      ai_provider: "offline",
      ai_model: "offline-term-overlap-v1",
      scored_at: expect.any(String),
      breakdown: {
        role: { points: 20, match: "ceo", tier: "decision_maker" },
        industry: { points: 20, match: "saas", tier: "high_value" },
        completeness: { points: 10, missing: [] },
        rule_points: 50,
        ai: { provider: "offline", model: "offline-term-overlap-v1" },
      },
    });
    expect(results[2].breakdown.completeness).toEqual({ points: 0, missing: ["location"] });
  });

  it("scores only what is new on the next call", async () => {
    expect(await (await score()).json()).toEqual([]);
    await api.upload(leadsCsv([["Di Eng", "Founder", "Delta", "Software", "Paris", ""]]));
    const scored: Scored[] = await (await score()).json();
    expect(scored.map((lead) => lead.name)).toEqual(["Di Eng"]);
    leadIds.push(scored[0]!.id);
  });

  it("rescores everything when asked, once per lead", async () => {
    const scored: Scored[] = await (await score({ rescore: true })).json();
    expect(scored.map((lead) => lead.id)).toEqual(leadIds);
  });

  it("scores only the given lead ids", async () => {
    const scored: Scored[] = await (await score({ lead_ids: [leadIds[1]], rescore: true })).json();
    expect(scored.map((lead) => lead.id)).toEqual([leadIds[1]]);
  });

  it("keeps scores against each offer when another offer is scored", async () => {
    const strict = await (
      await api.postJson("/product/offer/", {
        name: "Farm software",
        value_props: ["crop planning"],
        ideal_use_cases: ["farming cooperatives"],
        rules: { high_value_industries: ["farming"], decision_maker_roles: ["intern"] },
      })
    ).json();
    const scored: Scored[] = await (await score({ offer_id: strict.id })).json();
    expect(scored).toHaveLength(4);
    expect(scored.find((lead) => lead.name === "Cy Dahl")).toMatchObject({ rule_score: 40 });
    expect(scored.find((lead) => lead.name === "Ava Chen")).toMatchObject({ rule_score: 10 });

    // Results follow the most recently scored offer, or the one asked for.
    const latest = await (await api.get("/results/?sort=name")).json();
    expect(latest[0]).toMatchObject({ name: "Ava Chen", offer_id: strict.id, rule_score: 10 });
    const first = await (await api.get(`/results/?sort=name&offer_id=${offerId}`)).json();
    expect(first[0]).toMatchObject({ name: "Ava Chen", offer_id: offerId, rule_score: 50 });
  });

  it("streams progress as NDJSON when the client asks for it", async () => {
    const response = await score({ offer_id: offerId, rescore: true }, { accept: "application/x-ndjson" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
    const events = (await response.text()).trim().split("\n").map((line) => JSON.parse(line));
    expect(events[0]).toEqual({ type: "start", offer_id: offerId, total: 4, run_id: expect.any(Number) });
    expect(events.at(-2)).toEqual({ type: "progress", done: 4, total: 4 });
    expect(events.at(-1)).toEqual({ type: "done", scored: 4, total: 4 });
  });

  it.each([
    { case: "an unknown offer", body: { offer_id: 999_999 }, status: 404, error: "Offer 999999 was not found.", code: "offer_not_found" },
    { case: "an offer id that is not a number", body: { offer_id: "abc" }, status: 400, error: "Invalid offer_id: must be a number" },
    { case: "an offer id as a string of digits", body: { offer_id: "1" }, status: 400, error: "Invalid offer_id: must be a number" },
    { case: "a fractional offer id", body: { offer_id: 1.5 }, status: 400, error: "Invalid offer_id: must be a whole number" },
    { case: "an offer id beyond the integer range", body: { offer_id: 2 ** 31 }, status: 400, error: "Invalid offer_id: must be at most 2147483647" },
    { case: "lead ids as booleans", body: { lead_ids: [true] }, status: 400, error: "Invalid lead_ids.0: must be a number" },
    { case: "lead ids as strings", body: { lead_ids: ["1"] }, status: 400, error: "Invalid lead_ids.0: must be a number" },
    { case: "a zero lead id", body: { lead_ids: [0] }, status: 400, error: "Invalid lead_ids.0: must be a positive id" },
    { case: "empty lead_ids", body: { lead_ids: [] }, status: 400, error: "Invalid lead_ids: lead_ids must not be empty; leave it out to score every lead" },
    { case: "unknown lead ids", body: { lead_ids: [999_998, 999_999] }, status: 400, error: "Unknown lead ids: 999998, 999999" },
    { case: "rescore as text", body: { rescore: "yes" }, status: 400, error: "Invalid rescore: rescore must be true or false" },
    { case: "a body that is not an object", body: "score", status: 400, error: "The body must be a JSON object: {offer_id?, lead_ids?, rescore?, refresh_ai?}." },
  ])("answers $case with $status", async ({ body, status, error, ...expected }) => {
    const response = await score(body);
    expect(response.status).toBe(status);
    const answer = await response.json();
    expect(answer.error).toBe(error);
    if ("code" in expected) expect(answer.code).toBe(expected.code);
  });

  it("never scores a lead twice when two calls run at once", async () => {
    const rows = Array.from({ length: 600 }, (_, i) => [`Lead ${i}`, i % 2 ? "VP Sales" : "Analyst", "Co", "SaaS", "Oslo", "outreach automation"]);
    await api.upload(leadsCsv(rows));
    const [a, b] = await Promise.all([score({ offer_id: offerId }), score({ offer_id: offerId })]);
    const first: Scored[] = await a.json();
    const second: Scored[] = await b.json();
    const ids = [...first, ...second].map((lead) => lead.id);
    expect(ids).toHaveLength(600);
    expect(new Set(ids).size).toBe(600);
    expect(Number((await api.get(`/results/?offer_id=${offerId}&limit=1`)).headers.get("x-total-count"))).toBe(604);
    const unscored = (await (await api.get(`/results/?offer_id=${offerId}&limit=10000`)).json()).filter((lead: Scored) => lead.score === null);
    expect(unscored).toEqual([]);
  });
});

describe("ten rescore calls at once", () => {
  it("share the leads and all finish: each lead is scored exactly once", async () => {
    const offer = await (await api.postJson("/product/offer/", { ...SAMPLE_OFFER, name: "Rescore race" })).json();
    const total = Number((await api.get("/results/?limit=1")).headers.get("x-total-count"));
    await score({ offer_id: offer.id });
    const answers = await Promise.all(Array.from({ length: 10 }, () => score({ offer_id: offer.id, rescore: true })));
    const ids = (await Promise.all(answers.map(async (answer) => (await answer.json()) as Scored[]))).flat().map((lead) => lead.id);
    // Overlapping rescore runs share one cut-off: together they score each lead exactly once.
    expect(new Set(ids).size).toBe(total);
    expect(ids).toHaveLength(total);
  });
});

describe("claims left behind", () => {
  it("takes over leads claimed by a run that stopped, and leaves a live run's leads alone", async () => {
    const { getDb } = await import("@/db");
    const { scoringClaims, scoringRuns } = await import("@/db/schema");
    const { sql } = await import("drizzle-orm");
    const offer = await (await api.postJson("/product/offer/", { ...SAMPLE_OFFER, name: "Claims" })).json();
    const { upload_id } = await (await api.upload(leadsCsv([["Stale", "CEO", "Co", "SaaS", "Oslo", ""], ["Live", "CEO", "Co", "SaaS", "Oslo", ""]]))).json();
    const [stale, live] = await (await api.get(`/results/?upload_id=${upload_id}&sort=id`)).json();
    const db = await getDb();
    const { scope } = await testWorkspace();
    // A run that died (its claim expired), and one another instance is working on (for its one lead).
    const [stoppedRun, liveRun] = [await insertRun(scope, offer.id, "failed"), await insertRun(scope, offer.id, "running", [live.id])];
    await db.insert(scoringClaims).values([
      { workspaceId: scope.workspaceId, leadId: stale.id, offerId: offer.id, runId: stoppedRun, claimedAt: sql`now() - interval '3 minutes'` },
      { workspaceId: scope.workspaceId, leadId: live.id, offerId: offer.id, runId: liveRun, claimedAt: sql`now()` },
    ]);

    const scored: Scored[] = await (await score({ offer_id: offer.id, lead_ids: [stale.id, live.id] })).json();
    expect(scored.map((lead) => lead.name)).toEqual(["Stale"]);

    // The live run ends (cancelled) and lets its lead go.
    await db.update(scoringRuns).set({ status: "cancelled" }).where(sql`${scoringRuns.id} = ${liveRun}`);
    await db.delete(scoringClaims).where(sql`${scoringClaims.runId} = ${liveRun}`);
    const rest: Scored[] = await (await score({ offer_id: offer.id, lead_ids: [stale.id, live.id] })).json();
    expect(rest.map((lead) => lead.name)).toEqual(["Live"]);
  });
});
