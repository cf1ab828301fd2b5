import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { answerConfirmation } from "./dialogs";
import { RUNS_OWNER } from "./accounts";
import { RUNS_APP_URL } from "./ports";
import { signIn } from "./sign-in";

// On the long-runs server: a fake Gemini slow enough (playwright.config.ts) that 2,000 leads take a
// while, so a page can be reloaded, and a run cancelled, part-way. Its owner and key come from
// headless initialization; the runs here are started through the UI and through the API.
test.describe.configure({ mode: "serial" });
test.use({ baseURL: RUNS_APP_URL, storageState: { cookies: [], origins: [] } });
const asOwner = { authorization: `Bearer ${RUNS_OWNER.apiKey}` };
const LEADS = 2_000;

type Run = { id: number; status: string; done: number; total: number };

function leadsCsv(count: number): string {
  const roles = ["VP of Sales", "Sales Manager", "Software Engineer", "Founder & CEO", "Marketing Lead"];
  const rows = Array.from({ length: count }, (_, i) => `Lead ${i + 1},${roles[i % roles.length]},Company ${i + 1},Software,Berlin,Works on growth at company ${i + 1}.`);
  return `name,role,company,industry,location,linkedin_bio\n${rows.join("\n")}\n`;
}

/** Each offer pitches something of its own: judgements are cached by what an offer says, and a cached run is quick. */
async function createOffer(request: APIRequestContext, name: string): Promise<number> {
  const response = await request.post("/product/offer/", {
    headers: asOwner,
    data: { name, value_props: [`${name}: books meetings around the clock`], ideal_use_cases: [`B2B sales teams that need ${name}`] },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: number }).id;
}

async function getRun(request: APIRequestContext, id: number): Promise<Run> {
  const response = await request.get(`/runs/${id}/`, { headers: asOwner });
  expect(response.status()).toBe(200);
  return (await response.json()) as Run;
}

/** Leads with a score against the offer, from the results API's X-Total-Count. */
async function scoredCount(request: APIRequestContext, offerId: number): Promise<number> {
  const response = await request.get(`/results/?offer_id=${offerId}&intent=High,Medium,Low&limit=1`, { headers: asOwner });
  expect(response.status()).toBe(200);
  return Number(response.headers()["x-total-count"]);
}

const progressOf = async (page: Page, name: string) => Number(await page.getByRole("progressbar", { name }).getAttribute("aria-valuenow"));

test.beforeAll(async ({ request }) => {
  const upload = await request.post("/leads/upload/", {
    headers: asOwner,
    multipart: { csv_file: { name: "two-thousand.csv", mimeType: "text/csv", buffer: Buffer.from(leadsCsv(LEADS)) } },
  });
  expect(upload.status()).toBe(201);
});

