import { expect, test } from "@playwright/test";
import { answerConfirmation } from "./dialogs";

const header = "name,role,company,industry,location,linkedin_bio";

test("updates duplicates on request, and deletes an upload only after confirming what goes", async ({ page, request }) => {
  const fileName = `history-${Date.now()}.csv`;
  await page.goto("/imports");
  await page.getByLabel("Upload leads CSV").setInputFiles({
    name: fileName,
    mimeType: "text/csv",
    buffer: Buffer.from(`${header}\nHanna History,CEO,Histco,SaaS,Berlin,\nHal History,CTO,Histco,SaaS,Berlin,\n`),
  });
  await expect(page.getByText(`${fileName}: imported 2 leads.`)).toBeVisible();

  await page.getByLabel("When a lead is already stored").selectOption("update");
  await page.getByLabel("Upload leads CSV").setInputFiles({
    name: "again.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${header}\nHANNA HISTORY,Chief Revenue Officer,"Histco.",SaaS,Berlin,\n`),
  });
  await expect(page.getByText("0 new leads, 1 lead updated (scored again on the next run).")).toBeVisible();

  const history = page.getByRole("region", { name: "Upload history" });
  const row = history.getByRole("listitem").filter({ hasText: fileName });
  await expect(row).toContainText("2 leads");
  const deleteButton = row.getByRole("button", { name: `Delete ${fileName}` });

  // Dismissed: nothing goes.
  expect(await answerConfirmation(page, () => deleteButton.click(), "dismiss")).toMatch(new RegExp(`^Delete “${fileName}” \\(#\\d+\\)\\? Its 2 leads and all their scores will be deleted for good\\.$`));
  await expect(row).toBeVisible();
  const before = await (await request.get("/results/?q=History")).json();
  expect(before.map((lead: { name: string; role: string }) => [lead.name, lead.role])).toEqual([
    ["HANNA HISTORY", "Chief Revenue Officer"],
    ["Hal History", "CTO"],
  ]);

  // Confirmed: the upload and its leads go.
  await answerConfirmation(page, () => deleteButton.click(), "accept");
  await expect(row).toHaveCount(0);
  expect(await (await request.get("/results/?q=History")).json()).toEqual([]);
});
