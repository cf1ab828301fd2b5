import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { env } from "@/lib/env";
import { ANONYMOUS, api, call, leadsCsv, SAMPLE_OFFER } from "../support/api";
import { sessionCookie } from "../support/workspaces";

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const PASSWORD = "correct horse battery staple";

// Most tests here sign people up freely, each into a workspace of their own; the sign-up rules
// themselves are tested with ALLOW_SIGNUP off.
env.ALLOW_SIGNUP = true;

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const result = await (await getDb()).execute(query);
  return (Array.isArray(result) ? result : (result as unknown as { rows: T[] }).rows) as T[];
}

// Each client of better-auth's sign-in and sign-up is counted by its address.
let address = 0;
const client = () => ({ "x-forwarded-for": `10.0.0.${++address}` });

async function signUp(email: string, name = "Team member") {
  return call("POST", "/api/auth/sign-up/email", {
    headers: { "content-type": "application/json", ...client() },
    body: JSON.stringify({ email, password: PASSWORD, name }),
  });
}

async function signIn(email: string): Promise<string> {
  const response = await call("POST", "/api/auth/sign-in/email", {
    headers: { "content-type": "application/json", ...client() },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return sessionCookie(response);
}

/** Back to a fresh install: no accounts, no workspaces. */
async function startFromNoAccounts() {
  const db = await getDb();
  await db.execute(sql`delete from users`);
  await db.execute(sql`delete from workspaces`);
}

let people = 0;
/** Someone who signs up and so owns a workspace: their session cookie and a new API key for it. */
async function newOwner(): Promise<{ cookie: string; key: string; keyId: number }> {
  const response = await signUp(`person-${++people}@example.com`, `Person ${people}`);
  expect(response.status, await response.clone().text()).toBe(200);
  const cookie = sessionCookie(response);
  const created = await api.postJson("/api-keys/", { name: "Tests" }, { cookie });
  expect(created.status, await created.clone().text()).toBe(201);
  const { key, id } = await created.json();
  return { cookie, key, keyId: id };
}

/** Every endpoint of the API with a request that is valid for a member of a workspace. */
const ENDPOINTS: [string, string, (headers: Record<string, string>) => Promise<Response>][] = [
  ["GET", "/product/offer/", (h) => api.get("/product/offer/", h)],
  ["POST", "/product/offer/", (h) => api.postJson("/product/offer/", SAMPLE_OFFER, h)],
  ["GET", "/product/offer/1/", (h) => api.get("/product/offer/1/", h)],
  ["POST", "/leads/upload/", (h) => api.upload(leadsCsv([["Ava", "CEO", "Acme", "SaaS", "Oslo", ""]]), undefined, undefined, h)],
  ["POST", "/score/", (h) => api.postJson("/score/", {}, h)],
  ["GET", "/results/", (h) => api.get("/results/", h)],
  ["GET", "/csv/", (h) => api.get("/csv/", h)],
  ["GET", "/api-keys/", (h) => api.get("/api-keys/", h)],
  ["POST", "/api-keys/", (h) => api.postJson("/api-keys/", { name: "x" }, h)],
  ["DELETE", "/api-keys/1/", (h) => call("DELETE", "/api-keys/1/", { headers: h })],
];

async function expectUnauthorized(response: Response, what: string) {
  expect(response.status, what).toBe(401);
  expect(response.headers.get("www-authenticate"), what).toMatch(/^Bearer/);
  expect((await response.json()).code, what).toBe("unauthorized");
}

describe("credentials", () => {
  it("every endpoint refuses a call without credentials, or with a wrong key, with 401; /healthz stays public", async () => {
    for (const [method, path, request] of ENDPOINTS) {
      await expectUnauthorized(await request(ANONYMOUS), `${method} ${path} anonymous`);
      await expectUnauthorized(await request(bearer("isk_not-a-real-key")), `${method} ${path} wrong key`);
      await expectUnauthorized(await request({ "x-api-key": "isk_not-a-real-key" }), `${method} ${path} wrong X-API-Key`);
    }
    expect((await api.get("/healthz", ANONYMOUS)).status).toBe(200);
  });

  it("a key works as Bearer or X-API-Key; once revoked or expired it is refused", async () => {
    const { cookie } = await newOwner();
    const created = await (await api.postJson("/api-keys/", { name: "CRM sync" }, { cookie })).json();
    expect(created.key).toMatch(/^isk_[A-Za-z0-9_-]{43}$/);
    expect(created.hint).toBe(`isk_…${created.key.slice(-4)}`);
    expect((await api.get("/product/offer/", bearer(created.key))).status).toBe(200);
    expect((await api.get("/product/offer/", { "x-api-key": created.key })).status).toBe(200);

    // Listed without its secret, with its last use.
    const listed = await (await api.get("/api-keys/", { cookie })).json();
    const entry = listed.find((key: { id: number }) => key.id === created.id);
    expect(entry).not.toHaveProperty("key");
    expect(JSON.stringify(listed)).not.toContain(created.key);
    expect(entry.last_used_at).not.toBeNull();

    expect((await call("DELETE", `/api-keys/${created.id}/`, { headers: { cookie } })).status).toBe(204);
    await expectUnauthorized(await api.get("/product/offer/", bearer(created.key)), "revoked");

    const expiring = await (await api.postJson("/api-keys/", { name: "Short", expires_in_days: 1 }, { cookie })).json();
    await (await getDb()).execute(sql`update api_keys set expires_at = now() - interval '1 second' where id = ${expiring.id}`);
    await expectUnauthorized(await api.get("/product/offer/", bearer(expiring.key)), "expired");
    // Keys act for their workspace, never manage keys: that takes an owner's or admin's session.
    expect((await api.get("/api-keys/", bearer((await newOwner()).key))).status).toBe(403);
  });

  it("only a hash of each key is stored", async () => {
    const { key } = await newOwner();
    expect(JSON.stringify(await rows(sql`select * from api_keys`))).not.toContain(key);
  });
});

describe("workspaces", () => {
  it("a key of workspace A on B's ids answers 404 and changes nothing of B's", async () => {
    const a = await newOwner();
    const b = await newOwner();
    const asA = bearer(a.key);
    const asB = bearer(b.key);
    const offer = await (await api.postJson("/product/offer/", { ...SAMPLE_OFFER, name: "B's offer" }, asB)).json();
    const upload = await (await api.upload(leadsCsv([["Bea", "CEO", "B Co", "SaaS", "Oslo", "bio"]]), undefined, undefined, asB)).json();
    const [lead] = await (await api.get("/results/", asB)).json();

    // As A:
    const notFound = [
      await api.get(`/product/offer/${offer.id}/`, asA),
      await api.get(`/results/?offer_id=${offer.id}`, asA),
      await api.get(`/results/?upload_id=${upload.upload_id}`, asA),
      await api.get(`/csv/?upload_id=${upload.upload_id}`, asA),
      await api.postJson("/score/", { offer_id: offer.id }, asA),
      await call("DELETE", `/api-keys/${b.keyId}/`, { headers: { cookie: a.cookie } }),
    ];
    expect(notFound.map((response) => response.status)).toEqual([404, 404, 404, 404, 404, 404]);
    // An id of A's that does not exist answers exactly the same.
    expect(await (await api.get(`/product/offer/${offer.id}/`, asA)).json()).toEqual({ error: `Offer ${offer.id} was not found.`, code: "offer_not_found" });
    expect(await (await api.get("/results/", asA)).json()).toEqual([]);
    expect(await (await api.get("/product/offer/", asA)).json()).toEqual([]);
    await api.postJson("/product/offer/", SAMPLE_OFFER, asA);
    await api.upload(leadsCsv([["Al", "CEO", "A Co", "SaaS", "Oslo", ""]]), undefined, undefined, asA);
    const scoreB = await api.postJson("/score/", { lead_ids: [lead.id] }, asA);
    expect(scoreB.status).toBe(400);
    expect((await scoreB.json()).code).toBe("unknown_leads");

    // B's data is as it was: its lead unscored, its key still working.
    const [after] = await (await api.get("/results/", asB)).json();
    expect(after).toMatchObject({ name: "Bea", score: null });
    expect((await api.get("/product/offer/", asB)).status).toBe(200);
  });
});

describe("rate limits", () => {
  it("answers 429 with Retry-After and RateLimit-* once a key passes its limit", async () => {
    const { cookie } = await newOwner();
    const created = await (await api.postJson("/api-keys/", { name: "Limited", rate_limit_per_minute: 3 }, { cookie })).json();
    const responses = [];
    for (let i = 0; i < 4; i++) responses.push(await api.get("/product/offer/", bearer(created.key)));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 429]);
    expect(responses[0]!.headers.get("ratelimit-limit")).toBe("3");
    expect(responses[0]!.headers.get("ratelimit-remaining")).toBe("2");
    const limited = responses[3]!;
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    expect(await limited.json()).toMatchObject({ code: "rate_limited" });
  });
});

