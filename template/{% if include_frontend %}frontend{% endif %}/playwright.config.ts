import { defineConfig, devices } from "@playwright/test";

// The backend serving the built frontend; `python -m harness.frontend e2e` starts one and sets this.
const baseURL = process.env.E2E_BASE_URL ?? "http://127.0.0.1:8000";
// A system Chromium (e.g. Debian's /usr/bin/chromium) instead of Playwright's own download.
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;

export default defineConfig({
  testDir: "e2e",
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 1,
  reporter: "list",
  timeout: 30_000,
  // Generous on purpose: CI machines are often busy, and a passing check returns at once.
  expect: { timeout: 10_000 },
  use: { baseURL, trace: "retain-on-failure" },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: executablePath
          ? {
              executablePath,
              args: [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
              ],
            }
          : {},
      },
    },
  ],
});
