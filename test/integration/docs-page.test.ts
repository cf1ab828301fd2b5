import { describe, expect, it } from "vitest";
import { GET as asset } from "@/app/docs/assets/[file]/route";
import { GET as page } from "@/app/docs/route";

const assetParams = (file: string) => ({ params: Promise.resolve({ file }) });

describe("/docs", () => {
  it("is a page whose scripts carry this request's nonce and read /openapi.json from this server", async () => {
    const response = await page(new Request("http://localhost/docs", { headers: { "x-nonce": "bm9uY2U=" } }));
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((match) => match[1]);
    expect(scripts).toEqual([' nonce="bm9uY2U=" src="/docs/assets/swagger-ui-bundle.js"', ' nonce="bm9uY2U="']);
    expect(html).toContain('url: "/openapi.json"');
    expect(html).toContain("validatorUrl: null");
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it("cannot be made to break out of the nonce attribute", async () => {
    const html = await (await page(new Request("http://localhost/docs", { headers: { "x-nonce": '"><script>alert(1)</script>' } }))).text();
    expect(html).not.toContain("<script>alert");
  });

  it("serves Swagger UI's files from node_modules, and nothing else", async () => {
    const script = await asset(new Request("http://localhost/docs/assets/swagger-ui-bundle.js"), assetParams("swagger-ui-bundle.js"));
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(await script.text()).toContain("SwaggerUIBundle");
    const style = await asset(new Request("http://localhost/docs/assets/swagger-ui.css"), assetParams("swagger-ui.css"));
    expect(style.headers.get("content-type")).toBe("text/css; charset=utf-8");
    for (const name of ["index.html", "..%2Fpackage.json", "../package.json", "constructor", "toString"]) {
      expect((await asset(new Request(`http://localhost/docs/assets/${name}`), assetParams(name))).status, name).toBe(404);
    }
  });
});