describe("sign-in limits", () => {
  it("limits sign-in attempts per client address (counted in the database), not per account", async () => {
    const attempt = (address: string) =>
      call("POST", "/api/auth/sign-in/email", {
        headers: { "content-type": "application/json", "x-forwarded-for": address },
        body: JSON.stringify({ email: "nobody@example.com", password: "wrong password" }),
      });
    const statuses = [];
    for (let i = 0; i < env.AUTH_RATE_LIMIT_PER_MINUTE + 1; i++) statuses.push((await attempt("203.0.113.7")).status);
    expect(statuses.slice(0, -1).every((status) => status === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Another address is not held back by the first one's attempts.
    expect((await attempt("203.0.113.8")).status).toBe(401);
    const counted = await rows<{ n: number }>(sql`select count(*)::int as n from auth_rate_limits`);
    expect(counted[0]!.n).toBeGreaterThan(0);
  });
});

describe("sessions, roles and sign-up", () => {
  it("the first account owns the first workspace; after that sign-up is by invitation; members cannot manage keys", async () => {
    await startFromNoAccounts();
    env.ALLOW_SIGNUP = false;
    const owner = await signUp("owner@example.com", "Olive Owner");
    expect(owner.status, await owner.clone().text()).toBe(200);
    const ownerCookie = sessionCookie(owner);
    const offers = await api.get("/product/offer/", { cookie: ownerCookie });
    expect(offers.status).toBe(200);

    const stranger = await signUp("stranger@example.com");
    expect(stranger.status).toBe(403);

    // An owner invites a member by email; the invitee may then sign up and accept.
    const invite = await call("POST", "/api/auth/organization/invite-member", {
      headers: { "content-type": "application/json", cookie: ownerCookie, origin: "http://localhost" },
      body: JSON.stringify({ email: "member@example.com", role: "member" }),
    });
    expect(invite.status, await invite.clone().text()).toBe(200);
    const invitation = await invite.json();
    expect((await signUp("member@example.com", "Mia Member")).status).toBe(200);
    const memberCookie = await signIn("member@example.com");
    const accepted = await call("POST", "/api/auth/organization/accept-invitation", {
      headers: { "content-type": "application/json", cookie: memberCookie, origin: "http://localhost" },
      body: JSON.stringify({ invitationId: invitation.id }),
    });
    expect(accepted.status, await accepted.clone().text()).toBe(200);

    // Same workspace: the member sees the owner's offer; members cannot manage keys, admins can.
    await api.postJson("/product/offer/", { ...SAMPLE_OFFER, name: "Shared offer" }, { cookie: ownerCookie });
    const seen = await (await api.get("/product/offer/", { cookie: memberCookie })).json();
    expect(seen.map((offer: { name: string }) => offer.name)).toContain("Shared offer");
    const denied = await api.postJson("/api-keys/", { name: "Nope" }, { cookie: memberCookie });
    expect(denied.status).toBe(403);
    expect((await denied.json()).code).toBe("forbidden");
    expect((await api.get("/api-keys/", { cookie: memberCookie })).status).toBe(403);
    expect((await api.postJson("/api-keys/", { name: "Owner's" }, { cookie: ownerCookie })).status).toBe(201);
    env.ALLOW_SIGNUP = true;
  });

  it("someone in two workspaces switches between them, and each shows only its own data", async () => {
    const host = await newOwner();
    const guest = await newOwner();
    await api.postJson("/product/offer/", { ...SAMPLE_OFFER, name: "Host's offer" }, { cookie: host.cookie });
    await api.postJson("/product/offer/", { ...SAMPLE_OFFER, name: "Guest's own offer" }, { cookie: guest.cookie });
    const guestEmail = `person-${people}@example.com`;
    const invited = await call("POST", "/api/auth/organization/invite-member", {
      headers: { "content-type": "application/json", cookie: host.cookie, origin: "http://localhost" },
      body: JSON.stringify({ email: guestEmail, role: "member" }),
    });
    expect(invited.status, await invited.clone().text()).toBe(200);
    const invitation = await invited.json();
    const accepted = await call("POST", "/api/auth/organization/accept-invitation", {
      headers: { "content-type": "application/json", cookie: guest.cookie, origin: "http://localhost" },
      body: JSON.stringify({ invitationId: invitation.id }),
    });
    expect(accepted.status, await accepted.clone().text()).toBe(200);
    const names = async () => (await (await api.get("/product/offer/", { cookie: guest.cookie })).json()).map((offer: { name: string }) => offer.name);
    const setActive = async (organizationId: string) => {
      const response = await call("POST", "/api/auth/organization/set-active", {
        headers: { "content-type": "application/json", cookie: guest.cookie, origin: "http://localhost" },
        body: JSON.stringify({ organizationId }),
      });
      expect(response.status, await response.clone().text()).toBe(200);
    };
    await setActive(invitation.organizationId);
    expect(await names()).toEqual(["Host's offer"]);
    const own = await rows<{ id: string }>(sql`select w.id from workspaces w join workspace_members m on m.workspace_id = w.id
      join users u on u.id = m.user_id where u.email = ${guestEmail} and m.role = 'owner'`);
    await setActive(own[0]!.id);
    expect(await names()).toEqual(["Guest's own offer"]);
    // A workspace the user does not belong to cannot be made active.
    await newOwner();
    const foreign = await rows<{ id: string }>(sql`select m.workspace_id as id from workspace_members m join users u on u.id = m.user_id
      where u.email = ${`person-${people}@example.com`}`);
    const refused = await call("POST", "/api/auth/organization/set-active", {
      headers: { "content-type": "application/json", cookie: guest.cookie, origin: "http://localhost" },
      body: JSON.stringify({ organizationId: foreign[0]!.id }),
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(await names()).toEqual(["Guest's own offer"]);
  });

  it("stops the API keys of an admin removed from the workspace", async () => {
    const host = await newOwner();
    const admin = await newOwner();
    const adminEmail = `person-${people}@example.com`;
    const json = (cookie: string) => ({ "content-type": "application/json", cookie, origin: "http://localhost" });
    const invitation = await (await call("POST", "/api/auth/organization/invite-member", { headers: json(host.cookie), body: JSON.stringify({ email: adminEmail, role: "admin" }) })).json();
    expect((await call("POST", "/api/auth/organization/accept-invitation", { headers: json(admin.cookie), body: JSON.stringify({ invitationId: invitation.id }) })).status).toBe(200);
    expect((await call("POST", "/api/auth/organization/set-active", { headers: json(admin.cookie), body: JSON.stringify({ organizationId: invitation.organizationId }) })).status).toBe(200);
    const created = await api.postJson("/api-keys/", { name: "Admin's integration" }, { cookie: admin.cookie });
    expect(created.status).toBe(201);
    const { key } = await created.json();
    const bearer = { authorization: `Bearer ${key}` };
    expect((await api.get("/results/", bearer)).status).toBe(200);

    const removed = await call("POST", "/api/auth/organization/remove-member", {
      headers: json(host.cookie),
      body: JSON.stringify({ memberIdOrEmail: adminEmail, organizationId: invitation.organizationId }),
    });
    expect(removed.status, await removed.clone().text()).toBe(200);
    await expectUnauthorized(await api.get("/results/", bearer), "a key of a removed admin");
    // The host's own key is unaffected.
    expect((await api.get("/results/", { authorization: `Bearer ${host.key}` })).status).toBe(200);
  });

  it("refuses a state-changing call made with the session cookie from another site", async () => {
    await startFromNoAccounts();
    const cookie = sessionCookie(await signUp("csrf-owner@example.com"));
    const before = await (await api.get("/product/offer/", { cookie })).json();
    const crossSite: Record<string, string>[] = [
      { cookie, origin: "https://evil.example" },
      { cookie, "sec-fetch-site": "cross-site" },
      { cookie, "sec-fetch-site": "same-site", origin: "https://sub.localhost" },
    ];
    for (const headers of crossSite) {
      const response = await call("POST", "/product/offer/", { headers: { ...headers, "content-type": "text/plain" }, body: JSON.stringify(SAMPLE_OFFER) });
      expect(response.status).toBe(403);
      expect((await response.json()).code).toBe("cross_site_request");
    }
    expect(await (await api.get("/product/offer/", { cookie })).json()).toEqual(before);
    const sameSite = await api.postJson("/product/offer/", SAMPLE_OFFER, { cookie, origin: "http://localhost", "sec-fetch-site": "same-origin" });
    expect(sameSite.status).toBe(201);
  });
});

describe("headless initialization", () => {
  it("creates the owner, a workspace and the given key once; restarts change nothing", async () => {
    await startFromNoAccounts();
    const { initializeFromEnv } = await import("@/lib/auth/init");
    const key = "isk_headless_init_key_0123456789_abcdefgh";
    Object.assign(env, {
      INTENTSCORE_INIT_USER_EMAIL: "ops@example.com",
      INTENTSCORE_INIT_USER_PASSWORD: PASSWORD,
      INTENTSCORE_INIT_WORKSPACE_NAME: "Sales team",
      INTENTSCORE_INIT_API_KEY: key,
    });
    try {
      await initializeFromEnv();
      await initializeFromEnv();
      expect(await rows(sql`select email from users`)).toEqual([{ email: "ops@example.com" }]);
      const owned = await rows(sql`select w.name from workspaces w join workspace_members m on m.workspace_id = w.id`);
      expect(owned).toEqual([{ name: "Sales team" }]);
      expect((await api.get("/product/offer/", bearer(key))).status).toBe(200);
      expect(await rows(sql`select count(*)::int as n from api_keys where hint = ${`isk_…${key.slice(-4)}`}`)).toEqual([{ n: 1 }]);
      // The password the variables name is the owner's: sign-in works with it.
      await signIn("ops@example.com");
    } finally {
      Object.assign(env, {
        INTENTSCORE_INIT_USER_EMAIL: undefined,
        INTENTSCORE_INIT_USER_PASSWORD: undefined,
        INTENTSCORE_INIT_WORKSPACE_NAME: "Default workspace",
        INTENTSCORE_INIT_API_KEY: undefined,
      });
    }
  });
});
