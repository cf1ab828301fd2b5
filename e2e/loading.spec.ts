import { expect, test } from "@playwright/test";

test("while results and scoring load, skeletons stand where numbers will be — never made-up zeros", async ({ page }) => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => url.pathname === "/results/" || url.pathname === "/runs/",
    async (route) => {
      await held;
      // A request the page gave up on meanwhile has nothing left to continue.
      await route.continue().catch(() => undefined);
    },
  );

  await page.goto("/");
  await expect(page.getByRole("table", { name: "Scored leads" })).toHaveAttribute("aria-busy", "true");
  const pager = page.getByRole("navigation", { name: "Pages" });
  await expect(pager).toBeVisible();
  await expect(pager).not.toContainText(/\d+ leads|Page \d/);
  await expect(page.getByText(/0–0 of 0|Page 1 of 1|^0%$|0 \/ 0 scored/)).toHaveCount(0);
  const leadsStat = page.getByRole("group", { name: "Leads", exact: true });
  await expect(leadsStat).not.toContainText(/\d/);
  await expect(page.getByRole("img", { name: /^Intent distribution/ })).toHaveCount(0);

  await page.getByRole("button", { name: "Score leads" }).click();
  await expect(page.getByText("Starting…")).toBeVisible();
  await expect(page.getByRole("progressbar")).toHaveCount(0);

  release();
  await expect(pager).toContainText(/^1–\d+ of \d+ leads/);
  await expect(pager).toContainText(/Page 1 of \d+/);
  await expect(leadsStat).toContainText(/\d/);
  await expect(page.getByRole("img", { name: /^Intent distribution: High \d+/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Scored leads" })).toHaveAttribute("aria-busy", "false");
  await expect(page.getByText(/Scored \d+ leads?\.|Every lead is already scored/)).toBeVisible();
});
