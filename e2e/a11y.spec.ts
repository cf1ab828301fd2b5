import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { OFFLINE_OWNER } from "./accounts";
import { APP_URL, FRESH_APP_URL, OFFLINE_APP_URL } from "./ports";
import { signIn } from "./sign-in";

// Runs on the offline server (its own in-memory database), so the main server's journey still starts
// empty; its owner comes from headless initialization, and calls made outside the page use its key.
test.describe.configure({ mode: "serial" });
test.use({ baseURL: OFFLINE_APP_URL, storageState: { cookies: [], origins: [] } });
const asOwner = { authorization: `Bearer ${OFFLINE_OWNER.apiKey}` };

// The dark scheme's colours are checked at desktop width and the phone layout in the light one:
// the fourth pairing, phone and dark, shows nothing the other three do not.
const VIEWS = [
  { width: 1280, height: 860, scheme: "light" },
  { width: 1280, height: 860, scheme: "dark" },
  { width: 390, height: 844, scheme: "light" },
] as const;

// React reports hydration mismatches and render errors on the console; refused uploads are expected 4xx.
const consoleErrors = new WeakMap<Page, string[]>();
test.beforeEach(({ page }) => {
  consoleErrors.set(page, []);
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) consoleErrors.get(page)!.push(message.text());
  });
});

const CANVAS = { light: "rgb(248, 250, 252)", dark: "rgb(11, 17, 32)" };

/** A11Y_SCREENSHOTS=1 keeps a screenshot of every view scanned; a failing test keeps its own either way. */
const KEEP_SCREENSHOTS = process.env.A11Y_SCREENSHOTS === "1";

/**
 * Scans what is on screen now with axe in each of VIEWS (with
 * A11Y_SCREENSHOTS=1, keeping the first screen and the whole page of each). Serious and critical
 * violations fail the test; moderate and minor ones are listed in the report's annotations.
 */
async function scan(page: Page, state: string) {
  expect(consoleErrors.get(page) ?? [], `console errors before ${state}`).toEqual([]);
  for (const view of VIEWS) {
    await page.setViewportSize({ width: view.width, height: view.height });
    await page.emulateMedia({ colorScheme: view.scheme });
    // Dark mode follows the system setting, with no toggle to press.
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(CANVAS[view.scheme]);
    // Colours fade over to the new scheme (transition-colors); axe must see where they end up.
    await page.evaluate(() => {
      const transitions = document.getAnimations().filter((animation) => animation instanceof CSSTransition);
      return Promise.all(transitions.map((transition) => transition.finished.catch(() => undefined)));
    });
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${state} at ${view.width}px`).toBeLessThanOrEqual(view.width);
    const { violations } = await new AxeBuilder({ page }).analyze();
    const blocking = violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(" ")).join(" | ")}`);
    expect(blocking, `${state}, ${view.width}px ${view.scheme}`).toEqual([]);
    for (const violation of violations.filter((item) => item.impact !== "serious" && item.impact !== "critical")) {
      test.info().annotations.push({ type: `axe ${violation.impact}`, description: `${state} ${view.width}px ${view.scheme}: ${violation.id}` });
    }
    if (KEEP_SCREENSHOTS) {
      const name = `${state}-${view.width}-${view.scheme}`;
      await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
      await page.screenshot({ path: test.info().outputPath(`${name}-full.png`), fullPage: true });
    }
  }
  await page.setViewportSize({ width: VIEWS[0].width, height: VIEWS[0].height });
  await page.emulateMedia({ colorScheme: VIEWS[0].scheme });
}

test("signing in and setting up: owner setup, sign-in with a wrong password", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`${FRESH_APP_URL}/setup`);
  await page.getByRole("button", { name: "Create the owner account" }).click();
  await expect(page.getByText("Enter your name.")).toBeVisible();
  await scan(page, "setup-errors");

  // Open sign-up (the main server allows it), and the page for someone in no workspace yet.
  await page.goto(`${APP_URL}/sign-up`);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter your name.")).toBeVisible();
  await scan(page, "sign-up-errors");
  await page.goto("/no-workspace");
  await expect(page.getByRole("heading", { name: "You are not in a workspace yet" })).toBeVisible();
  await scan(page, "no-workspace");

  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByLabel("Email").fill(OFFLINE_OWNER.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("The email or password is not right.")).toBeVisible();
  await scan(page, "sign-in-error");
});

