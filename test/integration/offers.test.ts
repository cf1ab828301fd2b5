import { describe, expect, it } from "vitest";
import { api, call, SAMPLE_OFFER } from "../support/api";

describe("POST /product/offer/", () => {
  it("creates an offer and answers 201 with its fields", async () => {
    const response = await api.postJson("/product/offer/", {
      name: "  AI Outreach Automation ",
      value_props: [" 24/7 outreach", "6x more meetings "],
      ideal_use_cases: ["B2B SaaS mid-market"],
    });
    expect(response.status).toBe(201);
    const offer = await response.json();
    expect(offer).toEqual({
      id: expect.any(Number),
      name: "AI Outreach Automation",
      value_props: ["24/7 outreach", "6x more meetings"],
      ideal_use_cases: ["B2B SaaS mid-market"],
      rules: null,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it("accepts a body sent without a content type, as older clients do", async () => {
    const response = await call("POST", "/product/offer", { body: JSON.stringify(SAMPLE_OFFER) });
    expect(response.status).toBe(201);
  });

  it("stores optional custom rule keywords, normalised", async () => {
    const response = await api.postJson("/product/offer/", {
      ...SAMPLE_OFFER,
      rules: { decision_maker_roles: [" Chief Revenue Officer ", "VP"], high_value_industries: ["Fintech"] },
    });
    expect(response.status).toBe(201);
    expect((await response.json()).rules).toEqual({
      decision_maker_roles: ["chief revenue officer", "vp"],
      high_value_industries: ["fintech"],
    });
  });

  const long = (length: number) => "x".repeat(length);
  it.each([
    { case: "no body", body: undefined, error: "The body must be a JSON object with name, value_props and ideal_use_cases." },
    { case: "an array body", body: [], error: "The body must be a JSON object with name, value_props and ideal_use_cases." },
    { case: "a missing name", body: { value_props: ["a"], ideal_use_cases: ["b"] }, error: "Invalid name: name is required" },
    { case: "a blank name", body: { ...SAMPLE_OFFER, name: "   " }, error: "Invalid name: name must not be empty" },
    { case: "a 201-character name", body: { ...SAMPLE_OFFER, name: long(201) }, error: "Invalid name: name must be at most 200 characters" },
    { case: "no value props", body: { ...SAMPLE_OFFER, value_props: [] }, error: "Invalid value_props: add at least one value proposition" },
    { case: "value props as text", body: { ...SAMPLE_OFFER, value_props: "fast" }, error: "Invalid value_props: value proposition must be a list of text" },
    { case: "a blank value prop", body: { ...SAMPLE_OFFER, value_props: ["ok", " "] }, error: "Invalid value_props.1: value proposition entries must not be empty" },
    { case: "a 501-character use case", body: { ...SAMPLE_OFFER, ideal_use_cases: [long(501)] }, error: "Invalid ideal_use_cases.0: ideal use case entries must be at most 500 characters" },
    { case: "51 use cases", body: { ...SAMPLE_OFFER, ideal_use_cases: Array.from({ length: 51 }, (_, i) => `case ${i}`) }, error: "Invalid ideal_use_cases: at most 50 ideal use case entries" },
    { case: "a number in a list", body: { ...SAMPLE_OFFER, ideal_use_cases: [42] }, error: "Invalid ideal_use_cases.0: each ideal use case must be text" },
    { case: "a NUL character in the name", body: { ...SAMPLE_OFFER, name: "Out\u0000reach" }, error: "Invalid name: name must not contain NUL characters or broken Unicode" },
    { case: "a NUL character in a list", body: { ...SAMPLE_OFFER, value_props: ["fast\u0000"] }, error: "Invalid value_props.0: value proposition entries must not contain NUL characters or broken Unicode" },
    { case: "an unpaired surrogate", body: { ...SAMPLE_OFFER, ideal_use_cases: ["B2B \ud800"] }, error: "Invalid ideal_use_cases.0: ideal use case entries must not contain NUL characters or broken Unicode" },
    { case: "a NUL character in a rule keyword", body: { ...SAMPLE_OFFER, rules: { influencer_roles: ["a\u0000"] } }, error: "Invalid rules.influencer_roles.0: keywords must not contain NUL characters or broken Unicode" },
    { case: "a wildcard at the edge of a keyword", body: { ...SAMPLE_OFFER, rules: { decision_maker_roles: ["* officer"] } }, error: 'Invalid rules.decision_maker_roles.0: keywords need a word, and a * (one to three words) must stand between words, as in "chief * officer"' },
    { case: "a keyword without a word", body: { ...SAMPLE_OFFER, rules: { decision_maker_roles: ["!!!"] } }, error: 'Invalid rules.decision_maker_roles.0: keywords need a word, and a * (one to three words) must stand between words, as in "chief * officer"' },
    { case: "an unknown rule list", body: { ...SAMPLE_OFFER, rules: { ceo_words: ["x"] } }, error: "Invalid rules: unknown rule list ceo_words; use decision_maker_roles, influencer_roles, high_value_industries or medium_value_industries" },
  ])("rejects $case with a 400 that says what is wrong", async ({ body, error }) => {
    const before = (await (await api.get("/product/offer/")).json()).length;
    const response = await api.postJson("/product/offer/", body);
    expect(response.status).toBe(400);
    const json = await response.json();
    expect(json.error).toBe(error);
    expect(json.code).toBe("validation_failed");
    expect((await (await api.get("/product/offer/")).json()).length).toBe(before);
  });

  it("rejects malformed JSON with 400", async () => {
    const response = await call("POST", "/product/offer/", { headers: { "content-type": "application/json" }, body: "{name:" });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "The request body is not valid JSON.", code: "invalid_json" });
  });

  it("accepts JSON that curl -d labelled as a form", async () => {
    const response = await call("POST", "/product/offer/", {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: JSON.stringify(SAMPLE_OFFER),
    });
    expect(response.status).toBe(201);
  });

  it("rejects a real form post with 415", async () => {
    const response = await call("POST", "/product/offer/", {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "name=x&value_props=y",
    });
    expect(response.status).toBe(415);
  });

  it("rejects a multipart post with 415", async () => {
    const form = new FormData();
    form.append("name", "x");
    const response = await call("POST", "/product/offer/", { body: form });
    expect(response.status).toBe(415);
    expect((await response.json()).error).toMatch(/JSON body/);
  });

  it("answers a wrong method with a JSON 405 and an Allow header", async () => {
    const response = await call("DELETE", "/product/offer/");
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, POST, HEAD, OPTIONS");
    expect(await response.json()).toEqual({
      error: "Method DELETE is not allowed here. Use GET or POST.",
      code: "method_not_allowed",
    });
  });
});

describe("GET /product/offer/", () => {
  it("lists offers newest first and returns one by id", async () => {
    const created = await (await api.postJson("/product/offer/", { ...SAMPLE_OFFER, name: "Newest" })).json();
    const list = await (await api.get("/product/offer/")).json();
    expect(list[0]).toEqual(created);
    const ids = list.map((offer: { id: number }) => offer.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const one = await api.get(`/product/offer/${created.id}/`);
    expect(one.status).toBe(200);
    expect(await one.json()).toEqual(created);
  });

  it.each(["999999", "2147483647", "0999999"])("answers 404 naming the unknown offer %s", async (id) => {
    for (const path of [`/product/offer/${id}/`, `/product/offer/${id}`]) {
      const response = await api.get(path);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: `Offer ${Number(id)} was not found.`, code: "offer_not_found" });
    }
  });

  it.each([
    { id: "abc", error: "Invalid id: must be a whole number written in digits, like 42" },
    { id: "0x1", error: "Invalid id: must be a whole number written in digits, like 42" },
    { id: "1e3", error: "Invalid id: must be a whole number written in digits, like 42" },
    { id: "1.0", error: "Invalid id: must be a whole number written in digits, like 42" },
    { id: "1.5", error: "Invalid id: must be a whole number written in digits, like 42" },
    { id: "%2B1", error: "Invalid id: must be a whole number written in digits, like 42" },
    { id: "-1", error: "Invalid id: must be a whole number written in digits, like 42" },
    { id: "%201", error: "Invalid id: must be a whole number written in digits, like 42" },
    { id: "%EF%BC%91", error: "Invalid id: must be a whole number written in digits, like 42" },
    { id: "0", error: "Invalid id: must be a positive id" },
    { id: "2147483648", error: "Invalid id: must be at most 2147483647" },
    { id: "99999999999999999999999", error: "Invalid id: must be at most 2147483647" },
  ])("answers 400 for the malformed offer id $id", async ({ id, error }) => {
    const response = await api.get(`/product/offer/${id}/`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error, code: "validation_failed" });
  });
});
