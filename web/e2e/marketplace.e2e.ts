import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { e2eEnv, launchBrowser, login, newContext, screenshot, watchErrors } from "./browser";

const env = e2eEnv();
const run = Date.now().toString(36);
const slug = `e2e-echo-${run}`;
const CODE = `const inputs = JSON.parse(process.env.FRAMEOS_INPUTS || "{}");
console.log("starting " + inputs.text);
console.error("a warning on stderr");
console.log(JSON.stringify({ echo: inputs.text }));
`;

const manifest = {
  name: `Echo ${run}`,
  slug,
  version: "1.0.0",
  description: "Echoes the text it is given (e2e)",
  category: "developer",
  pricing: { model: "free", amount: 0, currency: "INR" },
  runtime: { language: "nodejs", entry: "index.js", timeout_ms: 20000, memory_mb: 128 },
  inputs: { type: "object", properties: { text: { type: "string" } }, required: ["text"] },
  outputs: { type: "object", properties: { echo: { type: "string" } } },
  config: { type: "object" },
  examples: [{ inputs: { text: "hello from the browser" } }],
};

describe("marketplace", () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let ws = "";

  beforeAll(async () => {
    browser = await launchBrowser(env.chromePath);
    page = await (await newContext(browser, env.url)).newPage();
    errors = watchErrors(page);
    ws = await login(page, env.adminEmail, env.adminPassword);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("registers as a developer and publishes an agent that waits for review", async () => {
    await page.getByTestId("nav-marketplace").click();
    await page.waitForURL(`**/w/${ws}/marketplace`);
    await page.getByTestId("market-nav-publish").click();
    const name = page.getByTestId("developer-name");
    await name.waitFor();
    await name.fill("E2E Developer");
    await page.getByTestId("developer-register").click();
    await page.getByTestId("publish-manifest").waitFor();
    await page.getByTestId("publish-manifest").fill(JSON.stringify(manifest, null, 2));
    await page.getByTestId("publish-code").setInputFiles({ name: "index.js", mimeType: "text/javascript", buffer: Buffer.from(CODE) });
    await page.getByTestId("publish-submit").click();
    await page.getByTestId("publish-result").waitFor();
    expect(await page.getByTestId("publish-status").textContent()).toBe("pending_review");
    await screenshot(page, "marketplace-01-published");
  });

  it("finds the approved agent in the catalog, deploys it, runs it and watches the live log", async () => {
    // The signed-in admin owns the platform workspace, so it reviews on the agent's page.
    await page.getByRole("link", { name: slug }).click();
    await page.getByTestId("review-panel").waitFor();
    await page.getByTestId("review-approve").click();
    await page.locator('[data-testid="agent-status"]', { hasText: "approved" }).waitFor();

    await page.getByTestId("market-nav-catalog").click();
    await page.getByTestId("market-search").fill(`echo ${run}`);
    await page.getByTestId("market-search-go").click();
    await page.getByTestId(`market-agent-${slug}`).click();
    await page.getByTestId("deploy").click();
    await page.getByTestId("deployment-id").waitFor();
    await screenshot(page, "marketplace-02-agent");
    await page.getByTestId("run").click();
    await page.waitForURL(/\/marketplace\/executions\/exe_/);
    await page.getByText('{"echo":"hello from the browser"}').first().waitFor({ timeout: 45_000 });
    await page.locator('[data-testid="execution-status"]', { hasText: "success" }).waitFor({ timeout: 45_000 });
    expect(await page.getByTestId("execution-log").textContent()).toContain("starting hello from the browser");
    expect(await page.getByTestId("execution-outputs").textContent()).toContain("hello from the browser");
    await screenshot(page, "marketplace-03-execution");

    await page.getByTestId("market-nav-deployments").click();
    await page.getByTestId("deployments").waitFor();
    expect(await page.getByTestId("deployments").textContent()).toContain(manifest.name);
    await page.getByTestId("market-nav-analytics").click();
    await page.getByTestId("analytics").waitFor();
    expect(await page.getByTestId("analytics").textContent()).toContain(slug);
    await screenshot(page, "marketplace-04-analytics");
    expect(errors).toEqual([]);
  });

  it("suspends the agent from its page and reinstates it (platform admin)", async () => {
    await page.getByTestId("market-nav-catalog").click();
    await page.getByTestId("market-search").fill(`echo ${run}`);
    await page.getByTestId("market-search-go").click();
    await page.getByTestId(`market-agent-${slug}`).click();
    await page.getByTestId("suspension-panel").waitFor();
    expect(await page.getByTestId("agent-suspend").isDisabled()).toBe(true); // a reason is required
    await page.getByTestId("suspension-reason").fill("checked by e2e");
    await page.getByTestId("agent-suspend").click();
    await page.locator('[data-testid="agent-status"]', { hasText: "suspended" }).waitFor();
    expect(await page.getByTestId("deploy").count()).toBe(0);
    expect(await page.textContent("body")).toContain("suspended by the platform");
    await screenshot(page, "marketplace-05-suspended");
    await page.getByTestId("agent-reinstate").click();
    await page.locator('[data-testid="agent-status"]', { hasText: "approved" }).waitFor();
    await page.getByTestId("deploy").waitFor();
    expect(errors).toEqual([]);
  });
});
