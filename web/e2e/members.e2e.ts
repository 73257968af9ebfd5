import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { e2eEnv, launchBrowser, login, newContext, screenshot, watchErrors } from "./browser";

const env = e2eEnv();
const run = Date.now().toString(36);
const teamName = `Team ${run}`;
const guestEmail = `guest-${run}@example.com`;
const guestName = `Grace ${run}`;

async function whoami(token: string): Promise<Response> {
  return fetch(`${env.url}/api/auth/whoami`, { headers: { authorization: `Bearer ${token}` } });
}

describe("workspaces, members and tokens", () => {
  let browser: Browser;
  let admin: BrowserContext;
  let page: Page;
  let errors: string[];
  let teamId = "";
  let inviteLink = "";

  beforeAll(async () => {
    browser = await launchBrowser(env.chromePath);
    admin = await newContext(browser, env.url);
    page = await admin.newPage();
    errors = watchErrors(page);
    await login(page, env.adminEmail, env.adminPassword);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("creates a workspace from the switcher and opens it", async () => {
    const before = new URL(page.url()).pathname;
    await page.getByTestId("workspace-switcher").click();
    await page.getByTestId("new-workspace-name").fill(teamName);
    await screenshot(page, "members-01-switcher");
    await page.getByTestId("new-workspace-submit").click();
    await page.waitForURL((url) => url.pathname !== before && /^\/w\/[^/]+$/.test(url.pathname));
    await page.getByTestId("plugin-area").waitFor();
    expect(await page.getByTestId("current-workspace").textContent()).toBe(teamName);
    teamId = decodeURIComponent(new URL(page.url()).pathname.split("/")[2] ?? "");
    await page.getByTestId("workspace-switcher").click();
    expect(await page.getByTestId("workspace-list").textContent()).toContain("Default");
    await page.keyboard.press("Escape");
  });

  it("invites a new person and shows the one-time accept link", async () => {
    await page.getByTestId("nav-members").click();
    await page.getByTestId("invite-email").fill(guestEmail);
    await page.getByTestId("invite-role").selectOption("member");
    await page.getByTestId("invite-submit").click();
    const link = page.getByTestId("invite-link");
    await link.waitFor();
    inviteLink = await link.inputValue();
    expect(inviteLink).toMatch(new RegExp(`^${env.url}/invite/.+`));
    expect(await page.getByTestId("invitations-table").textContent()).toContain(guestEmail);
    await screenshot(page, "members-02-invited");
  });

  it("lets the invited person accept, sign in and land in the workspace", async () => {
    const guest = await newContext(browser, env.url);
    const guestPage = await guest.newPage();
    await guestPage.goto(inviteLink);
    await guestPage.getByRole("heading", { name: `Join ${teamName}` }).waitFor();
    await guestPage.getByTestId("invite-name").fill(guestName);
    await guestPage.getByTestId("invite-password").fill(`pw-${run}-long-enough`);
    await screenshot(guestPage, "members-03-accept");
    await guestPage.getByTestId("invite-accept").click();
    await guestPage.waitForURL(`**/w/${teamId}`);
    expect(await guestPage.getByTestId("identity-name").textContent()).toBe(guestName);
    await guestPage.getByTestId("nav-tokens").click();
    await guestPage.getByTestId("tokens-not-allowed").waitFor();

    // The link works once.
    await guestPage.goto(inviteLink);
    await guestPage.getByTestId("invite-error").waitFor();
    expect(await guestPage.getByRole("heading").first().textContent()).toBe("This invitation cannot be used");
    await screenshot(guestPage, "members-03b-invite-used");
    await guest.close();
  });

  it("changes the new member's role and refuses to remove the last owner", async () => {
    await page.reload();
    const row = page.locator(`[data-testid^="member-row-"][data-email="${guestEmail}"]`);
    await row.waitFor();
    expect(await row.getAttribute("data-role")).toBe("member");
    await row.locator("select").selectOption("admin");
    await page.locator(`[data-testid^="member-row-"][data-email="${guestEmail}"][data-role="admin"]`).waitFor();

    const me = page.locator(`[data-testid^="member-row-"][data-email="${env.adminEmail}"]`);
    await me.getByRole("button", { name: "Leave workspace" }).click();
    await me.getByRole("button", { name: "Confirm" }).click();
    const error = page.getByTestId("members-error");
    await error.waitFor();
    expect(await error.textContent()).toContain("keep at least one owner");
    await screenshot(page, "members-04-last-owner");
  });

  it("removes a member", async () => {
    const row = page.locator(`[data-testid^="member-row-"][data-email="${guestEmail}"]`);
    await row.getByRole("button", { name: `Remove ${guestName}` }).click();
    await row.getByRole("button", { name: "Confirm" }).click();
    await row.waitFor({ state: "detached" });
    expect(await page.getByTestId("members-error").count()).toBe(0);
  });

  it("gives a viewer a read-only list; leaving the only workspace offers to create one", async () => {
    const viewerEmail = `viewer-${run}@example.com`;
    await page.getByTestId("invite-email").fill(viewerEmail);
    await page.getByTestId("invite-role").selectOption("viewer");
    await page.getByTestId("invite-submit").click();
    const link = await page.getByTestId("invite-link").inputValue();

    const viewer = await newContext(browser, env.url);
    const viewerPage = await viewer.newPage();
    const viewerErrors = watchErrors(viewerPage);
    await viewerPage.goto(link);
    await viewerPage.getByTestId("invite-name").fill(`Vera ${run}`);
    await viewerPage.getByTestId("invite-password").fill(`pw-${run}-viewer`);
    await viewerPage.getByTestId("invite-accept").click();
    await viewerPage.waitForURL(`**/w/${teamId}`);
    await viewerPage.getByTestId("nav-members").click();
    await viewerPage.getByTestId("members-table").waitFor();
    expect(await viewerPage.getByTestId("invite-member-form").count()).toBe(0);
    expect(await viewerPage.locator("[data-testid^=member-role-]:not([data-testid^=member-role-badge])").count()).toBe(0);
    await screenshot(viewerPage, "members-06-viewer");

    const me = viewerPage.locator(`[data-testid^="member-row-"][data-email="${viewerEmail}"]`);
    await me.getByRole("button", { name: "Leave workspace" }).click();
    await me.getByRole("button", { name: "Confirm" }).click();
    await viewerPage.getByTestId("first-workspace-form").waitFor();
    expect(new URL(viewerPage.url()).pathname).toBe("/");
    await screenshot(viewerPage, "members-07-first-workspace");

    await viewerPage.getByTestId("first-workspace-name").fill(`Solo ${run}`);
    await viewerPage.getByTestId("first-workspace-submit").click();
    await viewerPage.getByTestId("plugin-area").waitFor();
    expect(await viewerPage.getByTestId("current-workspace").textContent()).toBe(`Solo ${run}`);

    // A session that ends while the app is open leads back to the login, then to the same page.
    await viewer.clearCookies();
    await viewerPage.getByTestId("nav-members").click();
    await viewerPage.waitForURL(/\/login\?next=/);
    const next = new URL(viewerPage.url()).searchParams.get("next") ?? "";
    expect(next).toMatch(/^\/w\/[^/]+\/members$/);
    await viewerPage.getByTestId("login-email").fill(viewerEmail);
    await viewerPage.getByTestId("login-password").fill(`pw-${run}-viewer`);
    await viewerPage.getByTestId("login-submit").click();
    await viewerPage.waitForURL(`**${next}`);
    await viewerPage.getByTestId("members-table").waitFor();
    expect(viewerErrors).toEqual([]);
    await viewer.close();
  });

  it("keeps the page when switching workspaces", async () => {
    await page.getByTestId("workspace-switcher").click();
    await page.getByTestId("workspace-list").getByText("Default").click();
    await page.waitForURL(/\/w\/[^/]+\/members$/);
    expect(new URL(page.url()).pathname).not.toContain(teamId);
    expect(await page.getByTestId("current-workspace").textContent()).toBe("Default");
    await page.getByTestId("workspace-switcher").click();
    await page.getByTestId(`workspace-option-${teamId}`).click();
    await page.waitForURL(`**/w/${teamId}/members`);
  });

  it("issues a token for a new AI identity and revokes it", async () => {
    await page.getByTestId("nav-tokens").click();
    await page.getByTestId("token-name").fill(`bot ${run}`);
    await page.getByTestId("token-ai-toggle").check();
    await page.getByTestId("token-ai-name").fill(`Bot ${run}`);
    await page.getByTestId("token-create").click();
    await page.getByTestId("new-token-value").waitFor();
    const token = await page.getByTestId("new-token-value").inputValue();

    const res = await whoami(token);
    expect(res.status).toBe(200);
    const who = (await res.json()) as { identity: { name: string; type: string }; workspace: { id: string } };
    expect(who.identity).toMatchObject({ name: `Bot ${run}`, type: "ai" });
    expect(who.workspace.id).toBe(teamId);

    const row = page.locator(`tr[data-name="bot ${run}"]`);
    await row.getByRole("button", { name: `Revoke bot ${run}` }).click();
    await row.getByRole("button", { name: "Confirm" }).click();
    await row.getByText("revoked").waitFor();
    await screenshot(page, "members-05-token-revoked");
    expect((await whoami(token)).status).toBe(401);
  });

  it("raised no uncaught errors in the page", () => {
    expect(errors).toEqual([]);
  });
});
