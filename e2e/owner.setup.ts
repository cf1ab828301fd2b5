import { writeFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { OWNER } from "./accounts";
import { OWNER_API_KEY_FILE, OWNER_STATE } from "./ports";

// A new team's first visit: every page leads to owner setup; the owner then makes an API key.
test("owner setup, then an API key from Settings", async ({ page }) => {
  await page.goto("/offers");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Create the owner account" })).toBeVisible();
  await page.getByRole("button", { name: "Create the owner account" }).click();
  await expect(page.getByText("Enter your name.")).toBeVisible();
  await page.getByLabel("Your name").fill(OWNER.name);
  await expect(page.getByText("Enter your name.")).toBeHidden();
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByLabel("Workspace name").fill("Acme Sales");
  await page.getByRole("button", { name: "Create the owner account" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByLabel("Workspace")).toHaveValue(/.+/);
  await expect(page.getByLabel("Workspace").locator("option:checked")).toHaveText("Acme Sales");

  // With an owner, setup is closed.
  await page.goto("/setup");
  await expect(page).not.toHaveURL(/\/setup$/);
  await page.goto("/");

  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("link", { name: "API keys" }).click();
  await page.getByLabel("Name").fill("Browser tests");
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = await page.getByLabel("New API key").inputValue();
  expect(secret).toMatch(/^isk_/);
  await expect(page.getByText(`isk_…${secret.slice(-4)}`)).toBeVisible();
  await writeFile(OWNER_API_KEY_FILE, secret);
  await page.context().storageState({ path: OWNER_STATE });
});
