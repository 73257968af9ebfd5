/**
 * `npm run bench -- ai [--no-build] [--runs N]`: the AI surface against a live local platform
 * (wrangler dev) with headless Chromium connected to the workspace.
 *   1. `GET /ai/manual` build time (p50/p99, each request cache-busted and without If-None-Match),
 *      its size in bytes and tokens (≈ bytes / 4), per plugin section (first-party: pe, graphist);
 *   2. `POST /ai/query` p50/p99 for typical queries: jq (the pe.state recipes), CSS (pe.view, from
 *      the ≤ 2 s snapshot cache and with `?live=1` so the browser computes it), screenshots
 *      (pe.screenshot of the Graphist canvas) and SQL (the pe.changelog recipes).
 * Times are wall time of the HTTP round trip from this process, on this machine.
 */
import { spawnSync } from "node:child_process";
import { launchBrowser, login, newContext } from "../../web/e2e/browser";
import { call, dispatch } from "../../web/e2e/plugin-api";
import { ROOT, startFresh } from "../dev-server";
import type { Platform } from "../dev-server";
import { percentile as pct } from "../lib/measure";

const CHROME = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const RUNS = runsAt >= 0 && Number(args[runsAt + 1]) > 0 ? Number(args[runsAt + 1]) : 30;

const ms = (v: number) => `${v.toFixed(1)} ms`;
const stats = (xs: number[]) => `p50 ${ms(pct(xs, 50))}  p99 ${ms(pct(xs, 99))}  (n=${xs.length})`;

interface Entry {
  plugin: string;
  surface: string;
  query: string;
}
interface Envelope {
  result: unknown;
  error?: { code: string; message: string };
}

async function timed<T>(run: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const out = await run();
  return [performance.now() - t0, out];
}


/**
 * wrangler dev reloads the Worker when files change (and drops the page's stream); a request
 * that fails that way, or finds no browser meanwhile, waits for the page to reconnect and is
 * asked again, its time not counted.
 */
type Reconnect = () => Promise<void>;

async function ask(p: Platform, path: string, e: Entry, reconnect: Reconnect): Promise<[number, { status: number; body: Envelope[] }]> {
  for (let attempt = 0; ; attempt++) {
    try {
      const [t, r] = await timed(() => call<Envelope[]>(p.url, p.token, "POST", path, [e]));
      if (r.body?.[0]?.error?.code !== "no_browser" || e.surface === "changelog" || attempt >= 3) return [t, r];
    } catch (error) {
      if (attempt >= 3) throw error;
    }
    await reconnect();
  }
}

/** Times `runs` rounds over `entries` (one entry per request); the error when the first round fails. */
async function bench(p: Platform, entries: Entry[], reconnect: Reconnect, path = "/ai/query", runs = RUNS): Promise<{ times: number[]; bytes: number } | { error: string }> {
  for (const e of entries) {
    const [, r] = await ask(p, path, e, reconnect);
    const env = r.body?.[0];
    if (r.status !== 200 || !env || env.error) return { error: env?.error ? `${env.error.code}: ${env.error.message}` : `HTTP ${r.status}` };
  }
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    for (const e of entries) {
      const [t, r] = await ask(p, path, e, reconnect);
      if (r.status !== 200 || r.body[0]?.error) throw new Error(`${e.plugin}.${e.surface} ${e.query}: ${JSON.stringify(r.body).slice(0, 300)}`);
      times.push(t);
      bytes = Math.max(bytes, JSON.stringify(r.body).length);
    }
  }
  return { times, bytes };
}

function line(label: string, r: { times: number[]; bytes: number } | { error: string }): string {
  return "error" in r ? `${label}: not available (${r.error.slice(0, 160)})` : `${label}: ${stats(r.times)}  largest reply ${r.bytes} B`;
}

