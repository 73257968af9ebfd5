import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { e2eEnv, launchBrowser, login, newContext, screenshot, until, waitLive, watchErrors } from "./browser";
import { call, dispatch, install } from "./plugin-api";
import { dotsPlugin, rowsPlugin } from "./plugin-fixtures";

const env = e2eEnv();

describe("live SDUI updates: styles, bindings, toasts, resume", () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let ws = "";

  beforeAll(async () => {
    browser = await launchBrowser(env.chromePath);
    page = await (await newContext(browser, env.url)).newPage();
    errors = watchErrors(page);
    ws = await login(page, env.adminEmail, env.adminPassword);
    await install(env.url, env.token, ws, rowsPlugin("looks"));
    await dispatch(env.url, env.token, ws, "looks", "fill", { n: 20 });
    await install(env.url, env.token, ws, dotsPlugin("dotsb"));
    await page.reload();
    await page.locator('[data-plugin="looks"][data-component="table"] [data-key="r1"]').waitFor();
    await page.locator('[data-plugin="dotsb"][data-component="canvas"]').waitFor();
    await waitLive(page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("applies a plugin's new styles live, scoped to its panel", async () => {
    const r = await call(env.url, env.token, "POST", `/api/w/${ws}/dispatch`, { commands: [{ plugin: "looks", command: "set_styles", params: { css: ".sd-heading { color: rgb(200, 0, 0); }" } }] });
    expect(r.status).toBe(200);
    const color = (sel: string) => page.locator(sel).first().evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).color);
    await until(async () => (await color('[data-plugin="looks"] .sd-heading')) === "rgb(200, 0, 0)", "the looks heading to turn red");
    expect(await color('[data-plugin="pe"] .sd-heading')).not.toBe("rgb(200, 0, 0)");
  });

  it("uses new input bindings as soon as they change", async () => {
    const bindings = { click: { target: "background", command: "fill", params: { n: 3 } } };
    const r = await call(env.url, env.token, "POST", `/api/w/${ws}/dispatch`, { commands: [{ plugin: "dotsb", command: "set_input_bindings", params: { bindings } }] });
    expect(r.status).toBe(200);
    await page.waitForTimeout(500);
    const svg = page.locator('[data-plugin="dotsb"] svg.sd-canvas-svg');
    await svg.scrollIntoViewIfNeeded();
    const box = await svg.boundingBox();
    if (!box) throw new Error("no canvas");
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await until(async () => (await page.locator('[data-plugin="dotsb"] circle[data-id^="d"]').count()) === 3, "three dots from the new click binding");
  });

  it("shows toasts from handlers", async () => {
    await dispatch(env.url, env.token, ws, "looks", "hello", { message: "Hello from a handler" });
    await page.getByTestId("toast").filter({ hasText: "Hello from a handler" }).waitFor();
    await screenshot(page, "sdui-live-01-styles-toast");
  });

  it("resumes after a network drop without a reload", async () => {
    const marker = await page.evaluate("window.__marker = Math.random()");
    await page.context().setOffline(true);
    await page.locator('[data-testid="live-status"][data-connected="false"]').waitFor({ timeout: 30_000 });
    await dispatch(env.url, env.token, ws, "looks", "set_row", { i: 0, name: "changed while offline" });
    await page.context().setOffline(false);
    const row = page.locator('[data-plugin="looks"] [role="row"][data-key="r1"]');
    await until(async () => ((await row.textContent()) ?? "").includes("changed while offline"), "the missed change after reconnecting", { timeoutMs: 30_000 });
    expect(await page.evaluate("window.__marker")).toBe(marker);
  });

  it("logged no page errors", () => {
    expect(errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED") && !e.includes("EventSource"))).toEqual([]);
  });
});
