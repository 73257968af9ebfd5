/**
 * Motion in Chromium: exit animations keep a leaving element in place (inert, data-exiting)
 * until they end, reduced motion removes at once, transitions pass through intermediate values,
 * and rendering modes decide which versions reach the DOM. Assertions are on values: running
 * animations are paused and seeked, never raced.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { e2eEnv, launchBrowser, login, newContext, screenshot, until as untilEvery, waitLive, watchErrors } from "./browser";
import { call, dispatch, install } from "./plugin-api";
import { motionPlugin } from "./plugin-fixtures";

const env = e2eEnv();
const PANEL = '[data-testid="panel-motion"]';
/** Animations are brief: poll every 50 ms. */
const until = <T>(check: () => Promise<T | null | undefined | false>, what: string) => untilEvery(check, what, { intervalMs: 50 });

interface ExitRecord {
  ev: "exiting" | "removed";
  value?: string | null;
  inert?: boolean;
  animations?: string[];
}

/**
 * Watches one element: when it is marked data-exiting its animations are paused halfway (so it
 * can be looked at), and its removal is recorded. `window.__exit` holds the records.
 */
async function watchExit(page: Page, selector: string): Promise<void> {
  await page.locator(selector).waitFor();
  await page.evaluate(`(() => {
    window.__exitObserver?.disconnect();
    window.__exit = [];
    const target = document.querySelector(${JSON.stringify(selector)});
    const mo = new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === "attributes" && r.target === target && target.hasAttribute("data-exiting")) {
          const animations = target.getAnimations();
          for (const a of animations) {
            a.pause();
            a.currentTime = Number(a.effect.getComputedTiming().duration) / 2;
          }
          window.__exit.push({ ev: "exiting", value: target.getAttribute("data-exiting"), inert: target.hasAttribute("inert"), animations: animations.map((a) => a.id) });
        }
        if (r.type === "childList" && [...r.removedNodes].some((n) => n === target || n.contains(target))) window.__exit.push({ ev: "removed" });
      }
    });
    mo.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-exiting"] });
    window.__exitObserver = mo;
  })()`);
}

const exitRecords = (page: Page) => page.evaluate("window.__exit") as Promise<ExitRecord[]>;

/** Lets the paused exit animations run to their end. */
const resumeAll = (page: Page) => page.evaluate(`document.getAnimations().forEach((a) => a.playState === "paused" && a.play())`);

const twoFrames = "new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))";

/**
 * Waits for a running animation on the element (by id, or a CSS transition by property), then
 * pauses it at `fraction` of its duration and lets two frames pass (the tween reads the seeked
 * progress, Solid writes the attribute).
 */
async function seek(page: Page, selector: string, id: string, fraction: number): Promise<void> {
  const matching = `[...(document.querySelector(${JSON.stringify(selector)})?.getAnimations() ?? [])].filter((a) => a.id === ${JSON.stringify(id)} || a.transitionProperty === ${JSON.stringify(id)})`;
  await until(async () => (await page.evaluate(`${matching}.length > 0`)) === true, `animation ${id} on ${selector}`);
  await page.evaluate(`(async () => {
    for (const a of ${matching}) {
      const t = a.effect.getComputedTiming();
      a.pause();
      a.currentTime = Number(t.delay) + Number(t.duration) * ${fraction};
    }
    await ${twoFrames};
  })()`);
}

const finishAll = (page: Page, selector: string) =>
  page.evaluate(`(async () => {
    document.querySelector(${JSON.stringify(selector)}).getAnimations().forEach((a) => a.finish());
    await ${twoFrames};
  })()`);

