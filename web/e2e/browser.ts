/**
 * Shared helpers for the browser end-to-end tests: environment, Chromium, screenshots.
 * The tests run under vitest in Node against a live platform started by `scripts/e2e.ts`.
 */
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import type { Browser, BrowserContext, Page } from "playwright-core";

/** Repository-root folder for screenshots (ignored by git, kept as a CI artifact). */
export const RESULTS_DIR = resolve(import.meta.dirname, "..", "..", "test-results");

/** Flags for Chromium in a container on a closed network (root, no GPU, no calls home). */
export const CHROMIUM_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface E2eEnv {
  url: string;
  adminEmail: string;
  adminPassword: string;
  token: string;
  chromePath: string;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the browser tests through \`node --import tsx scripts/e2e.ts\``);
  return value;
}

/** The live platform the tests talk to, from the variables `scripts/e2e.ts` sets. */
export function e2eEnv(): E2eEnv {
  return {
    url: required("FRAMEOS_URL").replace(/\/+$/, ""),
    adminEmail: required("FRAMEOS_ADMIN_EMAIL"),
    adminPassword: required("FRAMEOS_ADMIN_PASSWORD"),
    token: process.env.FRAMEOS_TOKEN ?? "",
    chromePath: required("CHROME_PATH"),
  };
}

/** Launches headless Chromium from `CHROME_PATH`. */
export async function launchBrowser(chromePath: string = e2eEnv().chromePath): Promise<Browser> {
  return chromium.launch({ executablePath: chromePath, headless: true, args: CHROMIUM_ARGS });
}

/** A fresh context (own cookies) with a desktop viewport and the base URL set. */
export async function newContext(browser: Browser, baseURL: string, colorScheme: "light" | "dark" = "light"): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 }, colorScheme });
  context.setDefaultTimeout(15_000);
  // wrangler dev reloads the Worker when watched files change; give navigations room for that.
  context.setDefaultNavigationTimeout(30_000);
  return context;
}

/** Saves a full-page PNG as `test-results/<name>.png` and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name.replace(/[^a-z0-9._-]+/gi, "-")}.png`);
  // A sticky header would be painted mid-page in a full-page shot taken while scrolled.
  await page.evaluate("window.scrollTo(0, 0)");
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Collects uncaught page errors and console errors, to assert a clean run. Chromium's own
 * "Failed to load resource" lines are left out: expected API errors (401, 409) log them.
 */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) errors.push(`console: ${message.text()}`);
  });
  return errors;
}

/** Signs in through the login form and waits for the workspace page. */
export async function login(page: Page, email: string, password: string): Promise<string> {
  await page.goto("/login");
  await page.getByTestId("login-email").fill(email);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  await page.waitForURL(/\/w\/[^/]+$/);
  const match = /\/w\/([^/]+)$/.exec(new URL(page.url()).pathname);
  if (!match?.[1]) throw new Error(`no workspace in ${page.url()}`);
  return decodeURIComponent(match[1]);
}

/** The pages follow the workspace stream (after a reload, or wrangler dev reloading the Worker and dropping it). */
export async function waitLive(...pages: Page[]): Promise<void> {
  for (const p of pages) await p.locator('[data-testid="live-status"][data-connected="true"]').waitFor({ timeout: 30_000 });
}

/** How `until` polls: how long, how often, and what a failed check means. */
export interface UntilOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Treat a throwing check as "not yet" (e.g. wrangler dev reloading the Worker drops a request). */
  retryErrors?: boolean;
  /** Appended to the timeout message: what the check last saw. */
  lastSeen?: () => string;
}

/** Polls `check` until it returns a truthy value, and returns that value; throws naming `what` after the timeout. */
export async function until<T>(check: () => Promise<T | null | undefined | false>, what: string, options: UntilOptions = {}): Promise<T> {
  const { timeoutMs = 15_000, intervalMs = 100, retryErrors = false, lastSeen } = options;
  const end = Date.now() + timeoutMs;
  let error = "";
  for (;;) {
    let got: T | null | undefined | false;
    try {
      got = await check();
    } catch (e) {
      if (!retryErrors) throw e;
      error = String(e);
      got = null;
    }
    if (got) return got;
    if (Date.now() > end) {
      const last = error || lastSeen?.() || "";
      throw new Error(`timed out waiting for ${what}${last ? ` (last: ${last.slice(0, 300)})` : ""}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
