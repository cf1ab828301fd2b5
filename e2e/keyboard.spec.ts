import { readFile } from "node:fs/promises";
import { expect, test, type Locator, type Page } from "@playwright/test";

/** Presses Tab (never clicks) until the target has the focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, limit = 60) {
  await expect(target).toBeVisible();
  for (let presses = 0; presses < limit; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

const LEADS = [
  "name,role,company,industry,location,linkedin_bio",
  "Kira Vance,VP Sales,Keyline,SaaS,Austin,Scaling outbound for B2B SaaS mid-market teams",
  "Omar Reyes,Operations Analyst,Tallow Goods,Retail,Lima,",
  "Lena Fox,Founder,Foxglove Studio,Consulting,Porto,Runs a consulting business",
].join("\n");

test("keyboard only: create an offer, upload, score and export", async ({ page }) => {
  await page.goto("/");
  const main = page.getByRole("navigation", { name: "Main" });

  await tabTo(page, main.getByRole("link", { name: "Offers", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/offers$/);
  await tabTo(page, page.getByRole("link", { name: "New offer" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/offers\/new$/);

  // The same name as an earlier offer on purpose: the selector must still tell them apart.
  await tabTo(page, page.getByLabel("Offer name"));
  await page.keyboard.type("AI Outreach Automation");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Value proposition 1", { exact: true })).toBeFocused();
  await page.keyboard.type("More meetings for B2B SaaS sales teams");
  await tabTo(page, page.getByRole("button", { name: "+ Add value proposition" }));
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Value proposition 2", { exact: true })).toBeFocused();
  await page.keyboard.type("Outbound on autopilot");
  await tabTo(page, page.getByLabel("Use case 1", { exact: true }));
  await page.keyboard.type("Scaling outbound in mid-market SaaS");
  await tabTo(page, page.getByRole("button", { name: "Create offer" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/\?offer=\d+$/);
  const offerId = new URL(page.url()).searchParams.get("offer")!;

  await expect(page.getByLabel("Score against")).toHaveValue(offerId);
  const options = await page.getByLabel("Score against").locator("option").allTextContents();
  const sameName = options.filter((option) => option.startsWith("AI Outreach Automation"));
  expect(sameName.length).toBeGreaterThanOrEqual(2);
  expect(new Set(sameName).size).toBe(sameName.length);
  expect(sameName).toContainEqual(expect.stringContaining(`#${offerId}`));

  await tabTo(page, main.getByRole("link", { name: "Uploads", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/imports$/);
  await tabTo(page, page.getByRole("button", { name: "Browse files" }));
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.keyboard.press("Enter")]);
  await chooser.setFiles({ name: "keyboard.csv", mimeType: "text/csv", buffer: Buffer.from(`${LEADS}\n`) });
  await expect(page.getByText("imported 3 leads")).toBeVisible();

  await tabTo(page, page.getByRole("link", { name: "View these leads" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/\?upload=\d+$/);
  await expect(page.getByRole("table", { name: "Scored leads" }).locator("tbody tr")).toHaveCount(3);
  await expect(page.getByLabel("Score against")).toHaveValue(offerId);

  await tabTo(page, page.getByRole("button", { name: "Score leads" }));
  await page.keyboard.press("Enter");
  await expect(page.getByText(/^Scored \d+ leads?\.$/)).toBeVisible();
  await expect(page.getByRole("table", { name: "Scored leads" }).locator("tbody tr td:nth-child(6)")).toHaveText([/High|Medium|Low/, /High|Medium|Low/, /High|Medium|Low/]);

  await tabTo(page, page.getByRole("link", { name: "Export CSV" }));
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  const csv = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "");
  const [header, ...rows] = csv.trim().split("\r\n");
  expect(header).toBe("Name,Role,Company,Industry,Location,Intent,Score,Reasoning");
  expect(rows).toHaveLength(3);
  const parsed = rows.map((row) => row.match(/^([^,]+),([^,]*),([^,]*),([^,]*),([^,]*),(High|Medium|Low),(\d+),/));
  expect(parsed.every(Boolean)).toBe(true);
  expect(parsed.map((match) => match![1]).sort()).toEqual(["Kira Vance", "Lena Fox", "Omar Reyes"]);
  const scores = parsed.map((match) => Number(match![7]));
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
});
