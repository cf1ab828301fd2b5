import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  errorSchema,
  importResultSchema,
  offerSchema,
  openApiDocument,
  resultRowSchema,
  scoredLeadSchema,
  scoringEventSchema,
} from "@/lib/api/openapi";
import { ANONYMOUS, api, call, leadsCsv, SAMPLE_OFFER } from "../support/api";

const API_DIR = path.join(process.cwd(), "app", "(api)");
const routeFiles = readdirSync(API_DIR, { recursive: true, encoding: "utf8" }).filter((file) => path.basename(file) === "route.ts");
const isCatchAll = (file: string) => /\[\[?\.\.\./.test(file);

/** The documented path a route file serves: `product/offer/[id]/route.ts` → `/product/offer/{id}/`. */
const documentedPath = (file: string, paths: string[]) => {
  const bare = `/${path.dirname(file).split(path.sep).map((segment) => segment.replace(/^\[(\w+)\]$/, "{$1}")).join("/")}`;
  return paths.find((candidate) => candidate.replace(/\/$/, "") === bare);
};

const document = openApiDocument();
const paths = Object.keys(document.paths);

function expectAnswer(schema: z.ZodType, body: unknown) {
  const parsed = schema.safeParse(body);
  expect(parsed.error?.issues ?? []).toEqual([]);
}

describe("GET /openapi.json", () => {
  it("serves the document publicly", async () => {
    const response = await api.get("/openapi.json", ANONYMOUS);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(JSON.parse(JSON.stringify(document)));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toMatch(/^3\.1\./);
    // The validator does refuse a broken document (here an answer without its description).
    const broken = { ...JSON.parse(JSON.stringify(document)), paths: { "/x": { get: { responses: { 200: { content: {} } } } } } };
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it("has an entry with the same methods for every route file, and a route file for every entry", async () => {
    const served = new Set<string>();
    for (const file of routeFiles) {
      if (isCatchAll(file)) {
        // Catch-alls only answer JSON 404s for unknown paths under a prefix.
        expect(readFileSync(path.join(API_DIR, file), "utf8"), file).toContain("defineNotFoundRoute()");
        continue;
      }
      const documented = documentedPath(file, paths);
      expect(documented, `${file} has no entry in the OpenAPI document`).toBeDefined();
      served.add(documented!);
      const allow = (await call("OPTIONS", documented!.replace("{id}", "1"), { headers: ANONYMOUS })).headers.get("allow")!;
      const methods = allow.split(", ").filter((method) => method !== "HEAD" && method !== "OPTIONS").map((method) => method.toLowerCase());
      expect(Object.keys(document.paths[documented!]!).sort(), documented).toEqual(methods.sort());
    }
    expect([...served].sort()).toEqual([...paths].sort());
  });

  it("documents every operation with its answers, every error answer with its codes, and an example for each body", () => {
    for (const [pathName, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const where = `${method.toUpperCase()} ${pathName}`;
        expect(operation.summary, where).toBeTruthy();
        expect(Object.keys(operation.responses).some((status) => status.startsWith("2")), where).toBe(true);
        const body = operation.requestBody as { content: Record<string, { schema: object; example?: unknown }> } | undefined;
        for (const media of Object.values(body?.content ?? {})) {
          expect(media.schema, where).toBeTruthy();
          expect(media.example, where).toBeDefined();
        }
        if (pathName.split("/").some((segment) => segment.startsWith("{"))) {
          expect((operation.parameters as { in: string }[]).some((parameter) => parameter.in === "path"), where).toBe(true);
        }
      }
    }
    const schemes = document.components.securitySchemes;
    expect(schemes.bearerApiKey).toMatchObject({ type: "http", scheme: "bearer" });
    expect(schemes.apiKeyHeader).toMatchObject({ type: "apiKey", in: "header", name: "X-API-Key" });
    expect(schemes.sessionCookie).toMatchObject({ type: "apiKey", in: "cookie" });
    const score = document.paths["/score/"]!.post!.responses[200] as { content: Record<string, unknown> };
    expect(Object.keys(score.content)).toEqual(["application/json", "application/x-ndjson"]);
  });
});

describe("real answers match the documented schemas", () => {
  let offerId: number;
  beforeAll(async () => {
    const created = await api.postJson("/product/offer/", { ...SAMPLE_OFFER, rules: { influencer_roles: ["analyst"] } });
    expect(created.status).toBe(201);
    const offer = await created.json();
    expectAnswer(offerSchema, offer);
    offerId = offer.id;
  });

  it("offers, uploads, scores (JSON and NDJSON) and results", async () => {
    expectAnswer(offerSchema.array(), await (await api.get("/product/offer/")).json());
    expectAnswer(offerSchema, await (await api.get(`/product/offer/${offerId}/`)).json());
    const upload = await api.upload(leadsCsv([["Ava Patel", "Head of Growth", "FlowMetrics", "SaaS", "Berlin", "outreach"], ["", "", "", "", "", "x"]]));
    expectAnswer(importResultSchema, await upload.json());
    const scored = await (await api.postJson("/score/", { offer_id: offerId })).json();
    expect(scored.length).toBe(1);
    expectAnswer(scoredLeadSchema.array(), scored);
    const stream = await api.postJson("/score/", { offer_id: offerId, rescore: true }, { accept: "application/x-ndjson" });
    const lines = (await stream.text()).trim().split("\n").map((line) => JSON.parse(line));
    expect(lines.map((line) => line.type)).toEqual(["start", "progress", "done"]);
    for (const line of lines) expectAnswer(scoringEventSchema, line);
    expectAnswer(resultRowSchema.array(), await (await api.get(`/results/?offer_id=${offerId}`)).json());
    expectAnswer(resultRowSchema.array(), await (await api.get("/results/")).json());
  });

  it("error answers carry a code documented for their status", async () => {
    const responses = document.components.responses as unknown as Record<string, { content: { "application/json": { schema: { allOf: [unknown, { properties: { code: { enum: string[] } } }] } } } }>;
    const failures = [
      await api.postJson("/product/offer/", { name: "" }),
      await api.get("/results/?offer_id=abc"),
      await api.get("/results/", ANONYMOUS),
      await api.get(`/product/offer/2000000000/`),
      await api.get("/results/anything"),
      await call("PUT", "/score/"),
      await call("POST", "/product/offer/", { headers: { "content-type": "application/json" }, body: "{" }),
      await api.postJson("/score/", { lead_ids: [2_000_000_000] }),
    ];
    for (const response of failures) {
      const body = await response.json();
      expectAnswer(errorSchema, body);
      const documented = responses[`Error${response.status}`]!.content["application/json"].schema.allOf[1].properties.code.enum;
      expect(documented, `${response.status} ${body.code}`).toContain(body.code);
    }
  });
});