async function main(): Promise<void> {
  if (!args.includes("--no-build")) {
    const b = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore" });
    if (b.status !== 0) throw new Error("web build failed");
  }
  const p = await startFresh("bench-ai");
  const browser = await launchBrowser(CHROME);
  try {
    const page = await (await newContext(browser, p.url)).newPage();
    const ws = await login(page, p.admin.email, p.admin.password);
    await page.locator('[data-testid="panel-graphist"] svg.sd-canvas-svg').waitFor();
    await page.locator('[data-testid="live-status"][data-connected="true"]').waitFor({ timeout: 30_000 });
    let reconnects = 0;
    const reconnect = async () => {
      reconnects++;
      await new Promise((r) => setTimeout(r, 500));
      await page.locator('[data-testid="live-status"][data-connected="true"]').waitFor({ timeout: 30_000 });
    };
    for (let i = 0; i < 30; i++) await dispatch(p.url, p.token, ws, "graphist", "add_node", { x: 40 + (i % 10) * 60, y: 60 + Math.floor(i / 10) * 90, label: `n${i}` });

    // 1. The manual.
    const manualTimes: number[] = [];
    let text = "";
    for (let i = 0; i < RUNS + 3; i++) {
      const [t, res] = await timed(() => fetch(`${p.url}/ai/manual?bench=${i}`, { headers: { authorization: `Bearer ${p.token}` } }));
      text = await res.text();
      if (res.status !== 200) throw new Error(`GET /ai/manual: ${res.status} ${text.slice(0, 200)}`);
      if (i >= 3) manualTimes.push(t);
    }
    const size = (s: string) => Buffer.byteLength(s, "utf8");
    const sections = text.split(/^(?=# )/m).filter((s) => s.startsWith("# "));
    const perPlugin = sections.map((s) => `${s.slice(2, s.indexOf("\n")).trim()} ${size(s)} B ≈ ${Math.round(size(s) / 4)} tokens`);

    // 2. Queries.
    const jq = await bench(p, [
      { plugin: "pe", surface: "state", query: ".plugins | map({name, version})" },
      { plugin: "pe", surface: "state", query: ".commands" },
      { plugin: "pe", surface: "state", query: ".errors | map_values(.[:5])" },
    ], reconnect);
    const views: Entry[] = [
      { plugin: "pe", surface: "view", query: "[data-plugin=graphist] [data-component=canvas] circle" },
      { plugin: "pe", surface: "view", query: "[data-component=button]" },
      { plugin: "pe", surface: "view", query: "section[data-plugin] h2" },
    ];
    const cssCached = await bench(p, views, reconnect);
    const cssLive = await bench(p, views, reconnect, "/ai/query?live=1");
    const shot = await bench(p, [{ plugin: "pe", surface: "screenshot", query: "selector:[data-plugin=graphist] [data-component=canvas]" }], reconnect, "/ai/query?live=1", Math.min(RUNS, 10));
    const sql = await bench(p, [
      { plugin: "pe", surface: "changelog", query: "SELECT at, room, command, source, author, summary FROM changelog ORDER BY at DESC LIMIT 20" },
      { plugin: "pe", surface: "changelog", query: "SELECT source, author, count(*) AS n FROM changelog GROUP BY source, author ORDER BY n DESC" },
    ], reconnect);
    const [, probe] = await ask(p, "/ai/query", { plugin: "pe", surface: "view", query: "circle" }, reconnect);
    const nodes = Array.isArray(probe.body?.[0]?.result) ? (probe.body[0]!.result as unknown[]).length : 0;

    console.log(`ai bench (wrangler dev on this machine, Chromium headless connected, ${RUNS} rounds; Graphist with 30 nodes, ${nodes} circles in pe.view)`);
    console.log(`manual: ${size(text)} B ≈ ${Math.round(size(text) / 4)} tokens (bytes/4); per plugin: ${perPlugin.join("; ")}`);
    console.log(`manual build (GET /ai/manual, cache-busted): ${stats(manualTimes)}`);
    console.log(line("query jq  (pe.state recipes)", jq));
    console.log(line("query css (pe.view, snapshot cache ≤ 2 s)", cssCached));
    console.log(line("query css (pe.view ?live=1, the browser computes)", cssLive));
    console.log(line("query screenshot (pe.screenshot ?live=1, canvas PNG)", shot));
    if (reconnects) console.log(`(the page's stream dropped ${reconnects} time(s) — wrangler dev reloads; those requests were asked again and not counted)`);
    console.log(line("query sql (pe.changelog recipes)", sql).replace(/^query sql \(pe.changelog recipes\): not available/, "sql: not available"));
  } finally {
    await browser.close();
    await p.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
