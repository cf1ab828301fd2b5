import { expect, test } from "@playwright/test";

const header = "name,role,company,industry,location,linkedin_bio";

test("shows skipped rows, pages through 10,000 leads, and keeps the view in the URL", async ({ page, request, context }) => {
  await page.goto("/imports");
  await page.getByLabel("Upload leads CSV").setInputFiles({
    name: "with-gaps.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${header}\nAva Stone,CEO,Acme,SaaS,Berlin,\n,CTO,Acme,SaaS,Berlin,\n`),
  });
  await expect(page.getByText("imported 1 lead, skipped 1")).toBeVisible();
  await expect(page.getByRole("list", { name: "Skipped rows" })).toContainText("Row 3: Missing name");

  const rows = Array.from({ length: 10_000 }, (_, i) => `Bulk ${String(i).padStart(5, "0")},Analyst,Company ${i % 97},Consulting,Oslo,`);
  const upload = await request.post("/leads/upload/", {
    multipart: { csv_file: { name: "bulk.csv", mimeType: "text/csv", buffer: Buffer.from(`${header}\n${rows.join("\n")}\n`) } },
  });
  expect(upload.status()).toBe(201);

  await page.goto("/");
  const table = page.getByRole("table", { name: "Scored leads" });
  // Past 10,000 leads the total is the database's estimate (X-Total-Count-Estimated), and says so.
  await expect(page.getByText(/^1–50 of about [\d,]+ leads$/)).toBeVisible();
  await expect(page.getByText(/^Page 1 of about [\d,]+$/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Next" })).toBeEnabled();
  await expect(page.getByRole("group", { name: "Leads", exact: true })).toContainText(/about \d/);
  await page.getByLabel("Search leads").fill("Bulk");
  await expect(page.getByText("1–50 of 10,000 leads")).toBeVisible();
  await expect(table.locator("tbody tr")).toHaveCount(50);
  await page.getByRole("button", { name: "Name", exact: true }).click();
  await expect(table.locator("tbody tr").first()).toContainText("Bulk 00000");
  await page.getByRole("button", { name: "Name", exact: true }).click();
  await expect(table.locator("tbody tr").first()).toContainText("Bulk 09999");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("51–100 of 10,000 leads")).toBeVisible();
  await expect(table.locator("tbody tr").first()).toContainText("Bulk 09949");
  await expect(page.getByText("Page 2 of 200")).toBeVisible();

  // Search, sort and page live in the URL: a reload or a shared link shows the same view…
  const url = new URL(page.url());
  expect(Object.fromEntries(url.searchParams)).toEqual({ q: "Bulk", sort: "-name", page: "2" });
  await page.reload();
  await expect(page.getByLabel("Search leads")).toHaveValue("Bulk");
  await expect(page.getByText("51–100 of 10,000 leads")).toBeVisible();
  await expect(table.locator("tbody tr").first()).toContainText("Bulk 09949");
  const shared = await context.newPage();
  await shared.goto(url.toString());
  await expect(shared.getByText("Page 2 of 200")).toBeVisible();
  await expect(shared.getByRole("table", { name: "Scored leads" }).locator("tbody tr").first()).toContainText("Bulk 09949");
  await shared.close();

  // …and the back button steps back through them.
  await page.goBack();
  await expect(page.getByText("1–50 of 10,000 leads")).toBeVisible();
  await expect(table.locator("tbody tr").first()).toContainText("Bulk 09999");
  // At once, as a person might: the view follows the address bar, not the router's fetch for the
  // entry before (which, landing after this second step, once left the view one step behind).
  await page.goBack();
  await expect(table.locator("tbody tr").first()).toContainText("Bulk 00000");
  await expect(page).toHaveURL(/sort=name/);
  await page.goForward();
  await expect(table.locator("tbody tr").first()).toContainText("Bulk 09999");
});
