import { expect, test } from "@playwright/test";
import { DEV_APP_URL } from "./ports";

// `npm run dev`, opened at 127.0.0.1 rather than localhost: Next blocks its dev resources from
// origins it does not know, and then the page renders but never becomes interactive.
test.use({ storageState: { cookies: [], origins: [] } });

test("the development server works at 127.0.0.1", async ({ page }) => {
  test.setTimeout(300_000);
  const blocked: string[] = [];
  page.on("response", (response) => {
    if (response.status() === 403 && new URL(response.url()).pathname.startsWith("/_next")) blocked.push(response.url());
  });
  await page.goto(DEV_APP_URL, { timeout: 180_000 });
  await expect(page).toHaveURL(/\/setup$/, { timeout: 60_000 });
  await page.getByLabel("Your name").fill("Dev Owner");
  await page.getByLabel("Email").fill("dev@example.com");
  await page.getByLabel("Password").fill("dev-owner-password");
  await page.getByRole("button", { name: "Create the owner account" }).click();
  // Signed in: the page hydrated, posted its form and moved on, with every dev resource served.
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible({ timeout: 120_000 });
  expect(blocked).toEqual([]);
});