/** A style value of the first element matching `selector`, computed in the page. */
const computed = (page: Page, selector: string, property: string) => page.evaluate(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).${property}`) as Promise<string>;

describe("SDUI motion in the browser", () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let ws = "";
  const run = (command: string, params: Record<string, unknown> = {}) => dispatch(env.url, env.token, ws, "motion", command, params);

  beforeAll(async () => {
    browser = await launchBrowser(env.chromePath);
    page = await (await newContext(browser, env.url)).newPage();
    errors = watchErrors(page);
    ws = await login(page, env.adminEmail, env.adminPassword);
    await install(env.url, env.token, ws, motionPlugin());
    await run("reset");
    await page.reload();
    await page.locator(`${PANEL} [data-component="canvas"] [data-id="leaver"]`).waitFor();
    await waitLive(page);
    await page.locator(PANEL).scrollIntoViewIfNeeded();
  });

  afterAll(async () => {
    await browser?.close();
    // Leave the shared workspace as it was: other browser tests lay out its panels.
    if (ws) await call(env.url, env.token, "DELETE", `/api/w/${ws}/plugins/motion`);
  });

  it("keeps a removed list item in place, inert and marked data-exiting, while its exit plays; then removes it", async () => {
    const item = `${PANEL} [data-component="list"] [data-key="b"]`;
    // An id templated per item resolves in the item's scope.
    expect(await page.locator(`${PANEL} [data-component="list"] [data-key="b"] [data-id="item-b"]`).count()).toBe(1);
    await watchExit(page, item);
    await run("remove_item", { id: "b" });
    await until(async () => (await exitRecords(page)).length > 0, "the item to start exiting");
    const [first] = await exitRecords(page);
    expect(first).toEqual({ ev: "exiting", value: "slide_out", inert: true, animations: ["sd-exit:slide_out"] });
    expect(await page.locator(`${PANEL} [data-component="list"] [role="listitem"]`).count()).toBe(3);
    const opacity = Number(await computed(page, item, "opacity"));
    expect(opacity).toBeGreaterThan(0);
    expect(opacity).toBeLessThan(1);
    await screenshot(page, "sdui-motion-01-list-item-exiting");
    await resumeAll(page);
    await until(async () => (await exitRecords(page)).some((r) => r.ev === "removed"), "the item to be removed after its exit");
    expect((await exitRecords(page)).map((r) => r.ev)).toEqual(["exiting", "removed"]);
    expect(await page.locator(`${PANEL} [data-component="list"] [role="listitem"]`).count()).toBe(2);
  });

  it("fades out a removed table row as a copy in its place while the rows re-render", async () => {
    const table = `${PANEL} [data-id="motion-table"] [role="rowgroup"], ${PANEL} [data-id="motion-table"] .sd-table-body > div`;
    await page.locator(`${PANEL} [data-id="motion-table"] [role="row"][data-key="c"]`).waitFor();
    await page.evaluate(`(() => {
      window.__rows?.disconnect();
      window.__ghosts = [];
      const body = document.querySelector(${JSON.stringify(table)});
      const mo = new MutationObserver((records) => {
        for (const r of records) {
          for (const n of r.addedNodes) {
            if (!(n instanceof Element) || !n.hasAttribute("data-exiting")) continue;
            const animations = n.getAnimations();
            animations.forEach((a) => { a.pause(); a.currentTime = 600; });
            window.__ghosts.push({ ev: "ghost", key: n.getAttribute("data-key"), value: n.getAttribute("data-exiting"), inert: n.hasAttribute("inert"), text: n.textContent, animations: animations.map((a) => a.id) });
          }
          for (const n of r.removedNodes) if (n instanceof Element && n.hasAttribute("data-exiting")) window.__ghosts.push({ ev: "removed", key: n.getAttribute("data-key") });
        }
      });
      mo.observe(body, { childList: true });
      window.__rows = mo;
    })()`);
    const ghosts = () => page.evaluate("window.__ghosts") as Promise<Record<string, unknown>[]>;
    await run("remove_item", { id: "c" });
    await until(async () => (await ghosts()).length > 0, "the row's copy to start exiting");
    expect((await ghosts())[0]).toEqual({ ev: "ghost", key: "c", value: "fade_out", inert: true, text: "Gamma", animations: ["sd-exit:fade_out"] });
    const rows = (which: string) => page.evaluate(`document.querySelectorAll(${JSON.stringify(`${PANEL} [data-id="motion-table"] [role="row"][data-key="c"]${which}`)}).length`);
    expect(await rows("[data-exiting]")).toBe(1);
    expect(await rows(":not([data-exiting])")).toBe(0);
    await resumeAll(page);
    await until(async () => (await ghosts()).some((g) => g.ev === "removed" && g.key === "c"), "the row's copy to go");
    expect(await page.locator(`${PANEL} [data-id="motion-table"] [role="row"][data-key="c"]`).count()).toBe(0);
  });

  it("fades out a node whose visible turns false before removing it", async () => {
    const notice = `${PANEL} [data-id="notice"]`;
    await watchExit(page, notice);
    await run("put", { key: "show", value: false });
    await until(async () => (await exitRecords(page)).length > 0, "the notice to start exiting");
    expect((await exitRecords(page))[0]).toMatchObject({ ev: "exiting", value: "fade_out", inert: true });
    expect(await page.locator(notice).count()).toBe(1);
    await resumeAll(page);
    await until(async () => (await page.locator(notice).count()) === 0, "the notice to go");
    expect((await exitRecords(page)).map((r) => r.ev)).toEqual(["exiting", "removed"]);
  });

  it("shrinks a removed canvas element before removing it", async () => {
    const leaver = `${PANEL} [data-component="canvas"] [data-id="leaver"]`;
    await watchExit(page, leaver);
    await run("remove_el", { id: "leaver" });
    await until(async () => (await exitRecords(page)).length > 0, "the rect to start exiting");
    expect((await exitRecords(page))[0]).toMatchObject({ ev: "exiting", value: "shrink", inert: true });
    const box = (await page.locator(leaver).boundingBox())?.width ?? 0;
    expect(box).toBeGreaterThan(0);
    expect(box).toBeLessThan(80);
    await screenshot(page, "sdui-motion-02-canvas-element-shrinking");
    await resumeAll(page);
    await until(async () => (await page.locator(leaver).count()) === 0, "the rect to go");
  });

  it("removes at once with prefers-reduced-motion", async () => {
    await page.emulateMedia({ reducedMotion: "reduce" });
    try {
      const item = `${PANEL} [data-component="list"] [data-key="a"]`;
      await watchExit(page, item);
      await run("remove_item", { id: "a" });
      await until(async () => (await exitRecords(page)).length > 0, "the item to go");
      expect((await exitRecords(page)).map((r) => r.ev)).toEqual(["removed"]);
    } finally {
      await page.emulateMedia({ reducedMotion: "no-preference" });
    }
  });

  it("interpolates a circle's cx and fill from the old to the new value", async () => {
    const mover = `${PANEL} [data-component="canvas"] [data-id="mover"]`;
    expect(await page.locator(mover).getAttribute("cx")).toBe("100");
    await run("move", { id: "mover", cx: 300 });
    await seek(page, mover, "sd-transition:cx", 0.5);
    expect(Number(await page.locator(mover).getAttribute("cx"))).toBeCloseTo(200, 0);
    await seek(page, mover, "sd-transition:cx", 0.25);
    expect(Number(await page.locator(mover).getAttribute("cx"))).toBeCloseTo(150, 0);
    await screenshot(page, "sdui-motion-03-circle-mid-transition");
    await finishAll(page, mover);
    await until(async () => (await page.locator(mover).getAttribute("cx")) === "300", "cx to land on 300");

    await run("recolor", { id: "mover", fill: "#ef4444" });
    await seek(page, mover, "fill", 0.5);
    const mid = await computed(page, mover, "fill");
    expect(mid).not.toBe("rgb(59, 130, 246)");
    expect(mid).not.toBe("rgb(239, 68, 68)");
    await finishAll(page, mover);
    expect(await computed(page, mover, "fill")).toBe("rgb(239, 68, 68)");
  });

  it("interpolates a progress bar's value by its type's default transition, with the node's own timing", async () => {
    const fill = `${PANEL} [data-id="progress"] .sd-progress-fill`;
    const fraction = () => page.evaluate(`(() => { const el = document.querySelector(${JSON.stringify(fill)}); return el.getBoundingClientRect().width / el.parentElement.getBoundingClientRect().width; })()`) as Promise<number>;
    expect(await fraction()).toBeCloseTo(0.1, 2);
    await run("put", { key: "progress", value: 90 });
    await seek(page, fill, "width", 0.5);
    expect(await fraction()).toBeCloseTo(0.5, 1);
    const duration = await page.evaluate(`document.querySelector(${JSON.stringify(fill)}).getAnimations()[0]?.effect.getComputedTiming().duration`);
    expect(duration).toBe(4000);
    await finishAll(page, fill);
    expect(await fraction()).toBeCloseTo(0.9, 2);
  });

  it("shows rendering modes in the DOM: progressive paints every version, atomic only the batch's last", async () => {
    await page.evaluate(`(() => {
      window.__versionObserver?.disconnect();
      window.__versions = [];
      const panel = document.querySelector(${JSON.stringify(PANEL)});
      // Each record's new value is the next record's old value; the last one's is the attribute now.
      const mo = new MutationObserver((records) => records.forEach((_, i) => window.__versions.push(Number(i + 1 < records.length ? records[i + 1].oldValue : panel.getAttribute("data-version")))));
      mo.observe(panel, { attributes: true, attributeFilter: ["data-version"], attributeOldValue: true });
      window.__versionObserver = mo;
    })()`);
    const versions = () => page.evaluate("window.__versions") as Promise<number[]>;
    const start = Number(await page.locator(PANEL).getAttribute("data-version"));
    const batch = (rendering: string) =>
      call(env.url, env.token, "POST", `/api/w/${ws}/dispatch`, { rendering, commands: [1, 2, 3].map(() => ({ plugin: "motion", command: "bump", params: {} })) });

    expect((await batch("progressive")).status).toBe(200);
    await until(async () => (await versions()).includes(start + 3), "the progressive batch");
    expect(await versions()).toEqual([start + 1, start + 2, start + 3]);

    await page.evaluate("window.__versions = []");
    expect((await batch("atomic")).status).toBe(200);
    await until(async () => (await versions()).includes(start + 6), "the atomic batch");
    expect(await versions()).toEqual([start + 6]);
    expect(await page.locator(`${PANEL} [data-id="counter"]`).textContent()).toContain("count 6");

    await page.evaluate("window.__versions = []");
    expect((await batch("grouped")).status).toBe(200);
    await until(async () => (await versions()).includes(start + 9), "the grouped batch");
    const grouped = await versions();
    expect(grouped.at(-1)).toBe(start + 9);
    expect([...grouped].sort((x, y) => x - y)).toEqual(grouped);
  });

  it("logged no page errors", () => {
    expect(errors).toEqual([]);
  });
});
