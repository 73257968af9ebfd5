/**
 * The AI surface with Chromium connected: an agent (bearer token) dispatches to Graphist and the
 * browser acknowledges the render; the browser-computed surfaces (pe.view, pe.screenshot,
 * pe.a11y, pe.anomalies, pe.components) are answered by the page; pe.console holds what the
 * page logged; the AI eye shows where the agent read; with the browser gone, acks time out and
 * browser surfaces answer `no_browser`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eEnv, launchBrowser, login, newContext, RESULTS_DIR, screenshot, until, waitLive, watchErrors } from "./browser";
import { call } from "./plugin-api";

const env = e2eEnv();
const CANVAS = "[data-plugin=graphist] [data-component=canvas]";

interface Envelope {
  result: unknown;
  meta?: { complete: boolean; target_rect: { x: number; y: number; width: number; height: number } | null };
  error?: { code: string; message: string };
}
interface DispatchReply {
  ack: { rendered_by: number; version: number | null; timed_out: boolean };
}

async function query(plugin: string, surface: string, q: string, live = false): Promise<Envelope> {
  const r = await call<Envelope[]>(env.url, env.token, "POST", `/ai/query${live ? "?live=1" : ""}`, [{ plugin, surface, query: q }]);
  expect(r.status).toBe(200);
  lastSeen = JSON.stringify(r.body[0]);
  return r.body[0]!;
}

let lastSeen = "";

/** Polls like `until`, treating a dropped connection (wrangler dev reloading) as "not yet" and naming what `query` last saw. */
const eventually = <T>(check: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 20_000) =>
  until(check, what, { timeoutMs, intervalMs: 200, retryErrors: true, lastSeen: () => lastSeen });

