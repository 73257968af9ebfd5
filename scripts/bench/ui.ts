/**
 * `npm run bench -- ui [--no-build]`: the SDUI renderer in Chromium against a live platform.
 *   1. first render of a 10,000-row table (navigation → rows in the DOM), 5 loads;
 *   2. patch-to-DOM latency for one row, 100 updates: SSE `state` event received → row text
 *      changed (and → next frame), plus dispatch → DOM end to end;
 *   3. first render of a 5,000-node canvas (keyed by element id), and frame times while
 *      dragging one node on it;
 *   4. frame times while 1,000 circles tween their position (declared transitions).
 */
import { spawnSync } from "node:child_process";
import { launchBrowser, login, newContext } from "../../web/e2e/browser";
import { dispatch, install } from "../../web/e2e/plugin-api";
import { dotsPlugin, rowsPlugin } from "../../web/e2e/plugin-fixtures";
import { ROOT, startFresh } from "../dev-server";
import { percentile as pct } from "../lib/measure";

const CHROME = process.env.CHROME_PATH ?? "/usr/bin/chromium";


const ms = (v: number) => `${v.toFixed(1)} ms`;

/** Records when each SSE `state` event reaches the page, before the app's own listeners run. */
const HOOK = `(() => {
  const Native = window.EventSource;
  window.__stateAt = [];
  window.EventSource = class extends Native {
    constructor(url, init) {
      super(url, init);
      this.addEventListener("state", () => window.__stateAt.push(performance.now()));
    }
  };
})()`;

