import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { api, call, SAMPLE_OFFER, leadsCsv, testWorkspace } from "../support/api";
import { captureLogs } from "../support/logs";

// Under the test runner only warnings are logged by default; this file reads the request lines.
vi.hoisted(() => {
  process.env.LOG_LEVEL = "info";
});

const NAMES = ["Quillon Vantastrophe", "Marisol Oxbridgewell"];
const BIO = "Collects antique barometers and mentors robotics clubs near Lake Tahvonen";
const WRONG_KEY = "isk_wrongwrongwrongwrongwrongwrongwrong0123";
const SESSION = "better-auth.session_token=sessionvaluethatmustnotbelogged.signature";

describe("request logs", () => {
  let logs: ReturnType<typeof captureLogs>;
  let key: string;
  let workspaceId: string;

  beforeAll(async () => {
    const workspace = await testWorkspace();
    key = workspace.key;
    workspaceId = workspace.scope.workspaceId;
    logs = captureLogs();
    const offer = await (await api.postJson("/product/offer/", SAMPLE_OFFER)).json();
    expect((await call("GET", `/product/offer/${offer.id}/`)).status).toBe(200);
    const upload = await api.upload(
      leadsCsv([
        [NAMES[0]!, "VP Sales", "Barometrix", "SaaS", "Reno", BIO],
        [NAMES[1]!, "Analyst", "Oxbridge Holdings", "Finance", "Leeds", BIO],
      ]),
      "quillon-leads.csv",
    );
    expect(upload.status).toBe(201);
    expect((await api.postJson("/score/", { offer_id: offer.id })).status).toBe(200);
    expect(await (await api.get(`/results/?q=${encodeURIComponent(NAMES[0]!)}`)).text()).toContain(BIO);
    expect(await (await api.get("/csv/")).text()).toContain(NAMES[1]);
    // Failing calls: an unknown path holding a lead's name, a body quoting the bio, unknown leads.
    expect((await api.get(`/results/${encodeURIComponent(NAMES[1]!)}`)).status).toBe(404);
    expect((await api.postJson("/product/offer/", { name: BIO, value_props: [] })).status).toBe(400);
    expect((await api.postJson("/score/", { lead_ids: [2_000_000_000] })).status).toBe(400);
    expect((await api.get("/results/", { authorization: `Bearer ${WRONG_KEY}` })).status).toBe(401);
    expect((await api.get("/results/", { cookie: SESSION })).status).toBe(401);
    expect((await api.get("/healthz", { "x-request-id": "client-chosen.id:42" })).headers.get("x-request-id")).toBe("client-chosen.id:42");
    logs.restore();
  });

  afterAll(() => logs.restore());

  it("writes one JSON line per request with its id, method, route pattern, status, duration and workspace", () => {
    const requests = logs.lines().filter((line) => line.msg === "request");
    expect(requests.map((line) => `${line.method} ${line.route} ${line.status}`)).toEqual([
      "POST /product/offer 201",
      "GET /product/offer/{id} 200",
      "POST /leads/upload 201",
      "POST /score 200",
      "GET /results 200",
      "GET /csv 200",
      "GET /results/{...rest} 404",
      "POST /product/offer 400",
      "POST /score 400",
      "GET /results 401",
      "GET /results 401",
      "GET /healthz 200",
    ]);
    for (const line of requests) {
      expect(line).toMatchObject({ level: 30, request_id: expect.stringMatching(/^[\w.:-]+$/), duration_ms: expect.any(Number) });
      expect(typeof line.time).toBe("string");
    }
    expect(requests.slice(0, 6).every((line) => line.workspace_id === workspaceId)).toBe(true);
    expect(requests.at(-3)!.workspace_id).toBeUndefined();
    expect(requests.at(-1)!.request_id).toBe("client-chosen.id:42");
    expect(new Set(requests.map((line) => line.request_id)).size).toBe(requests.length);
  });

  it("never logs a lead's fields, a bio, a key or a session cookie", () => {
    const text = logs.text();
    expect(text.length).toBeGreaterThan(0);
    for (const secret of [...NAMES, ...NAMES.map(encodeURIComponent), "Barometrix", "Oxbridge", BIO, "barometers", WRONG_KEY, key, "sessionvaluethatmustnotbelogged", "quillon"]) {
      expect(text.toLowerCase(), secret).not.toContain(secret.toLowerCase());
    }
  });

  it("echoes a sane X-Request-Id and replaces anything else with a fresh id", async () => {
    const kept = await api.get("/results/", { "x-request-id": "abc-123" });
    expect(kept.headers.get("x-request-id")).toBe("abc-123");
    for (const given of ["has space", "<script>", "a".repeat(129), ""]) {
      const replaced = (await api.get("/results/", { "x-request-id": given })).headers.get("x-request-id");
      expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
    }
    const errorAnswer = await api.postJson("/score/", { lead_ids: "x" }, { "x-request-id": "err-1" });
    expect(errorAnswer.headers.get("x-request-id")).toBe("err-1");
  });

  it("logs the path itself as the pattern of a route without dynamic segments, whose params Next.js resolves to undefined", async () => {
    const { GET } = await import("@/app/(api)/healthz/route");
    const capture = captureLogs();
    const response = await GET(new Request("http://localhost/healthz/"), { params: Promise.resolve(undefined as never) });
    capture.restore();
    expect(response.status).toBe(200);
    expect(capture.lines()).toEqual([expect.objectContaining({ msg: "request", route: "/healthz", status: 200 })]);
  });
});