const nodeIds = (page: Page): Promise<string[]> =>
  page.locator('[data-testid="panel-graphist"] circle[data-id^="node-"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-id") ?? ""));

describe("AI perception with a browser connected", () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let newNode = "";

  beforeAll(async () => {
    browser = await launchBrowser(env.chromePath);
    const context = await newContext(browser, env.url);
    page = await context.newPage();
    errors = watchErrors(page);
    await login(page, env.adminEmail, env.adminPassword);
    await page.locator('[data-testid="panel-graphist"] svg.sd-canvas-svg').waitFor();
    await waitLive(page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("acknowledges an AI dispatch to Graphist once the browser rendered it", async () => {
    const before = new Set(await nodeIds(page));
    const r = await call<DispatchReply>(env.url, env.token, "POST", "/ai/dispatch", {
      commands: [{ plugin: "graphist", instance: "main", command: "add_node", params: { x: 320, y: 200, label: "seen by AI" } }],
      ack_timeout_ms: 10_000,
    });
    expect(r.status).toBe(200);
    expect(r.body.ack.rendered_by).toBeGreaterThanOrEqual(1);
    expect(r.body.ack.timed_out).toBe(false);
    newNode = await eventually(async () => (await nodeIds(page)).find((id) => !before.has(id)), "the AI's node in the page");
  });

  it("finds the new node in pe.view with a CSS selector, and shows the AI eye where it read", async () => {
    const env1 = await query("pe", "view", `${CANVAS} circle`);
    expect(env1.error).toBeUndefined();
    const matches = env1.result as { tag: string; attrs: Record<string, string>; rect: { width: number } }[];
    const node = matches.find((m) => m.attrs["data-id"] === newNode);
    expect(node).toBeDefined();
    expect(node!.tag).toBe("circle");
    expect(node!.rect.width).toBeGreaterThan(0);
    expect(env1.meta?.target_rect).not.toBeNull();
    // The agent read the canvas: the page marks that box with the AI eye for a few seconds.
    await page.locator("[data-ai-eye]").first().waitFor({ state: "attached", timeout: 10_000 });
    await screenshot(page, "ai-perception-01-eye");
  });

  it("takes a PNG screenshot of the Graphist canvas", async () => {
    const shot = await query("pe", "screenshot", `selector:${CANVAS}`);
    expect(shot.error).toBeUndefined();
    const [value] = shot.result as { png_base64: string; width: number; height: number; rect: { width: number; height: number } }[];
    const png = Buffer.from(value!.png_base64, "base64");
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(value!.width).toBeGreaterThan(0);
    expect(value!.height).toBeGreaterThan(0);
    // IHDR holds the image size: it is the box the selector matched.
    expect(png.readUInt32BE(16)).toBe(value!.width);
    expect(png.readUInt32BE(20)).toBe(value!.height);
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, "ai-perception-02-canvas-screenshot.png"), png);
  });

  it("refuses a screenshot of a selector that matches nothing, in band", async () => {
    const shot = await query("pe", "screenshot", "selector:[data-id=no-such-element]");
    expect(shot.result).toBeNull();
    expect(shot.error?.code).toBe("no_match");
  });

  it("answers pe.a11y, pe.anomalies and pe.components from the page", async () => {
    const a11y = await query("pe", "a11y", '[.. | objects | select(.role == "region") | .name]');
    expect(a11y.error).toBeUndefined();
    expect(a11y.result).toEqual([expect.arrayContaining(["Graphist"])]);

    const anomalies = await query("pe", "anomalies", "map(.kind)");
    expect(anomalies.error).toBeUndefined();
    expect(Array.isArray((anomalies.result as unknown[])[0])).toBe(true);

    const components = await query("pe", "components", '[.[] | select(.plugin == "graphist" and .component == "canvas")]');
    expect(components.error).toBeUndefined();
    const [canvas] = (components.result as { status: string; frame_count: number; summary: string }[][])[0]!;
    expect(canvas).toMatchObject({ status: "ok" });
    expect(canvas!.frame_count).toBeGreaterThanOrEqual(1);
    expect(canvas!.summary).toMatch(/circle/);
  });

  it("reports layout problems with selectors that point back at the element", async () => {
    await page.evaluate(`document.querySelector('[data-plugin="pe"] .plugin-panel-body').insertAdjacentHTML("beforeend",
      '<div class="e2e-fixture" style="position:relative;background:#fff">'
      + '<p class="e2e-faint" style="color:#c8c8c8">barely readable</p>'
      + '<div class="e2e-far" style="position:absolute;left:-4000px;top:0;width:40px;height:20px">gone</div>'
      + '</div>')`);
    const found = await query("pe", "anomalies", '[.[] | select(.kind == "low_contrast" or .kind == "off_screen") | {kind, selector, target_rect}]', true);
    expect(found.error).toBeUndefined();
    const list = (found.result as { kind: string; selector: string; target_rect: { x: number } }[][])[0]!;
    const classOf = (selector: string) => page.evaluate(`document.querySelector(${JSON.stringify(selector)})?.className ?? null`);
    expect(list.map((a) => a.kind)).toEqual(expect.arrayContaining(["low_contrast", "off_screen"]));
    const classes = await Promise.all(list.map((a) => classOf(a.selector)));
    expect(classes).toEqual(expect.arrayContaining(["e2e-faint", "e2e-far"]));
    expect(list.find((a) => a.kind === "off_screen")!.target_rect.x).toBeLessThan(0);
    await page.evaluate(`document.querySelector(".e2e-fixture").remove()`);
  });

  it("keeps what the page logged in pe.console", async () => {
    const marker = `pe-e2e-marker-${Date.now()}`;
    await page.evaluate(`console.info(${JSON.stringify(marker)}, { from: "the e2e test" })`);
    const rows = await eventually(async () => {
      const got = await query("pe", "console", `SELECT level, message FROM console WHERE message LIKE '%${marker}%'`);
      return JSON.stringify(got.result).includes(marker) ? got.result : null;
    }, "the logged line in pe.console");
    expect(JSON.stringify(rows)).toContain("info");
  });

  it("keeps the panels' DOM mutations in pe.mutations", async () => {
    // Rendering the panel (and the AI's node) added elements: childList changes inside Graphist.
    const rows = await eventually(async () => {
      const got = await query("pe", "mutations", `SELECT kind, target, detail FROM mutations WHERE kind = 'childList' AND target LIKE '%data-plugin="graphist"%' LIMIT 20`);
      return Array.isArray(got.result) && got.result.length > 0 ? got.result : null;
    }, "a childList mutation of the Graphist panel");
    expect(JSON.stringify(rows)).toMatch(/\+\d+ \(/);
  });

  it("leaves the page free of errors", () => {
    expect(errors).toEqual([]);
  });

  // The hub notices a closed stream when a write to it fails (at the latest its 15 s heartbeat).
  it("without a browser, an AI dispatch's ack times out and pe.view answers no_browser", { timeout: 90_000 }, async () => {
    await browser.close();
    const envelope = await eventually(async () => {
      const got = await query("pe", "view", "circle");
      return got.error?.code === "no_browser" ? got : null;
    }, "pe.view to notice the browser left", 45_000);
    expect(envelope.result).toBeNull();
    expect(envelope.error?.message).toMatch(/browser/);

    const r = await call<DispatchReply>(env.url, env.token, "POST", "/ai/dispatch", {
      commands: [{ plugin: "graphist", instance: "main", command: "add_node", params: { x: 100, y: 100, label: "nobody sees this" } }],
      ack_timeout_ms: 1_000,
    });
    expect(r.status).toBe(200);
    expect(r.body.ack).toMatchObject({ rendered_by: 0, timed_out: true });
  });
});
