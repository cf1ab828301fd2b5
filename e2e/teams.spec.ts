import { createServer, type Server } from "node:http";
import { expect, test } from "@playwright/test";
import { OWNER } from "./accounts";
import { APP_URL } from "./ports";

const XSS = "<img src=x onerror=alert(1)>";

test("an invited member joins the owner's workspace; a second workspace sees none of its leads", async ({ page, browser }) => {
  test.setTimeout(180_000);
  // The owner (signed in by the setup project) uploads a lead whose name and bio are markup.
  await page.goto("/imports");
  const csv = `name,role,company,industry,location,linkedin_bio\n"${XSS}",CEO,Shared Co,SaaS,Oslo,"<script>alert(2)</script> bio"\nTeam Lead Tess,VP Sales,Shared Co,SaaS,Oslo,\n`;
  await page.getByLabel("Upload leads CSV").setInputFiles({ name: "team.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByText("imported 2 leads")).toBeVisible();

  // Lead text is text: the markup shows as characters in the table and the details, and runs nowhere.
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto("/?q=Shared");
  const table = page.getByRole("table", { name: "Scored leads" });
  await expect(table.getByText(XSS, { exact: true })).toBeVisible();
  await table.getByRole("button", { name: `Details for ${XSS}` }).click();
  await expect(page.getByRole("dialog")).toContainText("<script>alert(2)</script> bio");
  await page.keyboard.press("Escape");
  expect(await page.locator("img[src=x]").count()).toBe(0);

  // Settings → Members: an invite link for a teammate.
  await page.goto("/settings/members");
  await page.getByLabel("Email").fill("mia@example.com");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = await page.getByLabel("Invite link", { exact: true }).inputValue();
  expect(link).toContain("/invite/");

  // The teammate, in a browser of their own, opens it, creates an account and lands in the same workspace.
  const teammate = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const mia = await teammate.newPage();
  await mia.goto(link);
  await expect(mia.getByRole("heading", { name: "Join Acme Sales" })).toBeVisible();
  await expect(mia.getByText(`${OWNER.name} invited mia@example.com as a member.`)).toBeVisible();
  await mia.getByLabel("Your name").fill("Mia Member");
  await mia.getByLabel("Password").fill("mia-member-password");
  await mia.getByRole("button", { name: "Create account and join" }).click();
  await expect(mia.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(mia.getByLabel("Workspace").locator("option:checked")).toHaveText("Acme Sales");
  await mia.goto("/?q=Shared");
  await expect(mia.getByRole("table", { name: "Scored leads" }).getByText("Team Lead Tess")).toBeVisible();
  // A member cannot manage API keys.
  await mia.goto("/settings/api-keys");
  await expect(mia.getByText("Only an owner or admin of this workspace can see and manage its API keys.")).toBeVisible();
  // The link worked once.
  await mia.goto(link);
  await expect(mia.getByRole("heading", { name: "This invite link cannot be used" })).toBeVisible();
  await teammate.close();

  // Someone who signs up on their own (open sign-up on this server) gets a workspace of their own.
  const stranger = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const sam = await stranger.newPage();
  await sam.goto("/sign-up");
  await sam.getByLabel("Your name").fill("Sam Stranger");
  await sam.getByLabel("Email").fill("sam@example.com");
  await sam.getByLabel("Password").fill("sam-stranger-password");
  await sam.getByRole("button", { name: "Create account" }).click();
  await expect(sam.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(sam.getByLabel("Workspace").locator("option:checked")).toHaveText("Sam Stranger's workspace");
  await sam.goto("/");
  await expect(sam.getByText("No leads yet — upload a CSV", { exact: true })).toBeVisible();
  expect(await (await sam.request.get("/results/?q=Shared")).json()).toEqual([]);
  await stranger.close();
  expect(dialogs).toEqual([]);
});

test("security headers on a page and on an API answer; no inline script is allowed", async ({ page, request }) => {
  const pageResponse = (await page.goto("/"))!;
  const apiResponse = await request.get("/results/?limit=1");
  for (const [what, headers] of [["page", pageResponse.headers()], ["API", apiResponse.headers()]] as const) {
    expect(headers["x-content-type-options"], what).toBe("nosniff");
    expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"], what).toContain("camera=()");
    expect(headers["strict-transport-security"], what).toContain("max-age=");
    expect(headers["content-security-policy"], what).toContain("frame-ancestors 'none'");
  }
  const policy = pageResponse.headers()["content-security-policy"]!;
  const scripts = policy.split(";").find((directive) => directive.trim().startsWith("script-src"))!;
  expect(scripts).toMatch(/'nonce-[^']+'/);
  expect(scripts).not.toContain("unsafe-inline");
  expect(scripts).not.toContain("unsafe-eval");
  expect(apiResponse.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
});

test("a page on another site cannot change anything with the owner's session", async ({ page }) => {
  const offersBefore = await (await page.request.get("/product/offer/")).json();
  // The attacker's page: a text/plain form post (read as JSON by lenient servers) and a no-cors fetch.
  const body = JSON.stringify({ name: "Planted", value_props: ["x"], ideal_use_cases: ["y"] });
  const attacker: Server = createServer((_request, response) => {
    response.setHeader("content-type", "text/html");
    response.end(`<!doctype html><form id="f" method="post" enctype="text/plain" action="${APP_URL}/product/offer/">
      <input name='${body.slice(0, -2)}' value='"}'></form>
      <script>fetch("${APP_URL}/score/", { method: "POST", mode: "no-cors", credentials: "include", body: '{"rescore": true}' })
        .finally(() => document.getElementById("f").submit());</script>`);
  });
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  const { port } = attacker.address() as { port: number };
  try {
    const posted = page.waitForResponse((response) => response.url().startsWith(`${APP_URL}/product/offer`));
    await page.goto(`http://localhost:${port}/`);
    expect((await posted).status()).toBeGreaterThanOrEqual(400);
  } finally {
    attacker.close();
  }
  expect(await (await page.request.get("/product/offer/")).json()).toEqual(offersBefore);
});
