import { expect, test } from "@playwright/test";

test("the API reference at /docs renders every endpoint from this server alone, within the page's CSP", async ({ page, baseURL, request }) => {
  const origin = new URL(baseURL!).origin;
  const requested: string[] = [];
  const consoleErrors: string[] = [];
  const failed: string[] = [];
  page.on("request", (sent) => requested.push(sent.url()));
  page.on("response", (answer) => {
    if (answer.status() >= 400) failed.push(`${answer.status()} ${answer.url()}`);
  });
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  await page.addInitScript(() => {
    const violations: string[] = [];
    (window as unknown as { violations: string[] }).violations = violations;
    document.addEventListener("securitypolicyviolation", (event: SecurityPolicyViolationEvent) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });

  const response = await page.goto("/docs");
  expect(response!.status()).toBe(200);
  const policy = response!.headers()["content-security-policy"]!;
  expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(policy).not.toContain("unsafe-eval");

  const document = await (await request.get("/openapi.json")).json();
  const paths = Object.keys(document.paths);
  await expect(page.locator(".opblock").first()).toBeVisible();
  const operations = paths.flatMap((path) => Object.keys(document.paths[path]).map((method) => ({ path, method })));
  await expect(page.locator(".opblock")).toHaveCount(operations.length);
  for (const { path, method } of operations) {
    await expect(page.locator(`.opblock-${method} [data-path="${path}"]`), `${method} ${path}`).toBeVisible();
  }

  // The NDJSON progress stream of POST /score/ is part of the rendered reference.
  await page.locator('.opblock-post [data-path="/score/"]').click();
  await expect(page.locator(".opblock-post").filter({ hasText: "/score/" }).getByText("application/x-ndjson").first()).toBeAttached();
  await expect(page.getByText("bearerApiKey").or(page.getByRole("button", { name: /Authorize/ })).first()).toBeVisible();

  expect(requested.length).toBeGreaterThan(2);
  expect(requested.filter((url) => !url.startsWith("data:") && new URL(url).origin !== origin)).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
  expect(failed).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
