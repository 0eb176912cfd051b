// Playwright configuration for the end-to-end tests of the built site.
// `make e2e` (part of `make test`) copies dist/ into E2E_SITE/E2E_PATH and runs
// this; the static server is Python's http.server on 127.0.0.1.
import { defineConfig } from "@playwright/test";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const port = Number(process.env.E2E_PORT || 18181);
const site = process.env.E2E_SITE || "target/e2e-site";
const sitePath = process.env.E2E_PATH || "course/explorer/";

export default defineConfig({
  testDir: ".",
  testMatch: "*.spec.mjs",
  outputDir: path.join(root, "target/playwright/results"),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}/${sitePath}`,
    browserName: "chromium",
    headless: true,
    // Debian's Chromium: no browser download (`npx playwright install` is never needed).
    launchOptions: { executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium" },
    viewport: { width: 1280, height: 900 },
    trace: "off",
    screenshot: "only-on-failure",
  },
  webServer: {
    command: `python3 -m http.server ${port} --bind 127.0.0.1 --directory ${site}`,
    cwd: root,
    url: `http://127.0.0.1:${port}/${sitePath}`,
    reuseExistingServer: false,
    timeout: 20_000,
    stdout: "ignore",
    stderr: "ignore",
  },
});
