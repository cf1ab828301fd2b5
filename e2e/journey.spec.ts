import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { OFFLINE_OWNER } from "./accounts";
import { OFFLINE_APP_URL } from "./ports";
import { signIn } from "./sign-in";

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

const scoresInTable = async (page: Page) =>
  (await page.getByRole("table", { name: "Scored leads" }).locator("tbody tr td:nth-child(7)").allInnerTexts()).map(Number);

const nav = (page: Page, name: string) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name, exact: true });

test("from nothing to an exported, scored CSV", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("banner").getByRole("link", { name: "IntentScore" })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText("Gemini · gemini-e2e");
  await expect(page.getByRole("heading", { level: 1, name: "Results" })).toBeVisible();
  await expect(nav(page, "Results")).toHaveAttribute("aria-current", "page");
  await expect(page.getByText("No leads yet — upload a CSV", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Score leads" })).toBeDisabled();
  await expect(page.getByText("Create an offer first.")).toBeVisible();
  // Nothing to filter, page or export yet: no zero counts, only the next step.
  await expect(page.getByRole("navigation", { name: "Pages" })).toHaveCount(0);
  await expect(page.getByRole("group", { name: "Filter by intent" })).toBeHidden();
  await expect(page.getByText("Intent distribution")).toHaveCount(0);
  await shot(page, "01-empty");

  // 1. Offer: the empty state leads to the form, which validates inline with the API's own schema.
  await page.getByRole("region", { name: "Get started" }).getByRole("link", { name: "Create an offer", exact: true }).click();
  await expect(page).toHaveURL(/\/offers\/new$/);
  await expect(nav(page, "Offers")).toHaveAttribute("aria-current", "page");
  await page.getByRole("button", { name: "Create offer" }).click();
  await expect(page.getByText("Name must not be empty.")).toBeVisible();
  await expect(page.getByText("Add at least one value proposition.")).toBeVisible();
  await expect(page.getByText("Add at least one ideal use case.")).toBeVisible();
  await expect(page.getByLabel("Offer name")).toBeFocused();
  await expect(page.getByLabel("Offer name")).toHaveAttribute("aria-invalid", "true");
  await shot(page, "02-offer-errors");
  // Each message goes as soon as its field is fixed, while the others stay.
  await page.getByLabel("Offer name").fill("AI Outreach Automation");
  await expect(page.getByText("Name must not be empty.")).toBeHidden();
  await expect(page.getByLabel("Offer name")).not.toHaveAttribute("aria-invalid");
  await expect(page.getByText("Add at least one value proposition.")).toBeVisible();
  await page.getByLabel("Value proposition 1", { exact: true }).fill("24/7 outreach");
  await expect(page.getByText("Add at least one value proposition.")).toBeHidden();
  await page.getByRole("button", { name: "+ Add value proposition" }).click();
  await expect(page.getByLabel("Value proposition 2", { exact: true })).toBeFocused();
  await page.getByLabel("Value proposition 2", { exact: true }).fill("6x more meetings");
  await page.getByLabel("Use case 1", { exact: true }).fill("B2B SaaS mid-market");
  await expect(page.getByText("Add at least one ideal use case.")).toBeHidden();
  await page.getByRole("button", { name: "Create offer" }).click();
  await expect(page).toHaveURL(/\/\?offer=\d+$/);
  const offerId = new URL(page.url()).searchParams.get("offer")!;
  await expect(page.getByLabel("Score against")).toHaveValue(offerId);
  await expect(page.getByText("No leads yet — upload a CSV", { exact: true })).toBeVisible();

  await nav(page, "Offers").click();
  const offerCard = page.getByRole("list", { name: "Offers" }).locator(":scope > li").filter({ hasText: "AI Outreach Automation" });
  await expect(offerCard).toContainText(`#${offerId}`);
  await expect(offerCard).toContainText("24/7 outreach");
  await expect(offerCard).toContainText("6x more meetings");
  await expect(offerCard).toContainText("B2B SaaS mid-market");

  // 2. Upload: a file that is not a CSV is refused and changes nothing; the sample imports.
  await nav(page, "Uploads").click();
  await expect(page.getByText("No uploads yet — drop a CSV above")).toBeVisible();
  await page.getByLabel("Upload leads CSV").setInputFiles({
    name: "logo.png",
    mimeType: "image/png",
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
  });
  const uploadAlert = page.getByRole("region", { name: "Upload leads" }).getByRole("alert");
  await expect(uploadAlert).toContainText("This is not a CSV file");
  await expect(uploadAlert).toContainText("Nothing was imported.");
  await page.getByLabel("Upload leads CSV").setInputFiles({
    name: "partial.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("name,company\nAva,Acme\n"),
  });
  await expect(uploadAlert).toContainText("Missing required columns: role, industry, location, linkedin_bio");
  await expect(page.getByText("No uploads yet — drop a CSV above")).toBeVisible();
  await page.getByLabel("Upload leads CSV").setInputFiles("public/samples/leads.csv");
  await expect(page.getByText("imported 5 leads")).toBeVisible();
  await expect(page.getByRole("region", { name: "Upload history" }).getByRole("listitem")).toHaveCount(1);
  await expect(page.getByRole("region", { name: "Upload history" })).toContainText("leads.csv");
  await shot(page, "03-uploaded");

  await nav(page, "Results").click();
  await expect(page.getByText("5 leads uploaded.")).toBeVisible();
  await expect(page.getByRole("table", { name: "Scored leads" }).locator("tbody tr")).toHaveCount(5);

  // 3. Score, with progress, the button disabled meanwhile.
  await expect(page.getByText("AI judgement by Gemini")).toBeVisible();
  const scoreButton = page.getByRole("button", { name: "Score leads" });
  await scoreButton.click();
  await expect(page.getByRole("button", { name: "Scoring…" })).toBeDisabled();
  await expect(page.getByRole("progressbar", { name: "Scoring progress" })).toBeVisible();
  await expect(page.getByText("Scored 5 leads.")).toBeVisible();
  await expect(page.getByText("5 / 5 scored")).toBeVisible();
  await expect(scoreButton).toBeEnabled();
  await shot(page, "04-scored");

  // 4. Results: sorted by score, descending by default; headers sort both ways.
  await expect.poll(() => scoresInTable(page)).toEqual([80, 60, 60, 40, 40]);
  await page.getByRole("button", { name: "Score", exact: true }).click();
  await expect.poll(() => scoresInTable(page)).toEqual([40, 40, 60, 60, 80]);
  await expect(page).toHaveURL(/sort=score(&|$)/);
  await page.getByRole("button", { name: "Name", exact: true }).click();
  await expect(page.getByRole("table", { name: "Scored leads" }).locator("tbody tr").first()).toContainText("David Brown");
  await page.getByRole("button", { name: "Score", exact: true }).click();
  await expect.poll(() => scoresInTable(page)).toEqual([80, 60, 60, 40, 40]);

  // Filter to High intent.
  await expect(page.getByText("Intent distribution")).toBeVisible();
  await page.getByRole("group", { name: "Filter by intent" }).getByRole("button", { name: /^High/ }).click();
  const rows = page.getByRole("table", { name: "Scored leads" }).locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Jane Smith");
  await expect(page).toHaveURL(/intent=High/);
  await shot(page, "05-filtered-high");

  // A lead's breakdown.
  await page.getByRole("button", { name: "Details for Jane Smith" }).click();
  const dialog = page.getByRole("dialog", { name: "Jane Smith" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("row", { name: /Role relevance/ })).toContainText("matched “director” (decision-maker)");
  await expect(dialog.getByRole("row", { name: /Role relevance/ })).toContainText("20 / 20");
  await expect(dialog.getByRole("row", { name: /Industry alignment/ })).toContainText("0 / 20");
  await expect(dialog.getByRole("row", { name: /Data completeness/ })).toContainText("10 / 10");
  await expect(dialog.getByRole("row", { name: /AI intent/ })).toContainText("High intent");
  await expect(dialog.getByRole("row", { name: /AI provider/ })).toContainText("Gemini");
  await expect(dialog).toContainText("judged by the fake Gemini");
  await shot(page, "06-breakdown");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  // 5. Export what is on screen.
  const exportLink = page.getByRole("link", { name: "Export CSV" });
  await expect(exportLink).toHaveAttribute("href", new RegExp(`^/csv/\\?bom=1&offer_id=${offerId}&intent=High&sort=-score$`));
  const [download] = await Promise.all([page.waitForEvent("download"), exportLink.click()]);
  expect(download.suggestedFilename()).toBe("lead_scores.csv");
  // The BOM (for spreadsheet apps) is optional until the API honours ?bom=1.
  const csv = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "");
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toBe("Name,Role,Company,Industry,Location,Intent,Score,Reasoning");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toMatch(/^Jane Smith,Marketing Director,RetailMax Inc,E-commerce,New York,High,80,/);
});

test("works at phone width and by keyboard", async ({ page, request }) => {
  const upload = await request.post("/leads/upload/", {
    multipart: {
      csv_file: { name: "phone.csv", mimeType: "text/csv", buffer: Buffer.from("name,role,company,industry,location,linkedin_bio\nPhoebe Lane,CTO,Pocket Labs,SaaS,Leeds,\n") },
    },
  });
  expect(upload.status()).toBe(201);
  expect((await request.post("/score/", { data: {} })).status()).toBe(200);
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ["/offers", "/offers/new", "/imports", "/"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
  }
  await expect(page.getByRole("button", { name: "Score leads" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Scored leads" })).toBeHidden();
  await shot(page, "07-phone");

  const search = page.getByLabel("Search leads");
  await search.focus();
  await page.keyboard.type("Phoebe");
  // On a phone each lead is a card with its name, intent and score.
  const cards = page.getByRole("list", { name: "Scored leads" }).getByRole("listitem");
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText("Phoebe Lane");
  await expect(cards.first()).toContainText("CTO · Pocket Labs");
  await expect(cards.first()).toContainText(/(High|Medium|Low)/);
  await expect(cards.first()).toContainText(/Score \d+/);
  // Tab from the search box reaches Export CSV.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Export CSV" })).toBeFocused();
  await page.getByRole("button", { name: "Details for Phoebe Lane" }).focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Phoebe Lane" });
  await expect(dialog).toBeVisible();
  // The breakdown fits: no sideways scroll, and every "points / max" on one line.
  expect(await dialog.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
  const pointCells = dialog.getByRole("row").filter({ hasText: /\d+ \/ \d+/ }).locator("td");
  await expect(pointCells).toHaveCount(5);
  const lineCounts = await pointCells.evaluateAll((cells) =>
    cells.map((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
    }),
  );
  expect(lineCounts).toEqual([1, 1, 1, 1, 1]);
  await shot(page, "08-phone-details");
  await dialog.getByRole("button", { name: "Close" }).press("Enter");
  await expect(page.getByRole("dialog")).toBeHidden();
});

test("says plainly when the offline analyzer stands in for Gemini", async ({ page }) => {
  await signIn(page, OFFLINE_OWNER, OFFLINE_APP_URL);
  await page.goto(OFFLINE_APP_URL);
  await expect(page.getByText("Offline analyzer in use.")).toBeVisible();
  await expect(page.getByRole("banner")).toContainText("AI: Offline analyzer");
});
