// Benchmark of the plugin package: validatePlugin on the first-party plugins, and Graphist's
// commands through runHandler at 20, 200 and 2,000 nodes (two edges per node). Prints p50/p95
// wall milliseconds, p50 CPU milliseconds (steadier on a shared machine), Starlark steps and
// state size. Run: `node --import tsx lib/plugin/plugin.bench.ts`
// (or `npm run bench -- plugin` once scripts/bench/plugin.ts forwards here).
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { JsonValue, PluginFiles } from "./index.ts";

type Lib = typeof import("./index.ts");
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");

// Measured as deployed (one esbuild bundle, as wrangler builds it) when esbuild is available.
async function loadLib(): Promise<{ lib: Lib; mode: string }> {
  try {
    const esbuild = await import("esbuild");
    const out = join(tmpdir(), `frameos-plugin-bench-${process.pid}.mjs`);
    await esbuild.build({ entryPoints: [join(here, "index.ts")], bundle: true, format: "esm", platform: "node", outfile: out, logLevel: "silent" });
    return { lib: (await import(pathToFileURL(out).href)) as Lib, mode: "esbuild bundle" };
  } catch (e) {
    return { lib: await import("./index.ts"), mode: `unbundled (${e instanceof Error ? e.message.split("\n")[0] : String(e)})` };
  }
}

function readPlugin(lib: Lib, name: string): PluginFiles {
  const files = {} as PluginFiles;
  for (const f of lib.PLUGIN_FILE_NAMES) files[f] = readFileSync(join(root, "plugins", name, f), "utf8");
  return files;
}

// Wall time, and this process's CPU time (process.cpuUsage), which other processes on a busy
// machine do not inflate; GC helper threads count in it.
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function measure(runs: number, f: () => void): { p50: number; p95: number; cpu50: number } {
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < Math.max(3, runs / 5); i++) f();
  for (let i = 0; i < runs; i++) {
    const c = cpuMs();
    const t = performance.now();
    f();
    times.push(performance.now() - t);
    cpu.push(cpuMs() - c);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { p50: times[Math.floor(runs * 0.5)]!, p95: times[Math.min(runs - 1, Math.floor(runs * 0.95))]!, cpu50: cpu[Math.floor(runs * 0.5)]! };
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1)).padStart(7);

const { lib, mode } = await loadLib();
console.log(`plugin bench (${mode})\n`);

for (const name of ["graphist", "pe"]) {
  const files = readPlugin(lib, name);
  const m = measure(30, () => {
    if (!lib.validatePlugin(files).ok) throw new Error(`${name} does not validate`);
  });
  console.log(`validatePlugin ${name.padEnd(9)} p50 ${fmt(m.p50)} ms  p95 ${fmt(m.p95)} ms`);
}

const graphist = lib.validatePlugin(readPlugin(lib, "graphist"));
if (!graphist.ok) throw new Error("graphist does not validate");
const handlers = lib.loadHandlers(graphist.plugin.files["handlers.star"]);
if (!handlers.ok) throw new Error("graphist handlers do not load");
const { globals } = handlers;
const { budgets } = graphist.plugin;

function graph(n: number): JsonValue {
  const nodes = Array.from({ length: n }, (_, i) => ({ id: `n${i + 1}`, label: `Node ${i + 1}`, x: (i * 37) % 800, y: (i * 53) % 600 }));
  const edges = Array.from({ length: 2 * n }, (_, i) => ({ id: `e${i + 1}`, from: `n${(i % n) + 1}`, to: `n${((i * 7 + 3) % n) + 1}` })).filter((e) => e.from !== e.to);
  const stale = { nodes, edges, selected: null, next_id: n + 1, next_edge_id: 2 * n + 1, scene: { elements: [] } };
  const r = lib.runHandler(globals, "select", { state: stale, params: { id: null }, ctx: {} }, budgets);
  if (!r.ok) throw new Error(r.message);
  return r.result.state!;
}

const commands: [string, Record<string, JsonValue>][] = [
  ["add_node", { x: 10, y: 10 }],
  ["move_node", { id: "n2", x: 300, y: 200 }],
  ["select", { id: "n3" }],
  ["connect", { from: "n2", to: "n9" }],
  ["remove_node", { id: "n5" }],
  ["layout_circle", {}],
];

console.log("\nGraphist commands (runHandler: convert in, run, convert out, check the result)");
for (const n of [20, 200, 2000]) {
  const state = graph(n);
  console.log(`\n${n} nodes, ${(JSON.stringify(state).length / 1024).toFixed(0)} KB of state`);
  const first = lib.runHandler(globals, "select", { state, params: { id: null }, ctx: {} }, budgets);
  const stateValue = first.ok ? first.stateValue : undefined;
  for (const [command, params] of commands) {
    let steps = 0;
    const runs = n >= 2000 ? 10 : 40;
    const fresh = measure(runs, () => {
      const r = lib.runHandler(globals, command, { state, params, ctx: {} }, budgets);
      if (!r.ok) throw new Error(`${command}: ${r.message}`);
      steps = r.steps;
    });
    const kept = measure(runs, () => {
      const r = lib.runHandler(globals, command, { state, params, ctx: {} }, budgets, stateValue === undefined ? {} : { stateValue });
      if (!r.ok) throw new Error(`${command}: ${r.message}`);
    });
    console.log(`  ${command.padEnd(14)} p50 ${fmt(fresh.p50)} ms  p95 ${fmt(fresh.p95)} ms  cpu p50 ${fmt(fresh.cpu50)} ms  | state kept as a value: p50 ${fmt(kept.p50)} ms  cpu p50 ${fmt(kept.cpu50)} ms  | ${String(steps).padStart(6)} steps`);
  }
}
