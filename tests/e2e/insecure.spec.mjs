// The app opened on a plain-http address that is not localhost (a school intranet, a LAN
// address): the browser gives such a page no `navigator.clipboard`. Chromium maps a name to
// loopback (--host-resolver-rules), so the same built site is served on a non-secure origin.
// The copy buttons must fall back to selecting the text and saying so, with no page error.
import { test, expect } from "@playwright/test";

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--host-resolver-rules=MAP insecure.test 127.0.0.1"],
  },
});

test("on a non-secure origin the copy buttons select the text and say so, without an error", async ({ page, baseURL }) => {
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  const url = baseURL.replace("127.0.0.1", "insecure.test");
  await page.goto(`${url}?step=causality&mdp=discount-trap`);
  await expect(page.getByTestId("step-card")).toBeVisible();
  expect(await page.evaluate(() => [window.isSecureContext, typeof navigator.clipboard])).toEqual([false, "undefined"]);

  for (const [button, field, what] of [
    ["copy-link", "share-link", "link"],
    ["copy-embed", "embed-code", "embed code"],
  ]) {
    await page.getByTestId(button).click();
    const status = page.getByTestId("copy-status");
    await expect(status).toHaveText(new RegExp(`Copied the ${what}\\.|the ${what} is selected`));
    // Either way the text is selected in its field, ready for Ctrl+C.
    const selection = await page.evaluate((id) => {
      const el = document.activeElement;
      return { id: el?.dataset.testid, whole: el?.selectionStart === 0 && el?.selectionEnd === el?.value.length, length: el?.value.length };
    }, field);
    expect(selection).toEqual({ id: field, whole: true, length: expect.any(Number) });
    expect(selection.length).toBeGreaterThan(20);
  }
  await expect(page.locator('[data-testid="crash"]')).toHaveCount(0);
  expect(problems).toEqual([]);
});