test("empty app: every page, validation errors and a refused upload", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, OFFLINE_OWNER);
  await page.goto("/");
  await expect(page.getByText("No leads yet — upload a CSV", { exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "Get started" })).toBeVisible();
  await scan(page, "results-empty");

  await page.goto("/offers");
  await expect(page.getByText("No offers yet — describe what you sell")).toBeVisible();
  await scan(page, "offers-empty");

  await page.goto("/offers/new");
  await scan(page, "offer-form");
  await page.getByRole("button", { name: "Create offer" }).click();
  await expect(page.getByText("Name must not be empty.")).toBeVisible();
  await page.getByText("Custom rule keywords (optional)").click();
  await scan(page, "offer-form-errors");

  await page.goto("/imports");
  await expect(page.getByText("No uploads yet — drop a CSV above")).toBeVisible();
  await page.getByLabel("Upload leads CSV").setInputFiles({ name: "notes.csv", mimeType: "text/csv", buffer: Buffer.from("title\nhello\n") });
  await expect(page.getByRole("region", { name: "Upload leads" }).getByRole("alert")).toContainText("Missing required columns");
  await scan(page, "uploads-error");
});

test("with data: results, a lead's details, offers, uploads and settings", async ({ page, request }) => {
  test.setTimeout(300_000);
  await signIn(page, OFFLINE_OWNER);
  for (const name of ["AI Outreach Automation", "AI Outreach Automation"]) {
    const offer = await request.post("/product/offer/", {
      headers: asOwner,
      data: { name, value_props: ["24/7 outreach", "6x more meetings"], ideal_use_cases: ["B2B SaaS mid-market", "Scaling sales teams"] },
    });
    expect(offer.status()).toBe(201);
  }
  await page.goto("/imports");
  await page.getByLabel("Upload leads CSV").setInputFiles("public/samples/demo-leads.csv");
  await expect(page.getByText("imported 50 leads")).toBeVisible();
  await expect(page.getByRole("region", { name: "Upload history" }).getByRole("listitem")).toHaveCount(1);
  await scan(page, "uploads-done");

  await page.goto("/");
  await expect(page.getByRole("table", { name: "Scored leads" }).locator("tbody tr")).toHaveCount(50);
  await page.getByRole("button", { name: "Score leads" }).click();
  await expect(page.getByText("Scored 50 leads.")).toBeVisible();
  await expect(page.getByRole("table", { name: "Scored leads" }).locator("tbody tr")).toHaveCount(50);
  // What is scanned is the scored table, refreshed after the run.
  await expect(page.getByRole("table", { name: "Scored leads" }).getByText("Not scored")).toHaveCount(0);
  await scan(page, "results");

  // The run just made, in the Runs view's history (nothing going now).
  await page.goto("/scoring");
  await expect(page.getByRole("table", { name: "Run history" }).getByRole("row").filter({ hasText: "Succeeded" })).toContainText("50 / 50");
  await expect(page.getByText("No run is going.")).toBeVisible();
  await scan(page, "runs");

  await page.goto("/?intent=High,Medium&sort=name");
  await expect(page.getByRole("group", { name: "Filter by intent" }).getByRole("button", { name: /^High/ })).toHaveAttribute("aria-pressed", "true");
  const first = page.getByRole("table", { name: "Scored leads" }).getByRole("button", { name: /^Details for / }).first();
  await first.click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expect(page.getByRole("dialog").getByRole("row", { name: /Rule score/ })).toBeVisible();
  await scan(page, "results-details");
  await page.keyboard.press("Escape");

  await page.goto("/?q=nobody-by-this-name");
  await expect(page.getByText("No leads match these filters.")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Pages" })).toHaveCount(0);
  await scan(page, "results-no-match");

  await page.goto("/offers");
  await expect(page.getByRole("list", { name: "Offers" }).locator(":scope > li")).toHaveCount(2);
  await scan(page, "offers");

  await page.goto("/settings/members");
  await page.getByLabel("Email").fill("new.teammate@example.com");
  await page.getByRole("button", { name: "Create invite link" }).click();
  await expect(page.getByLabel("Invite link", { exact: true })).toHaveValue(/\/invite\//);
  await scan(page, "settings-members");
  const invite = await page.getByLabel("Invite link", { exact: true }).inputValue();

  // The invite link as its recipient sees it, signed out.
  const visitor = await page.context().browser()!.newContext({ storageState: { cookies: [], origins: [] } });
  const recipient = await visitor.newPage();
  await recipient.goto(invite);
  await expect(recipient.getByRole("button", { name: "Create account and join" })).toBeVisible();
  await scan(recipient, "invite");
  await visitor.close();

  await page.goto("/settings/api-keys");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Name the key after what uses it")).toBeVisible();
  await scan(page, "settings-api-keys");

  await page.goto("/settings/webhooks");
  await page.getByLabel("Endpoint URL").fill("http://example.com/hook");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByText("url must start with https://")).toBeVisible();
  await scan(page, "settings-webhooks");
});
