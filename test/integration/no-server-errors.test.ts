import { describe, expect, it } from "vitest";
import { api, call, SAMPLE_OFFER } from "../support/api";

// Seeded, so a failure reproduces; the point is breadth: no input may produce a 500.
function generator(seed: number) {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const strings = ["", " ", "x", "High", "-score", "1", "0", "-1", "1e309", "NaN", "9".repeat(30), "\u0000", "\ud800", "😀", "%", "_", "'; drop table leads; --", "a".repeat(600), "=1+1", "null", "0x1", "1e3", "+1", " 1", "01", "1.0", "2147483648", "full", "true"];
  const value = (depth = 0): unknown => {
    const kind = Math.floor(random() * (depth > 2 ? 5 : 7));
    if (kind === 0) return pick(strings);
    if (kind === 1) return pick([0, -1, 1, 1.5, 2 ** 31, 2 ** 53, -(2 ** 31), Number.MAX_VALUE]);
    if (kind === 2) return pick([true, false]);
    if (kind === 3) return null;
    if (kind === 4) return pick(strings) + pick(strings);
    if (kind === 5) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
    return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, () => [pick(["name", "value_props", "ideal_use_cases", "rules", "offer_id", "lead_ids", "rescore", "x"]), value(depth + 1)]));
  };
  return { random, pick, value, strings };
}

const ACCEPTABLE = [200, 201, 204, 400, 404, 405, 413, 415];
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const PREFIXES = ["healthz", "product", "leads", "uploads", "score", "results", "csv"];
const SEGMENTS = [...PREFIXES, "offer", "upload", "1", "abc", "0x1", "%20", "%2F", "999999", "a%00b"];

describe("no input produces a 500", () => {
  it("survives random JSON bodies, query strings and uploads", async () => {
    const { pick, value, strings, random } = generator(20261125);
    await api.postJson("/product/offer/", SAMPLE_OFFER);
    for (let i = 0; i < 150; i++) {
      const body = i % 3 === 0 ? { ...SAMPLE_OFFER, [pick(["name", "value_props", "ideal_use_cases", "rules"])]: value() } : value();
      const offer = await api.postJson("/product/offer/", body);
      expect(ACCEPTABLE, `offer ${JSON.stringify(body)}`).toContain(offer.status);

      const scoreBody = i % 2 === 0 ? { [pick(["offer_id", "lead_ids", "rescore"])]: value() } : value();
      const score = await api.postJson("/score/", scoreBody);
      expect(ACCEPTABLE, `score ${JSON.stringify(scoreBody)}`).toContain(score.status);

      const query = new URLSearchParams();
      for (let j = 0; j < 3; j++) query.append(pick(["offer_id", "upload_id", "intent", "q", "sort", "limit", "offset", "bom", "columns"]), pick(strings));
      for (const path of ["/results/", "/csv/"]) {
        const response = await api.get(`${path}?${query}`);
        expect(ACCEPTABLE, `${path}?${query}`).toContain(response.status);
        await response.arrayBuffer();
      }

      const csv = ["name,role,company,industry,location,linkedin_bio", ...Array.from({ length: 3 }, () => Array.from({ length: 6 }, () => pick(strings)).join(","))].join(pick(["\n", "\r\n", "\r"]));
      const upload = await api.upload(csv, pick(["leads.csv", "", "\u0000.csv", "x".repeat(400)]));
      expect(ACCEPTABLE, `upload ${JSON.stringify(csv)}`).toContain(upload.status);

      const id = await api.get(`/product/offer/${encodeURIComponent(pick(strings.filter((s) => s !== "\ud800" && s.trim() !== "")))}/`);
      expect(ACCEPTABLE).toContain(id.status);

      // Any method on any path under the API answers JSON, never a 500.
      const method = pick(METHODS);
      const target = `/${pick(PREFIXES)}${Array.from({ length: Math.floor(random() * 4) }, () => `/${pick(SEGMENTS)}`).join("")}${pick(["", "/"])}`;
      const anyBody = ["POST", "PUT", "PATCH"].includes(method) ? JSON.stringify(value()) : undefined;
      const anyCall = await call(method, target, { body: anyBody, headers: anyBody ? { "content-type": "application/json" } : {} });
      expect(ACCEPTABLE, `${method} ${target}`).toContain(anyCall.status);
      if (anyCall.status !== 204 && method !== "HEAD" && !target.startsWith("/csv")) {
        expect(anyCall.headers.get("content-type"), `${method} ${target}`).toMatch(/^application\/json/);
      }
      await anyCall.arrayBuffer();

      // Bodies around the 1 MB limit, some over it.
      if (i % 25 === 0) {
        const size = 1024 * 1024 + Math.floor((random() - 0.5) * 2048);
        const big = await call("POST", pick(["/product/offer/", "/score/"]), { body: " ".repeat(size) + JSON.stringify(value()), headers: { "content-type": "application/json" } });
        expect(ACCEPTABLE, `body of ${size} bytes`).toContain(big.status);
      }
    }
    const wrong = await call("PATCH", "/leads/upload/");
    expect(wrong.status).toBe(405);
  }, 120_000);
});
