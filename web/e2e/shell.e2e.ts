import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { e2eEnv, launchBrowser, login, newContext, screenshot, watchErrors } from "./browser";

const env = e2eEnv();
const run = Date.now().toString(36);

describe("web shell", () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let workspaceId = "";

  beforeAll(async () => {
    browser = await launchBrowser(env.chromePath);
    context = await newContext(browser, env.url);
    page = await context.newPage();
    errors = watchErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("renders the login page", async () => {
    await page.goto("/login");
    await expect(page.getByRole("heading", { name: "Sign in to FrameOS" }).isVisible()).resolves.toBe(true);
    await expect(page.getByLabel("Email").isVisible()).resolves.toBe(true);
    await expect(page.getByLabel("Password").isVisible()).resolves.toBe(true);
    await screenshot(page, "shell-01-login");
  });

  it("shows the API's error for a wrong password", async () => {
    await page.getByTestId("login-email").fill(env.adminEmail);
    await page.getByTestId("login-password").fill("not-the-password");
    await page.getByTestId("login-submit").click();
    const alert = page.getByTestId("login-error");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("invalid_credentials");
    expect(new URL(page.url()).pathname).toBe("/login");
  });

  it("signs the admin in and opens the workspace with the first-party plugins' panels", async () => {
    workspaceId = await login(page, env.adminEmail, env.adminPassword);
    const area = page.getByTestId("plugin-area");
    await area.waitFor();
    await page.getByTestId("panel-graphist").locator("svg.sd-canvas-svg").waitFor();
    expect(await page.getByTestId("identity-name").textContent()).toBe("Admin");
    expect(await page.title()).toBe("Plugins · Default · FrameOS");
    await screenshot(page, "shell-02-workspace");
  });

  it("creates a token in the UI whose one-time value works as a bearer token", async () => {
    await page.getByTestId("nav-tokens").click();
    await page.waitForURL(`**/w/${workspaceId}/tokens`);
    await page.getByTestId("token-name").fill(`e2e ${run}`);
    await page.getByTestId("token-scope-write").check();
    await page.getByTestId("token-expiry").fill("7");
    await page.getByTestId("token-create").click();

    const value = page.getByTestId("new-token-value");
    await value.waitFor();
    const token = await value.inputValue();
    expect(token.length).toBeGreaterThan(20);
    expect(await page.getByTestId("new-token-warning").textContent()).toContain("will not be shown again");
    await page.locator(`tr[data-name="e2e ${run}"]`).waitFor();
    await screenshot(page, "shell-03-token-created");

    const res = await fetch(`${env.url}/api/auth/whoami`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const who = (await res.json()) as { identity: { name: string; email?: string; type: string }; workspace: { id: string } | null };
    expect(who.identity).toMatchObject({ name: "Admin", email: env.adminEmail, type: "human" });
    expect(who.workspace?.id).toBe(workspaceId);

    // Once dismissed, the secret is gone from the page.
    await page.getByTestId("new-token-dismiss").click();
    expect(await page.getByTestId("new-token-value").count()).toBe(0);
    expect(await page.content()).not.toContain(token);
  });

  it("lists the admin as owner on the members page", async () => {
    await page.getByTestId("nav-members").click();
    await page.waitForURL(`**/w/${workspaceId}/members`);
    const row = page.locator(`[data-testid^="member-row-"][data-email="${env.adminEmail}"]`);
    await row.waitFor();
    expect(await row.getAttribute("data-role")).toBe("owner");
    expect(await row.textContent()).toContain("Admin");
    await screenshot(page, "shell-04-members");
  });

  it("fits a phone screen without sideways scrolling", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId("members-table").waitFor();
    const overflow = await page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth");
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "shell-05-phone-members");
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("renders the shell in the dark theme", async () => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.getByTestId("nav-tokens").click();
    await page.getByTestId("tokens-table").waitFor();
    const background = await page.evaluate<string>("getComputedStyle(document.body).backgroundColor");
    expect(background).toBe("rgb(14, 17, 23)");
    await screenshot(page, "shell-06-dark-tokens");
    await page.emulateMedia({ colorScheme: "light" });
  });

  it("shows a friendly page for an unknown route", async () => {
    await page.goto("/no/such/page");
    await page.getByTestId("not-found").waitFor();
    expect(await page.getByRole("heading", { name: "Page not found" }).isVisible()).toBe(true);
    await screenshot(page, "shell-07-not-found");
  });

  it("logs out and sends protected pages back to the login", async () => {
    await page.goto(`/w/${workspaceId}`);
    await page.getByTestId("logout").click();
    await page.waitForURL("**/login");
    await page.goto(`/w/${workspaceId}/tokens`);
    await page.waitForURL(/\/login\?next=/);
    expect(new URL(page.url()).searchParams.get("next")).toBe(`/w/${workspaceId}/tokens`);
  });

  it("raised no uncaught errors in the page", () => {
    expect(errors).toEqual([]);
  });
});
