import { expect, test } from "@playwright/test";
import { answerConfirmation } from "./dialogs";

const header = "name,role,company,industry,location,linkedin_bio";

// These tests share the owner's workspace with specs that expect it empty at their start (the
// journey begins with "No leads yet"): whatever they create goes again, even when one fails.
const uploads: number[] = [];
const offers: number[] = [];
test.afterEach(async ({ request }) => {
  for (const id of uploads.splice(0)) await request.delete(`/uploads/${id}/`);
  for (const id of offers.splice(0)) await request.delete(`/product/offer/${id}/`);
});

test("edits an offer and rescores its leads, and deletes an offer only after confirming what goes", async ({ page, request }) => {
  const stamp = Date.now();
  const name = `Edited offer ${stamp}`;
  const created = await request.post("/product/offer/", { data: { name, value_props: ["6x more meetings"], ideal_use_cases: ["B2B SaaS sales teams"] } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: number };
  offers.push(id);
  const upload = await request.post("/leads/upload/", {
    multipart: { csv_file: { name: `edit-${stamp}.csv`, mimeType: "text/csv", buffer: Buffer.from(`${header}\nEdda Edit${stamp},CEO,Editco,SaaS,Berlin,\n`) } },
  });
  expect(upload.status()).toBe(201);
  uploads.push(((await upload.json()) as { upload_id: number }).upload_id);
  expect((await request.post("/score/", { data: { offer_id: id } })).status()).toBe(200);
  const lead = async () => ((await (await request.get(`/results/?offer_id=${id}&q=Edda Edit${stamp}`)).json()) as { stale: boolean | null; score: number | null }[])[0];
  expect((await lead())?.stale).toBe(false);

  await page.goto("/offers");
  await page.getByRole("link", { name: `Edit ${name} (#${id})` }).click();
  await expect(page.getByLabel("Offer name")).toHaveValue(name);
  await page.getByLabel("Offer name").fill(`${name} v2`);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(`Saved “${name} v2”.`)).toBeVisible();
  expect((await lead())?.stale).toBe(true);

  await page.getByRole("button", { name: "Rescore leads now" }).click();
  await expect(page.getByText(/^Scoring run #\d+ started/)).toBeVisible();
  await expect.poll(async () => (await lead())?.stale, { timeout: 30_000 }).toBe(false);
  await page.getByRole("link", { name: "Back to offers" }).click();

  const card = page.getByRole("list", { name: "Offers" }).getByRole("listitem").filter({ hasText: `${name} v2` });
  const deleteButton = card.getByRole("button", { name: `Delete ${name} v2 (#${id})` });
  // Dismissed: nothing goes.
  expect(await answerConfirmation(page, () => deleteButton.click(), "dismiss")).toBe(
    `Delete the offer “${name} v2” (#${id})? Its 1 score will be deleted for good. Your leads stay.`,
  );
  await expect(card).toBeVisible();
  expect((await request.get(`/product/offer/${id}/`)).status()).toBe(200);

  await answerConfirmation(page, () => deleteButton.click(), "accept");
  await expect(card).toHaveCount(0);
  expect((await request.get(`/product/offer/${id}/`)).status()).toBe(404);
  expect(await (await request.get(`/results/?q=Edda Edit${stamp}`)).json()).toHaveLength(1);
});

test("deletes a lead from its details only after confirming what goes", async ({ page, request }) => {
  const person = `Erin Erasure${Date.now()}`;
  const upload = await request.post("/leads/upload/", {
    multipart: { csv_file: { name: "erasure.csv", mimeType: "text/csv", buffer: Buffer.from(`${header}\n${person},CTO,Eraseco,SaaS,Oslo,private bio\n`) } },
  });
  expect(upload.status()).toBe(201);
  uploads.push(((await upload.json()) as { upload_id: number }).upload_id);
  const found = async () => (await (await request.get(`/results/?q=${encodeURIComponent(person)}`)).json()) as { id: number }[];
  const [{ id }] = (await found()) as [{ id: number }];

  await page.goto(`/?q=${encodeURIComponent(person)}`);
  await page.getByRole("button", { name: `Details for ${person}` }).first().click();
  const details = page.getByRole("dialog", { name: person });
  await expect(details).toBeVisible();
  const message = `Delete ${person} (lead #${id})? The lead, its details and its scores against every offer will be deleted for good.`;

  const deleteLead = () => details.getByRole("button", { name: "Delete lead" }).click();
  expect(await answerConfirmation(page, deleteLead, "dismiss")).toBe(message);
  await expect(details).toBeVisible();
  expect(await found()).toHaveLength(1);

  await answerConfirmation(page, deleteLead, "accept");
  await expect(details).toBeHidden();
  await expect(page.getByRole("button", { name: `Details for ${person}` })).toHaveCount(0);
  expect(await found()).toEqual([]);
});
