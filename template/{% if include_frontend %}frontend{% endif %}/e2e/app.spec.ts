import { expect, test } from "@playwright/test";

test("the page loads under the strict Content-Security-Policy without a violation", async ({
  page,
}) => {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") {
      problems.push(message.text());
    }
  });
  page.on("pageerror", (error) => problems.push(error.message));

  const response = await page.goto("/");

  expect(response?.status()).toBe(200);
  const policy = response?.headers()["content-security-policy"] ?? "";
  expect(policy).toContain("script-src 'self'");
  expect(policy).toContain("style-src 'self'");
  expect(policy).toContain("object-src 'none'");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "Service health" })).toContainText("OK");
  // A blocked inline script or style, or a missing asset, shows up as a console error.
  expect(problems).toEqual([]);
});

test("the health panel shows the backend's version and readiness", async ({ page }) => {
  const health = await (await page.request.get("/api/v1/health")).json() as { version: string };

  await page.goto("/");

  const panel = page.getByRole("region", { name: "Service health" });
  await expect(panel).toContainText(health.version);
  await expect(panel).toContainText("Ready");
  await panel.getByRole("button", { name: "Check again" }).click();
  await expect(panel).toContainText("OK");
});
