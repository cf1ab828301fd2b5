import { expect, type Page } from "@playwright/test";

/** Signs in through the sign-in page of the server at `baseURL` (the page's own base URL by default). */
export async function signIn(page: Page, account: { email: string; password: string }, baseURL = "") {
  await page.context().clearCookies();
  await page.goto(`${baseURL}/sign-in`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}
