import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { e2eEnv, launchBrowser, login, newContext, screenshot, until, waitLive, watchErrors } from "./browser";
import { call, dispatch, install } from "./plugin-api";
import { rowsPlugin } from "./plugin-fixtures";

const env = e2eEnv();

const nodes = (page: Page): Locator => page.locator('[data-testid="panel-graphist"] circle[data-id^="node-"]');
const canvas = (page: Page): Locator => page.locator('[data-testid="panel-graphist"] svg.sd-canvas-svg');

async function clickCanvasAt(page: Page, fx: number, fy: number): Promise<void> {
  await canvas(page).scrollIntoViewIfNeeded();
  const box = await canvas(page).boundingBox();
  if (!box) throw new Error("no canvas");
  await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
}

describe("Graphist in the browser", () => {
  let browser: Browser;
  let a: BrowserContext;
  let b: BrowserContext;
  let pageA: Page;
  let pageB: Page;
  let errors: string[];
  let ws = "";

  beforeAll(async () => {
    browser = await launchBrowser(env.chromePath);
    a = await newContext(browser, env.url);
    b = await newContext(browser, env.url, "dark");
    pageA = await a.newPage();
    pageB = await b.newPage();
    errors = watchErrors(pageA);
    ws = await login(pageA, env.adminEmail, env.adminPassword);
    await login(pageB, env.adminEmail, env.adminPassword);
    await canvas(pageA).waitFor();
    await canvas(pageB).waitFor();
    await waitLive(pageA, pageB);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("renders every installed plugin's panel with data attributes", async () => {
    await pageA.getByTestId("panel-pe").waitFor();
    const split = pageA.locator('[data-plugin="graphist"][data-component="split-pane"][data-id="graphist"]');
    expect(await split.count()).toBe(1);
    expect(await pageA.locator('[data-plugin="graphist"][data-component="canvas"][data-role="graph-canvas"][data-id="graph"]').count()).toBe(1);
    expect(await pageA.locator('[data-plugin="graphist"][data-component="list"][data-role="node-list"]').count()).toBe(1);
  });

  it("adds a node when the empty canvas is clicked, in both browsers", async () => {
    await waitLive(pageA, pageB);
    const before = await nodes(pageA).count();
    await clickCanvasAt(pageA, 0.3, 0.3);
    await until(async () => (await nodes(pageA).count()) === before + 1, "a new node in browser A");
    await until(async () => (await nodes(pageB).count()) === before + 1, "the new node in browser B");
    expect(await pageA.locator('[data-testid="panel-graphist"] [data-role="node-list"] [role="listitem"]').count()).toBe(before + 1);
    await screenshot(pageA, "graphist-01-node-added");
  });

  it("moves a node by dragging it, and the other browser sees the move", async () => {
    const node = nodes(pageA).last();
    const id = (await node.getAttribute("data-id")) ?? "";
    const cx0 = Number(await node.getAttribute("cx"));
    const box = await node.boundingBox();
    if (!box) throw new Error("no node box");
    await pageA.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await pageA.mouse.down();
    await pageA.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 40, { steps: 8 });
    await pageA.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 80, { steps: 8 });
    await pageA.mouse.up();
    const moved = (p: Page) => async () => Number(await p.locator(`[data-testid="panel-graphist"] circle[data-id="${id}"]`).getAttribute("cx")) > cx0 + 50;
    await until(moved(pageA), "the node to move in browser A");
    await until(moved(pageB), "the node to move in browser B");
    expect(await pageA.locator(`[data-testid="panel-graphist"] circle[data-id="${id}"]`).getAttribute("transform")).toBeNull();
    await screenshot(pageB, "graphist-02-moved-seen-by-b-dark");
  });

  it("removes the selected node with Delete", async () => {
    await waitLive(pageA, pageB);
    const count = await nodes(pageA).count();
    await clickCanvasAt(pageB, 0.55, 0.6);
    await until(async () => (await nodes(pageA).count()) === count + 1, "B's node in A");
    const id = (await nodes(pageA).last().getAttribute("data-id")) ?? "";
    const node = pageA.locator(`[data-testid="panel-graphist"] circle[data-id="${id}"]`);
    await node.click();
    await until(async () => ((await node.getAttribute("class")) ?? "").includes("selected"), "the node to be selected");
    await pageA.keyboard.press("Delete");
    await until(async () => (await pageA.locator(`circle[data-id="${id}"]`).count()) === 0, "the node to go in A");
    await until(async () => (await pageB.locator(`circle[data-id="${id}"]`).count()) === 0, "the node to go in B");
  });

  it("an AI dispatch is acknowledged by the browsers that render it", async () => {
    await waitLive(pageA, pageB);
    const before = await nodes(pageA).count();
    // Record any shimmer as it happens (it fades after a moment), rather than racing to see it.
    await pageA.evaluate(`(() => {
      window.__shimmered = false;
      new MutationObserver((records) => {
        for (const r of records) if (r.target.closest && r.target.closest('[data-plugin="graphist"]') && r.target.classList.contains("sd-ai-shimmer")) window.__shimmered = true;
      }).observe(document.body, { attributes: true, attributeFilter: ["class"], subtree: true });
    })()`);
    const r = await call<{ ack: { rendered_by: number } }>(env.url, env.token, "POST", "/ai/dispatch", {
      commands: [{ plugin: "graphist", instance: "main", command: "add_node", params: { x: 640, y: 120, label: "from AI" } }],
      ack_timeout_ms: 10_000,
    });
    expect(r.status).toBe(200);
    expect(r.body.ack.rendered_by).toBeGreaterThanOrEqual(1);
    // Elements changed by an AI dispatch shimmer for a moment (the new node and its list row).
    await until(async () => (await pageA.evaluate("window.__shimmered === true")) === true, "the AI shimmer");
    await until(async () => (await nodes(pageA).count()) === before + 1, "the AI's node");
    await screenshot(pageA, "graphist-03-ai-node");
  });

  it("renders a 10,000-row table virtualised and updates one row live", async () => {
    await install(env.url, env.token, ws, rowsPlugin());
    await dispatch(env.url, env.token, ws, "rows", "fill", { n: 10_000 });
    await pageA.reload();
    const table = pageA.locator('[data-plugin="rows"][data-component="table"]');
    await table.waitFor();
    await until(async () => (await table.getAttribute("aria-rowcount")) === "10000", "10,000 rows");
    const rendered = await table.locator('[role="row"][data-key]').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(80);
    const row2 = table.locator('[role="row"][data-key="r2"]');
    expect(await row2.textContent()).toContain("row 2");
    await dispatch(env.url, env.token, ws, "rows", "set_row", { i: 1, name: "renamed live" });
    await until(async () => ((await row2.textContent()) ?? "").includes("renamed live"), "row 2 to update");
    const md = pageA.locator('[data-plugin="rows"][data-component="markdown"]');
    expect(await md.locator("strong").textContent()).toBe("Rows");
    expect(await md.locator("script").count()).toBe(0);
    expect(await md.locator('a[href^="javascript"]').count()).toBe(0);
    await table.scrollIntoViewIfNeeded();
    await screenshot(pageA, "graphist-04-rows-table");
    await table.locator(".sd-table-body").evaluate((el) => (el.scrollTop = el.scrollHeight));
    await table.locator('[role="row"][data-key="r10000"]').waitFor();
    await table.locator('[role="columnheader"]', { hasText: "Value" }).click();
    await table.locator(".sd-table-body").evaluate((el) => (el.scrollTop = 0));
    await until(async () => (await table.locator('[role="row"][aria-rowindex="1"] [role="cell"]').nth(2).textContent()) === "0", "sorted by value");
  });

  it("logged no page errors", () => {
    expect(errors).toEqual([]);
  });
});