test("a run of 2,000 leads keeps going through reloads of the results and Runs pages, to the end", async ({ page, request }) => {
  test.setTimeout(180_000);
  const offerId = await createOffer(request, "Overnight outreach");
  await signIn(page, RUNS_OWNER);
  await page.goto(`/?offer=${offerId}`);
  await expect(page.getByText("2,000 leads uploaded.")).toBeVisible();
  await page.getByRole("button", { name: "Score leads" }).click();
  await expect(page.getByRole("button", { name: "Scoring…" })).toBeDisabled();
  const bar = page.getByRole("progressbar", { name: "Scoring progress" });
  await expect(bar).toHaveAttribute("aria-valuemax", String(LEADS));
  await expect.poll(() => progressOf(page, "Scoring progress")).toBeGreaterThan(0);
  const beforeReload = await progressOf(page, "Scoring progress");
  expect(beforeReload, "the run is still going when the page reloads").toBeLessThan(LEADS);

  // The results page, reloaded, finds the run in GET /runs/ and follows it again.
  await page.reload();
  await expect(page.getByRole("button", { name: "Scoring…" })).toBeDisabled();
  await expect.poll(() => progressOf(page, "Scoring progress")).toBeGreaterThan(beforeReload);

  // So does the Runs page, reloaded too.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Runs", exact: true }).click();
  await expect(page).toHaveURL(/\/scoring$/);
  const card = page.getByRole("list", { name: "Current runs" }).getByRole("listitem").filter({ hasText: "Overnight outreach" });
  await expect(card).toHaveCount(1);
  const runId = Number((await card.getByRole("heading").textContent())!.match(/#(\d+)/)![1]);
  const progressName = `Run #${runId} progress`;
  const onRunsPage = await progressOf(page, progressName);
  expect(onRunsPage, "the run is still going when the Runs page reloads").toBeLessThan(LEADS);
  await page.reload();
  await expect.poll(() => progressOf(page, progressName)).toBeGreaterThan(onRunsPage);
  await expect(card.getByText(/^Running$/)).toBeVisible();

  await expect(card.getByText("Succeeded", { exact: true })).toBeVisible({ timeout: 120_000 });
  await expect(card.getByText("2,000 / 2,000 scored")).toBeVisible();
  await expect(page.getByRole("progressbar", { name: progressName })).toHaveAttribute("aria-valuenow", String(LEADS));
  await expect(card.getByRole("button", { name: `Cancel run #${runId}` })).toHaveCount(0);
  const row = page.getByRole("table", { name: "Run history" }).getByRole("row").filter({ hasText: `#${runId}` });
  await expect(row).toContainText("Succeeded");
  await expect(row).toContainText("2,000 / 2,000");
  await expect(row).toContainText("gemini-e2e");
  await expect(row).toContainText("Interactive");

  const run = await getRun(request, runId);
  expect(run).toMatchObject({ status: "succeeded", done: LEADS, total: LEADS });
  expect(await scoredCount(request, offerId)).toBe(LEADS);
});

test("cancelling a run mid-way stops it and keeps the leads it scored", async ({ page, request }) => {
  test.setTimeout(120_000);
  const offerId = await createOffer(request, "Cancelled campaign");
  const started = await request.post("/runs/", { headers: asOwner, data: { offer_id: offerId } });
  expect(started.status()).toBe(202);
  const { id } = (await started.json()) as Run;

  await signIn(page, RUNS_OWNER);
  await page.goto("/scoring");
  const card = page.getByRole("list", { name: "Current runs" }).getByRole("listitem").filter({ hasText: `Run #${id}` });
  await expect.poll(() => progressOf(page, `Run #${id} progress`)).toBeGreaterThanOrEqual(100);

  // Dismissing the confirmation changes nothing.
  const cancel = () => card.getByRole("button", { name: `Cancel run #${id}` }).click();
  await answerConfirmation(page, cancel, "dismiss");
  await expect(card.getByText(/^Running$/)).toBeVisible();

  expect(await answerConfirmation(page, cancel, "accept")).toContain(`Cancel run #${id}`);
  await expect(card.getByText("Cancelled", { exact: true })).toBeVisible();
  await expect(card.getByRole("button", { name: `Cancel run #${id}` })).toHaveCount(0);
  await expect(page.getByRole("table", { name: "Run history" }).getByRole("row").filter({ hasText: `#${id}` })).toContainText("Cancelled");

  // Batches already sent when it was cancelled are saved; then nothing more is scored for it.
  let last = -1;
  await expect
    .poll(
      async () => {
        const now = await scoredCount(request, offerId);
        const settled = now === last;
        last = now;
        return settled;
      },
      { intervals: [1_500] },
    )
    .toBe(true);
  const run = await getRun(request, id);
  expect(run.status).toBe("cancelled");
  expect(run.done).toBeGreaterThan(0);
  expect(run.done).toBeLessThan(run.total);
  expect(run.total).toBe(LEADS);
  // Every lead the run scored keeps its score.
  expect(last).toBe(run.done);
});
