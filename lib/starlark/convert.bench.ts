// Benchmark of the JSON ⇄ Starlark boundary on a generated Graphist-like state (2,000 nodes,
// 4,000 edges, the scene of both layers: about 1.4 MB of JSON). Prints ns per conversion for
// toStarlark, fromStarlark, freeze and JSON.parse(JSON.stringify(x)), measured interleaved in
// the same run (median of rounds) with ratios to the JSON round trip, which is the fair yardstick
// on a noisy machine (CPU time where available); the path-tracking reference conversions, which
// the fast paths fall back to for errors, are timed too. Run: `node --import tsx lib/starlark/convert.bench.ts [--nodes=2000] [--rounds=7]`.
// Measured as deployed (one esbuild bundle) when esbuild is available, else through tsx.

type Lib = typeof import("./index.ts") & Pick<typeof import("./convert.ts"), "toStarlarkReference" | "fromStarlarkReference">;
const ENTRY = 'export * from "./index.ts"; export { toStarlarkReference, fromStarlarkReference } from "./convert.ts";';

async function loadLib(): Promise<{ lib: Lib; mode: string }> {
  try {
    const esbuild = await import("esbuild");
    const resolveDir = new URL(".", import.meta.url).pathname;
    const r = await esbuild.build({ stdin: { contents: ENTRY, resolveDir, loader: "ts" }, bundle: true, format: "esm", platform: "neutral", write: false, logLevel: "silent" });
    const code = r.outputFiles[0]!.text;
    const url = `data:text/javascript,${encodeURIComponent(code)}`;
    return { lib: (await import(url)) as Lib, mode: "esbuild bundle" };
  } catch (e) {
    return { lib: { ...(await import("./index.ts")), ...(await import("./convert.ts")) }, mode: `tsx, unbundled (${e instanceof Error ? e.message.split("\n")[0] : String(e)})` };
  }
}

/** The state Graphist's handlers keep: nodes, edges and the rendered scene (two layers). */
export function graphistState(n: number): unknown {
  const nodes = Array.from({ length: n }, (_, i) => ({ id: `n${i + 1}`, label: `Node ${i + 1}`, x: (i * 37) % 800, y: (i * 53) % 600 }));
  const edges = Array.from({ length: 2 * n }, (_, i) => ({ id: `e${i + 1}`, from: `n${(i % n) + 1}`, to: `n${((i * 7 + 3) % n) + 1}` })).filter((e) => e.from !== e.to);
  const at = new Map(nodes.map((v) => [v.id, v]));
  const lines = edges.map((e) => {
    const a = at.get(e.from)!;
    const b = at.get(e.to)!;
    return { kind: "line", id: `edge-${e.id}`, x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: "graphist-edge", data: { edge: e.id, from: e.from, to: e.to } };
  });
  const marks = nodes.flatMap((v) => [
    { kind: "circle", id: `node-${v.id}`, cx: v.x, cy: v.y, r: 18, class: "graphist-node", label: v.label, data: { node: v.id } },
    { kind: "text-label", id: `label-${v.id}`, x: v.x, y: v.y + 24, text: v.label, anchor: "middle", baseline: "top", class: "graphist-label", data: { node: v.id } },
  ]);
  return {
    nodes,
    edges,
    selected: null,
    next_id: n + 1,
    next_edge_id: 2 * n + 1,
    scene: { elements: [{ kind: "layer", id: "edges", name: "edges", children: lines }, { kind: "layer", id: "nodes", name: "nodes", children: marks }] },
  };
}

function arg(name: string, dflt: number): number {
  const a = (globalThis as { process?: { argv: string[] } }).process?.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.slice(name.length + 3)) : dflt;
}

// CPU time of this process when the host has it (Node's process.cpuUsage: other processes on a
// busy machine do not count), else wall time.
const cpuUsage = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process?.cpuUsage;
const clockName = cpuUsage ? "CPU time" : "wall time";
const nowMs = cpuUsage
  ? () => {
      const u = cpuUsage();
      return (u.user + u.system) / 1000;
    }
  : () => performance.now();

/** ns per call of f, timing calls for at least `ms` milliseconds. */
function time(f: () => void, ms: number): number {
  let n = 0;
  const t0 = nowMs();
  let t = t0;
  while (t - t0 < ms || n < 2) {
    f();
    n++;
    t = nowMs();
  }
  return ((t - t0) * 1e6) / n;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const min = (xs: number[]) => Math.min(...xs);

const { lib, mode } = await loadLib();
const { toStarlark, fromStarlark, freeze, toStarlarkReference, fromStarlarkReference } = lib;
const nodes = arg("nodes", 2000);
const rounds = arg("rounds", 7);
const state = graphistState(nodes);
const bytes = JSON.stringify(state).length;
const value = toStarlark(state);
if (JSON.stringify(fromStarlark(value)) !== JSON.stringify(state)) throw new Error("round trip differs");
if (JSON.stringify(fromStarlarkReference(toStarlarkReference(state))) !== JSON.stringify(state)) throw new Error("reference round trip differs");

let sink: unknown;
const cases: [string, () => void][] = [
  ["JSON.parse(JSON.stringify(x))", () => (sink = JSON.parse(JSON.stringify(state)))],
  ["toStarlark(x)", () => (sink = toStarlark(state))],
  ["fromStarlark(v)", () => (sink = fromStarlark(value))],
  ["freeze(toStarlark(x))", () => freeze((sink = toStarlark(state)))],
  ["toStarlark + fromStarlark(freeze)", () => (sink = fromStarlark(toStarlark(state), { freeze: true }))],
  ["toStarlark + fromStarlark + freeze", () => {
    const v = toStarlark(state);
    sink = fromStarlark(v);
    freeze(v);
  }],
  ["toStarlarkReference(x) (error path)", () => (sink = toStarlarkReference(state))],
  ["fromStarlarkReference(v) (error path)", () => (sink = fromStarlarkReference(value))],
];
const samples = cases.map(() => [] as number[]);
for (let i = 0; i < 2; i++) for (const [, f] of cases) f(); // warm up
for (let r = 0; r < rounds; r++) cases.forEach(([, f], i) => samples[i]!.push(time(f, 300)));
void sink;

console.log(`starlark convert bench (${mode}): Graphist-like state, ${nodes} nodes, ${(bytes / 1024).toFixed(0)} KB of JSON, ${clockName}, median (and min) of ${rounds} rounds\n`);
const base = median(samples[0]!);
const baseMin = min(samples[0]!);
cases.forEach(([name], i) => {
  const ns = median(samples[i]!);
  const lo = min(samples[i]!);
  console.log(`  ${name.padEnd(36)} ${Math.round(ns).toLocaleString("en").padStart(13)} ns/op  ×${(ns / base).toFixed(2)} of JSON   (min ${(lo / 1e6).toFixed(1)} ms, ×${(lo / baseMin).toFixed(2)})`);
});
