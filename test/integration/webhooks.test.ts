import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb, rowsOf } from "@/db";
import { claimWebhookDeliveries, enqueueWebhookEvent, leadScoredOutbox } from "@/db/queries/webhooks";
import { workspaceScope, type WorkspaceScope } from "@/db/scope";
import { env } from "@/lib/env";
import { deliverDueWebhooks, pruneDeliveryLog } from "@/lib/services/webhook-delivery";
import type { LeadScoredData, RunEventData } from "@/lib/validations/webhooks";
import { RETRY_DELAYS_MS } from "@/lib/webhooks/schedule";
import { api, call, leadsCsv } from "../support/api";
import { captureLogs } from "../support/logs";
import { sessionCookie } from "../support/workspaces";

// Admins sign up into workspaces of their own; the receiver listens on 127.0.0.1 over http.
env.ALLOW_SIGNUP = true;
env.WEBHOOK_ALLOW_PRIVATE = true;

// ── A local receiver ──────────────────────────────────────────────────────────────────────────

type Received = { path: string; headers: IncomingHttpHeaders; body: string };
type Reply = { status: number; delayMs?: number; headers?: Record<string, string>; body?: string };

let server: Server;
let receiverUrl: string;
let received: Received[] = [];
let reply: (request: Received) => Reply = () => ({ status: 204 });

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const entry = { path: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks).toString("utf8") };
      received.push(entry);
      const answer = reply(entry);
      setTimeout(() => {
        if (response.destroyed) return;
        response.writeHead(answer.status, answer.headers);
        response.end(answer.body ?? "");
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(async () => {
  received = [];
  reply = () => ({ status: 204 });
  env.WEBHOOK_ALLOW_PRIVATE = true;
  // Each test sees only its own deliveries as due.
  await (await getDb()).execute(sql`update webhook_deliveries set status = 'failed' where status = 'pending'`);
});

// ── Helpers ───────────────────────────────────────────────────────────────────────────────────

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await (await getDb()).execute(query));
}

