import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { answerConfirmation } from "./dialogs";

// A receiver on 127.0.0.1 (the app server runs with WEBHOOK_ALLOW_PRIVATE=true).
let server: Server;
let receiverUrl: string;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];

test.beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});

test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test("adds an endpoint, sends a signed test event and sees it delivered in the log", async ({ page }) => {
  await page.goto("/settings/webhooks");
  await expect(page.getByRole("link", { name: "Webhooks" })).toHaveAttribute("aria-current", "page");

  // The form checks with the API's own schema before sending.
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByText("url must not be empty")).toBeVisible();

  await page.getByLabel("Endpoint URL").fill(receiverUrl);
  await page.getByLabel("Description (optional)").fill("E2E receiver");
  await page.getByRole("checkbox", { name: /lead\.scored/ }).uncheck();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const secret = await page.getByLabel("Signing secret").inputValue();
  expect(secret).toMatch(/^whsec_/);

  const endpoint = page.getByRole("listitem").filter({ hasText: receiverUrl });
  await expect(endpoint).toContainText("E2E receiver · run.completed, run.failed · On");
  await endpoint.getByRole("button", { name: "Send test event" }).click();
  await expect(endpoint.getByText(/^Test event delivered: 200 in \d+ ms\.$/)).toBeVisible();

  // What arrived is signed with the secret shown once.
  expect(received).toHaveLength(1);
  const { headers, body } = received[0]!;
  const payload = new Webhook(secret).verify(body, {
    "webhook-id": String(headers["webhook-id"]),
    "webhook-timestamp": String(headers["webhook-timestamp"]),
    "webhook-signature": String(headers["webhook-signature"]),
  });
  expect(payload).toMatchObject({ type: "webhook.test", version: 1 });

  await endpoint.getByRole("button", { name: "Delivery log" }).click();
  const log = endpoint.getByRole("table");
  await expect(log.getByRole("caption")).toHaveText("Delivery log: the latest 1 of 1 delivery");
  const row = log.getByRole("row").filter({ hasText: "webhook.test" });
  await expect(row).toContainText("delivered");
  await expect(row.getByRole("cell").nth(2)).toHaveText("200");
  await expect(row.getByRole("cell").nth(4)).toHaveText("1");

  const scan = await new AxeBuilder({ page }).analyze();
  expect(scan.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical").map((violation) => violation.id)).toEqual([]);

  // Turned off, then deleted after confirming.
  await endpoint.getByRole("button", { name: "Turn off" }).click();
  await expect(endpoint).toContainText("· Off");
  await answerConfirmation(page, () => endpoint.getByRole("button", { name: "Delete" }).click(), "accept");
  await expect(endpoint).toHaveCount(0);
  await expect(page.getByText("No webhook endpoints yet")).toBeVisible();
});
