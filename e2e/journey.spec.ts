import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { OFFLINE_APP_URL } from "./ports";

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

const scoresInTable = async (page: Page) =>
  (await page.getByRole("table", { name: "Scored leads" }).locator("tbody tr td:nth-child(7)").allInnerTexts()).map(Number);

test("from nothing to an exported, scored CSV", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "IntentScore" })).toBeVisible();
  await expect(page.getByText("No leads yet. Upload a CSV to see them here.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Score leads" })).toBeDisabled();
  await expect(page.getByText("Create an offer first.")).toBeVisible();
  await shot(page, "01-empty");

  // 1. Offer: the form validates inline with the API's own schema.
  await page.getByRole("button", { name: "Create offer" }).click();
  await expect(page.getByText("Name must not be empty.")).toBeVisible();
  await expect(page.getByText("Add at least one value proposition.")).toBeVisible();
  await page.getByLabel("Offer name").fill("AI Outreach Automation");
  await page.getByLabel("Value proposition 1", { exact: true }).fill("24/7 outreach");
  await page.getByRole("button", { name: "+ Add value proposition" }).click();
  await page.getByLabel("Value proposition 2", { exact: true }).fill("6x more meetings");
  await page.getByLabel("Use case 1", { exact: true }).fill("B2B SaaS mid-market");
  await shot(page, "02-offer-form");
  await page.getByRole("button", { name: "Create offer" }).click();
  await expect(page.getByLabel("Score against")).toHaveValue(/\d+/);
  await expect(page.getByText("24/7 outreach · 6x more meetings")).toBeVisible();

  // 2. Upload: a file that is not a CSV is refused and changes nothing; the sample imports.
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
  await page.getByLabel("Upload leads CSV").setInputFiles("public/samples/leads.csv");
  await expect(page.getByText("imported 5 leads")).toBeVisible();
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
  await shot(page, "03-scored");

  // 4. Results: sorted by score, descending by default; headers sort both ways.
  await expect.poll(() => scoresInTable(page)).toEqual([80, 60, 60, 40, 40]);
  await page.getByRole("button", { name: "Score", exact: true }).click();
  await expect.poll(() => scoresInTable(page)).toEqual([40, 40, 60, 60, 80]);
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
  await shot(page, "04-filtered-high");

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
  await shot(page, "05-breakdown");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  // 5. Export what is on screen.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toBe("lead_scores.csv");
  const csv = await readFile((await download.path())!, "utf8");
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
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  await expect(page.getByRole("button", { name: "Score leads" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(page, "06-phone");

  const search = page.getByLabel("Search leads");
  await search.focus();
  await page.keyboard.type("Phoebe");
  await expect(page.getByRole("table", { name: "Scored leads" }).locator("tbody tr")).toHaveCount(1);
  // Tab from the search box reaches Export CSV, then the sortable headers.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Export CSV" })).toBeFocused();
  await page.getByRole("button", { name: "Details for Phoebe Lane" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog", { name: "Phoebe Lane" })).toBeVisible();
  await page.getByRole("dialog").getByRole("button", { name: "Close" }).press("Enter");
  await expect(page.getByRole("dialog")).toBeHidden();
});

test("says plainly when the offline analyzer stands in for Gemini", async ({ page }) => {
  await page.goto(OFFLINE_APP_URL);
  await expect(page.getByText("Offline analyzer in use.")).toBeVisible();
  await expect(page.getByText("AI: Offline analyzer (no Gemini key configured)")).toBeVisible();
});