async function main(): Promise<void> {
  if (!process.argv.includes("--no-build")) {
    const b = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore" });
    if (b.status !== 0) throw new Error("web build failed");
  }
  // wrangler dev can miss its start deadline on a busy machine: one more try on a fresh folder.
  const platform = await startFresh("bench-ui");
  const browser = await launchBrowser(CHROME);
  try {
    const context = await newContext(browser, platform.url);
    await context.addInitScript(HOOK);
    const page = await context.newPage();
    const ws = await login(page, platform.admin.email, platform.admin.password);
    await install(platform.url, platform.token, ws, rowsPlugin());
    await dispatch(platform.url, platform.token, ws, "rows", "fill", { n: 10_000 });

    // 1. First render of 10,000 rows.
    const firsts: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page.reload();
      await page.waitForSelector('[data-component="table"][aria-rowcount="10000"] [role="row"][data-key="r1"]');
      firsts.push((await page.evaluate("performance.now()")) as number);
    }
    const rows = (await page.evaluate(`document.querySelectorAll('[data-component="table"] [role="row"][data-key]').length`)) as number;

    // 2. Patch-to-DOM latency for one row.
    const stream: number[] = [];
    const frame: number[] = [];
    const total: number[] = [];
    for (let k = 0; k < 100; k++) {
      const r = (await page.evaluate(`(async () => {
        const row = document.querySelector('[data-component="table"] [role="row"][data-key="r2"]');
        const name = "bench ${k}";
        const seen = window.__stateAt.length;
        const t0 = performance.now();
        const done = new Promise((resolve) => {
          const mo = new MutationObserver(() => {
            if (!row.textContent.includes(name)) return;
            mo.disconnect();
            const t1 = performance.now();
            requestAnimationFrame(() => resolve([t1, performance.now()]));
          });
          mo.observe(row, { subtree: true, characterData: true, childList: true });
        });
        const res = await fetch("/api/w/${encodeURIComponent(ws)}/dispatch", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ commands: [{ plugin: "rows", instance: "main", command: "set_row", params: { i: 1, name } }] }) });
        if (!res.ok) throw new Error("dispatch " + res.status);
        const [t1, t2] = await done;
        const at = window.__stateAt[window.__stateAt.length - 1];
        return { stream: t1 - at, frame: t2 - at, total: t1 - t0, fresh: window.__stateAt.length > seen };
      })()`)) as { stream: number; frame: number; total: number; fresh: boolean };
      if (!r.fresh) continue;
      stream.push(r.stream);
      frame.push(r.frame);
      total.push(r.total);
    }

    // 3. Frame times while dragging on a 5,000-node canvas.
    await install(platform.url, platform.token, ws, dotsPlugin());
    await dispatch(platform.url, platform.token, ws, "dots", "fill", { n: 5_000 });
    const canvasFirsts: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.reload();
      await page.waitForSelector('[data-plugin="dots"] circle[data-id="d4999"]');
      canvasFirsts.push((await page.evaluate("performance.now()")) as number);
    }
    const circles = (await page.evaluate(`document.querySelectorAll('[data-plugin="dots"] circle').length`)) as number;
    const target = page.locator('[data-plugin="dots"] circle[data-id="d2050"]');
    await target.scrollIntoViewIfNeeded();
    const box = await target.boundingBox();
    if (!box) throw new Error("no dot");
    await page.evaluate(`(() => { window.__frames = []; window.__recording = true; const tick = (t) => { window.__frames.push(t); if (window.__recording) requestAnimationFrame(tick); }; requestAnimationFrame(tick); })()`);
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let s = 1; s <= 120; s++) await page.mouse.move(x + s * 2, y + Math.sin(s / 10) * 40);
    await page.mouse.up();
    const frames = (await page.evaluate(`(() => { window.__recording = false; return window.__frames; })()`)) as number[];
    const gaps = frames.slice(1).map((t, i) => t - frames[i]!);

    // 4. Frame times while 1,000 circles tween their cx over one second.
    await dispatch(platform.url, platform.token, ws, "dots", "fill", { n: 1_000, tween_ms: 1_000 });
    await page.waitForFunction(`document.querySelectorAll('[data-plugin="dots"] circle[data-id]').length === 1000`);
    const tween = (await page.evaluate(`(async () => {
      const c = document.querySelector('[data-plugin="dots"] circle[data-id="d999"]');
      const from = Number(c.getAttribute("cx"));
      const frames = [];
      const res = await fetch("/api/w/${encodeURIComponent(ws)}/dispatch", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ commands: [{ plugin: "dots", instance: "main", command: "shift", params: { dx: 40 } }] }) });
      if (!res.ok) throw new Error("dispatch " + res.status);
      await new Promise((resolve) => {
        const tick = (t) => {
          frames.push(t);
          if (Number(c.getAttribute("cx")) >= from + 40) resolve();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      return frames;
    })()`)) as number[];
    const tweenGaps = tween.slice(1).map((t, i) => t - tween[i]!);

    console.log(`ui bench (Chromium headless, ${process.env.CHROME_PATH ?? "/usr/bin/chromium"})`);
    console.log(`first render, 10,000-row table: navigation → rows in DOM p50 ${ms(pct(firsts, 50))}, min ${ms(Math.min(...firsts))}, max ${ms(Math.max(...firsts))} (${firsts.length} loads; ${rows} row elements in the DOM)`);
    console.log(`one-row patch, SSE state event → DOM: p50 ${ms(pct(stream, 50))}, p99 ${ms(pct(stream, 99))}; → next frame: p50 ${ms(pct(frame, 50))}, p99 ${ms(pct(frame, 99))} (${stream.length} updates)`);
    console.log(`one-row patch, dispatch → DOM (end to end): p50 ${ms(pct(total, 50))}, p99 ${ms(pct(total, 99))}`);
    console.log(`first render, ${circles}-circle canvas: navigation → last circle in DOM p50 ${ms(pct(canvasFirsts, 50))}, min ${ms(Math.min(...canvasFirsts))} (${canvasFirsts.length} loads)`);
    console.log(`transition of 1,000 circles (cx tween, 1 s): ${tweenGaps.length} frames until the last landed, frame time p50 ${ms(pct(tweenGaps, 50))}, p95 ${ms(pct(tweenGaps, 95))}, max ${ms(Math.max(...tweenGaps))}`);
    console.log(`drag on a ${circles}-circle canvas: ${gaps.length} frames, frame time p50 ${ms(pct(gaps, 50))}, p95 ${ms(pct(gaps, 95))}, max ${ms(Math.max(...gaps))}`);
  } finally {
    await browser.close();
    await platform.stop();
  }
}

await main();
