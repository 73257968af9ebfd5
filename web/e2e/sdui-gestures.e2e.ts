/**
 * Canvas gestures in Chromium, each bound in the test plugin's bindings.json and checked through
 * the state its command wrote: hover, double and right click, long press, scroll, select and
 * deselect, key combos, Ctrl+wheel and a real two-finger pinch (CDP touch events).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { e2eEnv, launchBrowser, login, newContext, screenshot, until, waitLive, watchErrors } from "./browser";
import { call, dispatch, install } from "./plugin-api";
import { gesturesPlugin } from "./plugin-fixtures";

const env = e2eEnv();
const PANEL = '[data-testid="panel-gestures"]';
const SVG = `${PANEL} svg.sd-canvas-svg`;

type Entry = Record<string, unknown> & { g: string };

describe("canvas gestures in the browser", () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let ws = "";

  const state = async () => (await call<{ state: { log: Entry[]; zoom: number } }>(env.url, env.token, "GET", `/api/w/${ws}/p/gestures/state?instance=main`)).body.state;
  const logged = async (match: (e: Entry) => boolean, what: string): Promise<Entry> => {
    let hit: Entry | undefined;
    let log: Entry[] = [];
    await until(async () => Boolean((hit = (log = (await state()).log).find(match))), what).catch((error: Error) => {
      throw new Error(`${error.message}; the log holds ${JSON.stringify(log)}`);
    });
    return hit!;
  };
  const reset = async () => {
    await dispatch(env.url, env.token, ws, "gestures", "reset", {});
    await page.locator(`${PANEL} [data-id="log-count"]`).filter({ hasText: "0 gestures" }).waitFor();
  };
  /** Screen point of a scene point (through the SVG's current transform). */
  const at = (x: number, y: number) =>
    page.evaluate(`(() => {
      const p = new DOMPoint(${x}, ${y}).matrixTransform(document.querySelector(${JSON.stringify(SVG)}).getScreenCTM());
      return { x: p.x, y: p.y };
    })()`) as Promise<{ x: number; y: number }>;
  const center = async (id: string) => {
    const box = await page.locator(`${PANEL} [data-id="${id}"]`).boundingBox();
    if (!box) throw new Error(`no element ${id}`);
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  };

  beforeAll(async () => {
    browser = await launchBrowser(env.chromePath);
    page = await (await newContext(browser, env.url)).newPage();
    errors = watchErrors(page);
    ws = await login(page, env.adminEmail, env.adminPassword);
    await install(env.url, env.token, ws, gesturesPlugin());
    await dispatch(env.url, env.token, ws, "gestures", "reset", {});
    await page.reload();
    await page.locator(`${PANEL} [data-id="dot"]`).waitFor();
    await waitLive(page);
    await page.locator(SVG).scrollIntoViewIfNeeded();
  });

  afterAll(async () => {
    await browser?.close();
    // Leave the shared workspace as it was: other browser tests lay out its panels.
    if (ws) await call(env.url, env.token, "DELETE", `/api/w/${ws}/plugins/gestures`);
  });

  it("hover_enter and hover_leave fire as the pointer crosses the rect", async () => {
    await reset();
    const bg = await at(250, 190);
    await page.mouse.move(bg.x, bg.y);
    const box = await center("box");
    await page.mouse.move(box.x, box.y, { steps: 5 });
    await logged((e) => e.g === "hover_enter" && e.id === "box", "hover_enter on box");
    await page.mouse.move(bg.x, bg.y, { steps: 5 });
    await logged((e) => e.g === "hover_leave" && e.id === "box", "hover_leave from box");
    const order = (await state()).log.filter((e) => e.g.startsWith("hover")).map((e) => e.g);
    expect(order).toEqual(["hover_enter", "hover_leave"]);
  });

  it("double_click on the rect and right_click on the circle run their commands", async () => {
    await reset();
    const box = await center("box");
    await page.mouse.dblclick(box.x, box.y);
    await logged((e) => e.g === "double_click" && e.id === "box", "double_click on box");
    const dot = await center("dot");
    await page.mouse.click(dot.x, dot.y, { button: "right" });
    const right = await logged((e) => e.g === "right_click", "right_click on dot");
    expect(right).toMatchObject({ id: "dot", button: 2 });
  });

  it("select and deselect follow clicks on elements and the background", async () => {
    const bg = await at(250, 190);
    await page.mouse.click(bg.x, bg.y);
    await page.locator(`${PANEL} .sd-selected`).waitFor({ state: "detached" });
    await reset();
    const box = await center("box");
    const dot = await center("dot");
    await page.mouse.click(box.x, box.y);
    await logged((e) => e.g === "select" && e.id === "box", "select box");
    await page.mouse.click(dot.x, dot.y);
    await logged((e) => e.g === "select" && e.id === "dot", "select dot");
    await page.mouse.click(bg.x, bg.y);
    await logged((e) => e.g === "deselect" && e.id === "dot", "deselect dot");
    const sel = (await state()).log.filter((e) => e.g === "select" || e.g === "deselect").map((e) => `${e.g}:${String(e.id)}:${JSON.stringify(e.ids ?? null)}`);
    expect(sel.sort()).toEqual(['deselect:box:null', 'deselect:dot:null', 'select:box:["box"]', 'select:dot:["dot"]'].sort());
    expect(await page.locator(`${PANEL} .sd-selected`).count()).toBe(0);
  });

  it("long_press on the circle fires after the pointer is held, without a click", async () => {
    await reset();
    const dot = await center("dot");
    await page.mouse.move(dot.x, dot.y);
    await page.mouse.down();
    const held = await logged((e) => e.g === "long_press", "long_press on dot");
    await page.mouse.up();
    expect(held).toMatchObject({ id: "dot", ms: 500 });
    await page.waitForTimeout(300);
    expect((await state()).log.filter((e) => e.g === "select")).toEqual([]);
  });

  it("scroll reports the wheel delta, Ctrl+wheel pinches", async () => {
    await reset();
    const bg = await at(250, 190);
    await page.mouse.move(bg.x, bg.y);
    await page.mouse.wheel(0, 120);
    const scrolled = await logged((e) => e.g === "scroll", "scroll");
    expect(scrolled.dy).toBe(120);
    await page.keyboard.down("Control");
    await page.mouse.wheel(0, -100);
    await page.keyboard.up("Control");
    const zoomed = await logged((e) => e.g === "pinch_zoom", "ctrl+wheel pinch");
    expect(zoomed.phase).toBe("move");
    expect(Number(zoomed.scale)).toBeGreaterThan(1);
  });

  it("key_combo fires for ctrl+k while the canvas has focus", async () => {
    await reset();
    await page.locator(SVG).focus();
    await page.keyboard.press("Control+k");
    const combo = await logged((e) => e.g === "key_combo", "key_combo");
    expect(combo.combo).toBe("ctrl+k");
  });

  it("pinches with two touch points: start, moves, end with the distance ratio as scale", async () => {
    await reset();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setTouchEmulationEnabled", { enabled: true, maxTouchPoints: 2 });
    const c = await at(200, 100);
    const points = (d: number) => [{ x: c.x - d, y: c.y, id: 1 }, { x: c.x + d, y: c.y, id: 2 }];
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: points(40) });
    for (const d of [50, 60, 70, 80]) {
      await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: points(d) });
      await page.waitForTimeout(50);
    }
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    await until(async () => (await state()).zoom !== 1, "the pinch to end");
    const s = await state();
    expect(s.zoom).toBeCloseTo(2, 2);
    const phases = s.log.filter((e) => e.g === "pinch_zoom").map((e) => e.phase);
    expect(phases[0]).toBe("start");
    expect(phases.at(-1)).toBe("end");
    expect(phases).toContain("move");
    expect(s.log.filter((e) => e.g === "select" || e.g === "long_press")).toEqual([]);
    await page.locator(`${PANEL} [data-id="log-count"]`).filter({ hasText: "zoom 2" }).waitFor();
    await screenshot(page, "sdui-gestures-01-after-pinch");
    await cdp.send("Emulation.setTouchEmulationEnabled", { enabled: false });
  });

  it("logged no page errors", () => {
    expect(errors).toEqual([]);
  });
});
