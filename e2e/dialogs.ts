import type { Page } from "@playwright/test";

/**
 * Clicks, answers the one confirmation the click opens, and says what it asked. Some confirmations
 * come after a request the click starts (a delete first asks what it takes), so the dialog can
 * open after the click returns; a listener left behind would also catch the next one.
 */
export async function answerConfirmation(page: Page, click: () => Promise<void>, answer: "accept" | "dismiss"): Promise<string> {
  const opened = page.waitForEvent("dialog");
  // A dialog opened during the click holds the click until it is answered.
  const clicked = click();
  // A click that fails fails at once, rather than after waiting out the dialog's timeout.
  const dialog = await Promise.race([opened, clicked.then(() => opened)]);
  await dialog[answer]();
  await clicked;
  return dialog.message();
}