let people = 0;
/** A new owner of a new workspace: their session cookie, the workspace's scope and an API key for it. */
async function newAdmin(): Promise<{ cookie: string; scope: WorkspaceScope; key: string }> {
  const n = ++people;
  const response = await call("POST", "/api/auth/sign-up/email", {
    headers: { "content-type": "application/json", "x-forwarded-for": `10.9.0.${n}` },
    body: JSON.stringify({ email: `hooks-${n}@example.com`, password: "correct horse battery staple", name: `Admin ${n}` }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  const cookie = sessionCookie(response);
  const [member] = await rows<{ workspace_id: string }>(
    sql`select m.workspace_id from workspace_members m join users u on u.id = m.user_id where u.email = ${`hooks-${n}@example.com`}`,
  );
  const key = (await (await send("POST", "/api-keys/", cookie, { name: "Tests" })).json()).key as string;
  return { cookie, scope: workspaceScope(member!.workspace_id), key };
}

/** Uploads leads named `names` and answers their ids, in order (lead.scored events must be about stored leads). */
async function storeLeads(key: string, names: string[]): Promise<number[]> {
  const upload = await api.upload(leadsCsv(names.map((name) => [name, "CEO", "Acme", "SaaS", "Oslo", ""])), undefined, undefined, { authorization: `Bearer ${key}` });
  expect(upload.status, await upload.clone().text()).toBe(201);
  const stored = await rows<{ id: number; name: string }>(sql`select id, name from leads where upload_id = ${(await upload.json()).upload_id}`);
  return names.map((name) => stored.find((row) => row.name === name)!.id);
}

const send = (method: string, path: string, cookie: string, body?: unknown) =>
  call(method, path, {
    headers: { cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function createEndpoint(cookie: string, body: Record<string, unknown> = {}) {
  const response = await send("POST", "/webhooks/", cookie, { url: `${receiverUrl}/hook`, events: ["run.completed", "run.failed", "lead.scored"], ...body });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as { id: number; secret: string; enabled: boolean };
}

const RUN: RunEventData = {
  id: 3,
  offer_id: 1,
  status: "completed",
  counts: { total: 10, scored: 10, fallbacks: 0, cached: 0 },
  tokens: { input: 1200, output: 300, thinking: 40 },
  cost_usd: 0.0021,
  timings: { created_at: "2026-01-05T09:30:00.000Z", started_at: "2026-01-05T09:30:01.000Z", finished_at: "2026-01-05T09:30:09.000Z", duration_ms: 8000 },
  error: null,
};

const lead = (id: number, intent: LeadScoredData["intent"]): LeadScoredData => ({
  lead_id: id,
  name: `Lead ${id}`,
  company: "Acme",
  role: "CEO",
  intent,
  score: intent === "High" ? 90 : intent === "Medium" ? 55 : 20,
  offer_id: 1,
  run_id: 3,
});

/** The lead.scored events of a batch whose save wrote the scores of `saved`; how many deliveries went into the outbox. */
async function enqueueScored(scope: WorkspaceScope, events: LeadScoredData[], saved: readonly number[]): Promise<number> {
  const db = await getDb();
  const savedIds = sql`select unnest(${`{${saved.join(",")}}`}::integer[])`;
  return rowsOf(await db.execute(leadScoredOutbox(scope, events, savedIds))).length;
}

async function enqueueRun(scope: WorkspaceScope, data: RunEventData = RUN) {
  const db = await getDb();
  return db.transaction((tx) => enqueueWebhookEvent(tx, scope, { type: "run.completed", data }));
}

async function deliveriesOf(cookie: string, endpointId: number) {
  const response = await send("GET", `/webhooks/${endpointId}/deliveries/`, cookie);
  expect(response.status).toBe(200);
  return (await response.json()) as {
    id: number;
    event_id: string;
    status: string;
    attempts: number;
    next_attempt_at: string | null;
    last_response_code: number | null;
    last_latency_ms: number | null;
    last_error: string | null;
  }[];
}

/** Makes every pending delivery due now, as if its wait had passed. */
const makeDue = async () => (await getDb()).execute(sql`update webhook_deliveries set next_attempt_at = now() where status = 'pending'`);

const verify = (secret: string, request: Received) =>
  new Webhook(secret).verify(request.body, {
    "webhook-id": String(request.headers["webhook-id"]),
    "webhook-timestamp": String(request.headers["webhook-timestamp"]),
    "webhook-signature": String(request.headers["webhook-signature"]),
  });

// ── Tests ─────────────────────────────────────────────────────────────────────────────────────

describe("webhook endpoints API", () => {
  it("creates (secret shown once), lists, reads, edits, turns off and on, and deletes", async () => {
    const { cookie } = await newAdmin();
    const created = await createEndpoint(cookie, { description: "CRM", events: ["lead.scored", "lead.scored"], min_intent: "High" });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created).toMatchObject({ description: "CRM", events: ["lead.scored"], min_intent: "High", enabled: true, disabled_reason: null });

    const list = await (await send("GET", "/webhooks/", cookie)).json();
    expect(list).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain(created.secret);
    expect(list[0]).not.toHaveProperty("secret");
    const one = await send("GET", `/webhooks/${created.id}/`, cookie);
    expect(one.status).toBe(200);
    expect(await one.json()).not.toHaveProperty("secret");

    const patched = await (await send("PATCH", `/webhooks/${created.id}/`, cookie, { events: ["run.failed", "run.completed"], min_intent: null, enabled: false })).json();
    expect(patched).toMatchObject({ events: ["run.completed", "run.failed"], min_intent: null, enabled: false, disabled_reason: null });
    expect((await (await send("PATCH", `/webhooks/${created.id}/`, cookie, { enabled: true })).json()).enabled).toBe(true);

    expect((await send("DELETE", `/webhooks/${created.id}/`, cookie)).status).toBe(204);
    const gone = await send("GET", `/webhooks/${created.id}/`, cookie);
    expect(gone.status).toBe(404);
    expect((await gone.json()).code).toBe("webhook_not_found");
    expect((await send("DELETE", `/webhooks/${created.id}/`, cookie)).status).toBe(404);
  });

  it("refuses bad input with a 400 naming the field, and changes nothing", async () => {
    const { cookie } = await newAdmin();
    const cases: [unknown, string][] = [
      [{ events: ["lead.scored"] }, "url"],
      [{ url: "not a url", events: ["lead.scored"] }, "url"],
      [{ url: "ftp://example.com/x", events: ["lead.scored"] }, "url"],
      [{ url: "https://user:pw@example.com/x", events: ["lead.scored"] }, "url"],
      [{ url: `${receiverUrl}/hook`, events: [] }, "events"],
      [{ url: `${receiverUrl}/hook`, events: ["lead.deleted"] }, "events.0"],
      [{ url: `${receiverUrl}/hook`, events: ["lead.scored"], min_intent: "Hot" }, "min_intent"],
      [{ url: `${receiverUrl}/hook`, events: ["lead.scored"], secret: "mine" }, ""],
      [[], ""],
    ];
    for (const [body, path] of cases) {
      const response = await send("POST", "/webhooks/", cookie, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const answer = await response.json();
      expect(answer.code, JSON.stringify(body)).toBe("validation_failed");
      if (path) expect(answer.details.map((d: { path: string }) => d.path), JSON.stringify(body)).toContain(path);
    }
    expect((await send("PATCH", "/webhooks/1/", cookie, {})).status).toBe(400);
    expect((await send("GET", "/webhooks/abc/", cookie)).status).toBe(400);
    expect(await (await send("GET", "/webhooks/", cookie)).json()).toEqual([]);
  });

  it("without WEBHOOK_ALLOW_PRIVATE refuses http and private, loopback, link-local and metadata addresses, on create and on edit", async () => {
    const { cookie } = await newAdmin();
    const allowed = await createEndpoint(cookie);
    env.WEBHOOK_ALLOW_PRIVATE = false;
    for (const url of [
      "http://hooks.example.com/x",
      "https://127.0.0.1/x",
      "https://10.1.2.3/x",
      "https://192.168.0.10/x",
      "https://169.254.169.254/latest/meta-data",
      "https://100.64.0.1/x",
      "https://[::1]/x",
      "https://[fd00::1]/x",
      "https://[::ffff:127.0.0.1]/x",
      "https://0.0.0.0/x",
      "https://localhost/x",
    ]) {
      const response = await send("POST", "/webhooks/", cookie, { url, events: ["lead.scored"] });
      expect(response.status, url).toBe(400);
      const answer = await response.json();
      expect(answer.details, url).toEqual([{ path: "url", message: expect.stringMatching(/https|public address|resolve/) }]);
      expect((await send("PATCH", `/webhooks/${allowed.id}/`, cookie, { url })).status, url).toBe(400);
    }
    expect(await (await send("GET", "/webhooks/", cookie)).json()).toHaveLength(1);
  });

  it("is for owners and admins signed in, and for API keys (an integration subscribing, as Zapier's REST hooks do)", async () => {
    const admin = await newAdmin();
    const headers = { authorization: `Bearer ${admin.key}`, "content-type": "application/json" };
    const created = await call("POST", "/webhooks/", { headers, body: JSON.stringify({ url: `${receiverUrl}/zap`, events: ["lead.scored"], min_intent: "High" }) });
    expect(created.status).toBe(201);
    const endpoint = (await created.json()) as { id: number; secret: string };
    expect(endpoint.secret).toMatch(/^whsec_/);
    expect((await call("GET", "/webhooks/", { headers })).status).toBe(200);
    expect(await (await send("GET", "/webhooks/", admin.cookie)).json()).toEqual([expect.objectContaining({ id: endpoint.id })]);
    expect((await call("DELETE", `/webhooks/${endpoint.id}/`, { headers })).status).toBe(204);
    expect((await api.get("/webhooks/1/2/3")).status).toBe(404);
  });

  it("keeps each workspace's endpoints and deliveries to itself", async () => {
    const a = await newAdmin();
    const b = await newAdmin();
    const endpoint = await createEndpoint(a.cookie);
    await enqueueRun(b.scope);
    expect(await (await send("GET", "/webhooks/", b.cookie)).json()).toEqual([]);
    for (const [method, path, body] of [
      ["GET", `/webhooks/${endpoint.id}/`],
      ["PATCH", `/webhooks/${endpoint.id}/`, { enabled: false }],
      ["DELETE", `/webhooks/${endpoint.id}/`],
      ["POST", `/webhooks/${endpoint.id}/rotate-secret/`],
      ["POST", `/webhooks/${endpoint.id}/test/`],
      ["GET", `/webhooks/${endpoint.id}/deliveries/`],
    ] as const) {
      const response = await send(method, path, b.cookie, body);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect((await response.json()).code).toBe("webhook_not_found");
    }
    // B's event reached none of A's endpoints, and A's endpoint is untouched.
    expect(await deliveriesOf(a.cookie, endpoint.id)).toEqual([]);
    expect((await (await send("GET", `/webhooks/${endpoint.id}/`, a.cookie)).json()).enabled).toBe(true);
  });
});

describe("the outbox and its delivery", () => {
  it("delivers an enqueued event signed per Standard Webhooks, once, and logs it as delivered", async () => {
    const { cookie, scope } = await newAdmin();
    const endpoint = await createEndpoint(cookie);
    expect(await enqueueRun(scope)).toBe(1);
    const run = await deliverDueWebhooks();
    expect(run).toEqual({ claimed: 1, delivered: 1, failed: 0 });
    expect(received).toHaveLength(1);
    const request = received[0]!;
    expect(request.path).toBe("/hook");
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["webhook-id"]).toMatch(/^msg_[A-Za-z0-9_-]{22}$/);
    expect(Math.abs(Number(request.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(30);
    expect(request.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(verify(endpoint.secret, request)).toEqual({ type: "run.completed", version: 1, timestamp: expect.any(String), data: RUN });
    // A wrong secret or a changed body does not verify.
    expect(() => verify(`whsec_${Buffer.alloc(32, 1).toString("base64")}`, request)).toThrow();
    expect(() => verify(endpoint.secret, { ...request, body: request.body.replace("10", "11") })).toThrow();

    const [delivery] = await deliveriesOf(cookie, endpoint.id);
    expect(delivery).toMatchObject({ status: "delivered", attempts: 1, last_response_code: 204, last_error: null, next_attempt_at: null, event_id: request.headers["webhook-id"] });
    expect(delivery!.last_latency_ms).toBeGreaterThanOrEqual(0);
    expect(await deliverDueWebhooks()).toEqual({ claimed: 0, delivered: 0, failed: 0 });
    expect(received).toHaveLength(1);
  });

  it("writes nothing when the transaction that enqueued rolls back", async () => {
    const { cookie, scope } = await newAdmin();
    const endpoint = await createEndpoint(cookie);
    const db = await getDb();
    await expect(
      db.transaction(async (tx) => {
        await enqueueWebhookEvent(tx, scope, { type: "run.failed", data: { ...RUN, status: "failed", error: { code: "x", message: "y" } } });
        throw new Error("the run's own change failed");
      }),
    ).rejects.toThrow("the run's own change failed");
    expect(await deliveriesOf(cookie, endpoint.id)).toEqual([]);
  });

  it("retries a 500 after about 5 s with the same webhook-id, then succeeds", async () => {
    const { cookie, scope } = await newAdmin();
    const endpoint = await createEndpoint(cookie);
    reply = () => (received.length === 1 ? { status: 500, body: "database\u0000 down " + "x".repeat(5000) } : { status: 200 });
    await enqueueRun(scope);
    const before = Date.now();
    expect(await deliverDueWebhooks()).toMatchObject({ delivered: 0, failed: 1 });
    let [delivery] = await deliveriesOf(cookie, endpoint.id);
    expect(delivery).toMatchObject({ status: "pending", attempts: 1, last_response_code: 500 });
    expect(delivery!.last_error).toMatch(/^HTTP 500: database down x+$/);
    expect(delivery!.last_error!.length).toBeLessThan(300);
    const wait = new Date(delivery!.next_attempt_at!).getTime() - before;
    expect(wait).toBeGreaterThan(4_000);
    expect(wait).toBeLessThan(7_000);
    // Not due yet: nothing is sent.
    expect((await deliverDueWebhooks()).claimed).toBe(0);

    await makeDue();
    expect(await deliverDueWebhooks()).toMatchObject({ delivered: 1 });
    [delivery] = await deliveriesOf(cookie, endpoint.id);
    expect(delivery).toMatchObject({ status: "delivered", attempts: 2, last_response_code: 200, last_error: null });
    expect(received).toHaveLength(2);
    expect(received[1]!.headers["webhook-id"]).toBe(received[0]!.headers["webhook-id"]);
    expect(verify(endpoint.secret, received[1]!)).toMatchObject({ type: "run.completed" });
    expect((await (await send("GET", `/webhooks/${endpoint.id}/`, cookie)).json()).failing_since).toBeNull();
  });

  it("backs off 5 s, 5 min, 30 min, 2 h, 5 h, 10 h (±10 %), then gives up", async () => {
    const { cookie, scope } = await newAdmin();
    const endpoint = await createEndpoint(cookie);
    reply = () => ({ status: 503 });
    await enqueueRun(scope);
    for (const [index, base] of RETRY_DELAYS_MS.entries()) {
      const before = Date.now();
      await deliverDueWebhooks();
      const [delivery] = await deliveriesOf(cookie, endpoint.id);
      expect(delivery).toMatchObject({ status: "pending", attempts: index + 1, last_response_code: 503 });
      const wait = new Date(delivery!.next_attempt_at!).getTime() - before;
      expect(wait, `after attempt ${index + 1}`).toBeGreaterThanOrEqual(base * 0.9 - 1_000);
      expect(wait, `after attempt ${index + 1}`).toBeLessThanOrEqual(base * 1.1 + 1_000);
      await makeDue();
    }
    await deliverDueWebhooks();
    const [delivery] = await deliveriesOf(cookie, endpoint.id);
    expect(delivery).toMatchObject({ status: "failed", attempts: 7, next_attempt_at: null });
    expect(received).toHaveLength(7);
    expect(new Set(received.map((request) => request.headers["webhook-id"])).size).toBe(1);
  });

  it("gives up on an answer after the timeout", async () => {
    const { cookie, scope } = await newAdmin();
    const endpoint = await createEndpoint(cookie);
    reply = () => ({ status: 200, delayMs: 3_000 });
    await enqueueRun(scope);
    const started = Date.now();
    expect(await deliverDueWebhooks({ timeoutMs: 300 })).toMatchObject({ failed: 1 });
    expect(Date.now() - started).toBeLessThan(2_500);
    const [delivery] = await deliveriesOf(cookie, endpoint.id);
    expect(delivery).toMatchObject({ status: "pending", attempts: 1, last_response_code: null, last_error: "No answer within 0.3 s." });
  });

  it("does not follow a redirect: a 3xx is a failure", async () => {
    const { cookie, scope } = await newAdmin();
    const endpoint = await createEndpoint(cookie);
    reply = (request) => (request.path === "/hook" ? { status: 302, headers: { location: `${receiverUrl}/elsewhere` } } : { status: 200 });
    await enqueueRun(scope);
    expect(await deliverDueWebhooks()).toMatchObject({ failed: 1 });
    expect(received.map((request) => request.path)).toEqual(["/hook"]);
    const [delivery] = await deliveriesOf(cookie, endpoint.id);
    expect(delivery).toMatchObject({ status: "pending", last_response_code: 302 });
    expect(delivery!.last_error).toMatch(/redirects are not followed/);
  });

  it("refuses at delivery time an address that is not public, also when a name resolves to one", async () => {
    const { cookie, scope } = await newAdmin();
    const byAddress = await createEndpoint(cookie);
    const byName = await createEndpoint(cookie, { url: `https://localhost:${new URL(receiverUrl).port}/hook` });
    env.WEBHOOK_ALLOW_PRIVATE = false;
    await enqueueRun(scope);
    expect(await deliverDueWebhooks()).toMatchObject({ claimed: 2, failed: 2 });
    expect(received).toEqual([]);
    expect((await deliveriesOf(cookie, byAddress.id))[0]!.last_error).toBe("Refused: the URL is not https.");
    // Which internal address the name has is not said back.
    expect((await deliveriesOf(cookie, byName.id))[0]!.last_error).toBe("Refused: localhost resolves to an address that is not public.");
  });

  it("disables an endpoint that has failed for 24 hours, says why, and sends it nothing more until enabled", async () => {
    const { cookie, scope } = await newAdmin();
    const endpoint = await createEndpoint(cookie);
    reply = () => ({ status: 500 });
    await enqueueRun(scope);
    await deliverDueWebhooks();
    let state = await (await send("GET", `/webhooks/${endpoint.id}/`, cookie)).json();
    expect(state).toMatchObject({ enabled: true, disabled_reason: null });
    expect(state.failing_since).not.toBeNull();

    // A day passes with every attempt failing.
    await (await getDb()).execute(sql`update webhook_endpoints set failing_since = now() - interval '24 hours 1 minute' where id = ${endpoint.id}`);
    await makeDue();
    await deliverDueWebhooks();
    state = await (await send("GET", `/webhooks/${endpoint.id}/`, cookie)).json();
    expect(state.enabled).toBe(false);
    expect(state.disabled_reason).toMatch(/every delivery failed for 24 hours \(last: HTTP 500\)/);

    // Disabled: no new deliveries, and the waiting one is not sent.
    expect(await enqueueRun(scope)).toBe(0);
    reply = () => ({ status: 200 });
    await makeDue();
    expect((await deliverDueWebhooks()).claimed).toBe(0);

    // Enabled again: the reason goes, and what waited is delivered.
    state = await (await send("PATCH", `/webhooks/${endpoint.id}/`, cookie, { enabled: true })).json();
    expect(state).toMatchObject({ enabled: true, disabled_reason: null, failing_since: null });
    expect(await deliverDueWebhooks()).toMatchObject({ delivered: 1 });
  });

  it("sends lead.scored only to endpoints whose minimum intent the lead meets", async () => {
    const { cookie, scope, key } = await newAdmin();
    const [one, two, three, four] = await storeLeads(key, ["Lead 1", "Lead 2", "Lead 3", "Lead 4"]);
    const high = await createEndpoint(cookie, { events: ["lead.scored"], min_intent: "High" });
    const medium = await createEndpoint(cookie, { events: ["lead.scored"], min_intent: "Medium" });
    const all = await createEndpoint(cookie, { events: ["lead.scored", "run.completed"] });
    const runsOnly = await createEndpoint(cookie, { events: ["run.completed"] });
    const db = await getDb();
    expect(await enqueueScored(scope, [lead(one!, "High"), lead(two!, "Medium"), lead(three!, "Low")], [one!, two!, three!])).toBe(1 + 2 + 3);
    // A lead whose score the save did not write (another run's, already there) gets no event.
    expect(await enqueueScored(scope, [lead(four!, "Medium")], [])).toBe(0);
    expect(await db.transaction((tx) => enqueueWebhookEvent(tx, scope, { type: "lead.scored", data: lead(four!, "Medium"), intent: "Medium" }))).toBe(2);
    const leadIds = async (id: number) =>
      (await rows<{ lead: number }>(sql`select (payload->'data'->>'lead_id')::int as lead from webhook_deliveries where endpoint_id = ${id} order by 1`)).map((row) => row.lead);
    expect(await leadIds(high.id)).toEqual([one]);
    expect(await leadIds(medium.id)).toEqual([one, two, four]);
    expect(await leadIds(all.id)).toEqual([one, two, three, four]);
    expect(await leadIds(runsOnly.id)).toEqual([]);
    // One event has one id, the same for every endpoint it goes to.
    const ids = await rows<{ n: number }>(sql`select count(distinct event_id)::int as n from webhook_deliveries where workspace_id = ${scope.workspaceId}`);
    expect(ids[0]!.n).toBe(4);
  });

  it("two workers at once never deliver one delivery twice, and a dead worker's claim comes free", async () => {
    const { cookie, scope, key } = await newAdmin();
    const endpoint = await createEndpoint(cookie);
    reply = () => ({ status: 200, delayMs: 20 });
    const ids30 = await storeLeads(key, Array.from({ length: 30 }, (_, i) => `Lead ${i}`));
    await enqueueScored(scope, ids30.map((id) => lead(id, "High")), ids30);
    const [a, b] = await Promise.all([deliverDueWebhooks({ limit: 4 }), deliverDueWebhooks({ limit: 4 })]);
    expect(a.delivered + b.delivered).toBe(30);
    const ids = received.map((request) => request.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(30);
    expect(ids).toHaveLength(30);

    // A claim whose worker died (its lease runs out) is taken by the next round.
    received = [];
    await enqueueRun(scope);
    const [abandoned] = await claimWebhookDeliveries({ limit: 10, leaseMs: 100 });
    expect(abandoned).toBeDefined();
    expect((await deliverDueWebhooks()).claimed).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await deliverDueWebhooks()).toMatchObject({ delivered: 1 });
    expect((await deliveriesOf(cookie, endpoint.id))[0]).toMatchObject({ status: "delivered", attempts: 2 });
  });

  it("erasing a lead erases the events about it", async () => {
    const { cookie, scope, key } = await newAdmin();
    const endpoint = await createEndpoint(cookie, { events: ["lead.scored"] });
    const [erin] = await storeLeads(key, ["Erin Erased"]);
    await enqueueScored(scope, [{ ...lead(erin!, "High"), name: "Erin Erased" }], [erin!]);
    expect(await deliveriesOf(cookie, endpoint.id)).toHaveLength(1);
    expect((await call("DELETE", `/leads/${erin}/`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(204);
    expect(await deliveriesOf(cookie, endpoint.id)).toEqual([]);
  });

  it("logs deliveries by id and outcome, never the payload's lead data or the URL", async () => {
    const { cookie, scope, key } = await newAdmin();
    await createEndpoint(cookie, { url: `${receiverUrl}/hook?token=receiver-token-123` });
    reply = () => ({ status: 500, body: "Lead 7 was not accepted" });
    const [priya] = await storeLeads(key, ["Priya Private"]);
    await enqueueScored(scope, [{ ...lead(priya!, "High"), name: "Priya Private", company: "Secretco" }], [priya!]);
    const logs = captureLogs();
    try {
      await deliverDueWebhooks();
    } finally {
      logs.restore();
    }
    const line = logs.lines().find((entry) => entry.msg === "webhook delivery failed");
    expect(line).toMatchObject({ event_type: "lead.scored", status: 500, attempt: 1, given_up: false });
    for (const secret of ["Priya Private", "Secretco", "receiver-token-123", "not accepted"]) expect(logs.text()).not.toContain(secret);
  });
});

describe("test events, rotation and the delivery log", () => {
  it("sends a webhook.test event at once and lists it, newest first and paged", async () => {
    const { cookie, scope } = await newAdmin();
    const endpoint = await createEndpoint(cookie, { events: ["run.failed"] });
    const response = await send("POST", `/webhooks/${endpoint.id}/test/`, cookie);
    expect(response.status).toBe(200);
    const delivery = await response.json();
    expect(delivery).toMatchObject({ event_type: "webhook.test", status: "delivered", attempts: 1, last_response_code: 204 });
    expect(verify(endpoint.secret, received[0]!)).toMatchObject({ type: "webhook.test", version: 1, data: { endpoint_id: endpoint.id } });

    await enqueueRun(scope, { ...RUN, status: "failed" });
    await (await getDb()).transaction((tx) => enqueueWebhookEvent(tx, scope, { type: "run.failed", data: { ...RUN, status: "failed", error: { code: "x", message: "y" } } }));
    const page = await send("GET", `/webhooks/${endpoint.id}/deliveries/?limit=1&offset=0`, cookie);
    expect(page.headers.get("x-total-count")).toBe("2");
    const [newest] = await page.json();
    expect(newest).toMatchObject({ event_type: "run.failed", status: "pending" });
    const second = await (await send("GET", `/webhooks/${endpoint.id}/deliveries/?limit=1&offset=1`, cookie)).json();
    expect(second[0].id).toBe(delivery.id);
    expect((await send("GET", `/webhooks/${endpoint.id}/deliveries/?limit=0`, cookie)).status).toBe(400);
    // Empty parameters mean the defaults, as on every listing.
    expect(await (await send("GET", `/webhooks/${endpoint.id}/deliveries/?limit=&offset=`, cookie)).json()).toHaveLength(2);
  });

  it("rotates the secret: shown once, and for a while both secrets sign", async () => {
    const { cookie } = await newAdmin();
    const endpoint = await createEndpoint(cookie);
    const response = await send("POST", `/webhooks/${endpoint.id}/rotate-secret/`, cookie);
    expect(response.status).toBe(200);
    const rotated = await response.json();
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(endpoint.secret);
    await send("POST", `/webhooks/${endpoint.id}/test/`, cookie);
    const request = received[0]!;
    expect(String(request.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(verify(rotated.secret, request)).toMatchObject({ type: "webhook.test" });
    expect(verify(endpoint.secret, request)).toMatchObject({ type: "webhook.test" });

    // Once the grace period is over, only the new secret signs.
    await (await getDb()).execute(sql`update webhook_endpoints set previous_secret_expires_at = now() where id = ${endpoint.id}`);
    await send("POST", `/webhooks/${endpoint.id}/test/`, cookie);
    expect(String(received[1]!.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    expect(() => verify(endpoint.secret, received[1]!)).toThrow();
  });
});

describe("events from scoring runs", () => {
  it("a run writes run.completed and lead.scored (above the endpoint's minimum intent) to the outbox, delivered signed", async () => {
    const admin = await newAdmin();
    const headers = { authorization: `Bearer ${admin.key}` };
    const endpoint = await createEndpoint(admin.cookie, { events: ["run.completed", "lead.scored"], min_intent: "High" });
    await api.postJson("/product/offer/", { name: "Hooks", value_props: ["Revenue operations software"], ideal_use_cases: ["SaaS sales teams"] }, headers);
    const upload = await api.upload(
      leadsCsv([
        ["Chief Hook", "CEO", "Acme", "SaaS", "Oslo", "Runs revenue operations for SaaS sales teams"],
        ["Intern Hook", "Intern", "Acme", "Retail", "Oslo", ""],
      ]),
      undefined,
      undefined,
      headers,
    );
    expect(upload.status).toBe(201);
    const scored: { name: string; intent: string }[] = await (await api.postJson("/score/", {}, headers)).json();
    const run: { id: number; done: number } = (await (await api.get("/runs/?limit=1", headers)).json()).runs[0];
    await deliverDueWebhooks();

    const payloads = received.map((entry) => {
      new Webhook(endpoint.secret).verify(entry.body, { "webhook-id": String(entry.headers["webhook-id"]), "webhook-timestamp": String(entry.headers["webhook-timestamp"]), "webhook-signature": String(entry.headers["webhook-signature"]) });
      return JSON.parse(entry.body) as { type: string; data: Record<string, unknown> };
    });
    const high = scored.filter((lead) => lead.intent === "High").map((lead) => lead.name);
    expect(high.length).toBeGreaterThan(0);
    expect(payloads.filter((payload) => payload.type === "lead.scored").map((payload) => payload.data.name).sort()).toEqual(high.sort());
    expect(payloads.filter((payload) => payload.type === "run.completed")).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ id: run.id, status: "completed", counts: { total: 2, scored: 2, fallbacks: 0, cached: 0 } }) }),
    ]);
  });
});

describe("the delivery log", () => {
  it("forgets finished deliveries after 30 days, and keeps newer ones and those still pending", async () => {
    const { cookie, scope } = await newAdmin();
    const endpoint = await createEndpoint(cookie);
    for (let i = 0; i < 3; i++) await enqueueRun(scope, { ...RUN, id: 100 + i });
    const ids = (await rows<{ id: number }>(sql`select id from webhook_deliveries where endpoint_id = ${endpoint.id} order by id`)).map((row) => row.id);
    const [old, pendingOld, recent] = ids;
    await rows(sql`update webhook_deliveries set created_at = now() - interval '31 days', status = 'delivered' where id = ${old}`);
    await rows(sql`update webhook_deliveries set created_at = now() - interval '31 days' where id = ${pendingOld}`);
    await rows(sql`update webhook_deliveries set created_at = now() - interval '29 days', status = 'failed' where id = ${recent}`);
    await pruneDeliveryLog();
    const left = (await rows<{ id: number }>(sql`select id from webhook_deliveries where endpoint_id = ${endpoint.id} order by id`)).map((row) => row.id);
    expect(left).toEqual([pendingOld, recent]);
  });
});
