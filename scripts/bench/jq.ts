// `npm run bench -- jq [--runs N] [--sizes 1,10]`: typical AI queries over generated 1 MB and 10 MB
// states, timed with lib/jq and (when installed) the jq binary in the same run.
//
// Timing: JSON parse time is INCLUDED on both sides ("total": ours = JSON.parse + run to completion;
// jq = wall time of `jq -c <query> file`, which includes process start and parsing). A second pair of
// columns EXCLUDES parsing: ours = run only; jq = its time minus `jq empty file` (start + parse).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compile, runAll } from "../../lib/jq/index";
import type { JsonValue } from "../../lib/jq/index";
import { prng } from "../../lib/testing/prng";

const args = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const RUNS = Number(opt("--runs", "3"));
const SIZES_MB = opt("--sizes", "1,10").split(",").map(Number);

const QUERIES = [
  ".nodes | length",
  ".nodes[] | select(.x > 500) | .id",
  "[.nodes[] | .label] | sort | .[:10]",
  "[.nodes[] | select(.type == \"task\")] | length",
  ".nodes | group_by(.type) | map({type: .[0].type, n: length})",
  ".nodes[0] | to_entries | map(.key)",
  ".nodes | map(.x) | add / length",
  "[paths(type == \"number\")] | length",
  "[.. | numbers] | add",
  ".edges | map(select(.weight > 0.9)) | length",
  "[.nodes[] | {id, tags: (.tags | join(\",\"))}] | .[-3:]",
  ".nodes | map(select(.label | test(\"7$\"))) | length",
  "[.nodes[] | .meta.score] | max",
  ".nodes | unique_by(.type) | map(.type)",
  "reduce .edges[] as $e ({}; .[$e.from] += 1) | length",
];

function makeState(targetBytes: number): string {
  const rnd = prng(42);
  const types = ["task", "note", "frame", "image", "group"];
  const nodes: JsonValue[] = [];
  const edges: JsonValue[] = [];
  let bytes = 0;
  for (let i = 0; bytes < targetBytes; i++) {
    const node = {
      id: `n${i}`,
      label: `Node ${Math.floor(rnd() * 1e6)}`,
      type: types[Math.floor(rnd() * types.length)]!,
      x: Math.round(rnd() * 10000) / 10,
      y: Math.round(rnd() * 10000) / 10,
      tags: ["a", "b", "c", "d"].filter(() => rnd() < 0.5),
      meta: { score: Math.round(rnd() * 100), active: rnd() < 0.5, owner: rnd() < 0.2 ? null : `u${Math.floor(rnd() * 50)}` },
    };
    nodes.push(node);
    bytes += JSON.stringify(node).length + 1;
    if (i > 0) {
      const edge = { from: `n${Math.floor(rnd() * i)}`, to: `n${i}`, weight: Math.round(rnd() * 1000) / 1000 };
      edges.push(edge);
      bytes += JSON.stringify(edge).length + 1;
    }
  }
  return JSON.stringify({ version: 1, nodes, edges });
}

/** Best of RUNS timings; a run slower than 5 s is not repeated. */
function best(f: () => void): number {
  let b = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    f();
    const ms = performance.now() - t0;
    b = Math.min(b, ms);
    if (ms > 5000) break;
  }
  return b;
}

console.log("timing: 'ours'/'jq' INCLUDE JSON parsing on both sides (ours = JSON.parse + run; jq = process wall time);");
console.log("        'ours-run'/'jq-run' EXCLUDE it (ours = run only; jq = its time minus `jq empty file`). ratio = ours / jq.");
console.log("        lib/jq is warmed up first on a 200 KB state (a Durable Object isolate is long-lived).");
const hasJq = spawnSync("jq", ["--version"], { encoding: "utf8" });
const jqVersion = hasJq.error || hasJq.status !== 0 ? null : hasJq.stdout.trim();
if (!jqVersion) console.log("note: the jq binary is not installed here; only lib/jq timings are printed (no ratios).");

function runJq(q: string, file: string): { ms: number; out: string } {
  let out = "";
  const ms = best(() => {
    const r = spawnSync("jq", ["-c", q, file], { encoding: "utf8", maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new Error(`jq failed on ${q}: ${r.stderr}`);
    out = r.stdout;
  });
  return { ms, out };
}

const fmt = (n: number): string => (n < 10 ? n.toFixed(2) : n.toFixed(1)).padStart(8);
// warm the JIT once on a small state, as a long-lived Durable Object isolate would be
{
  const warm = JSON.parse(makeState(200 * 1024)) as JsonValue;
  for (const q of QUERIES) {
    const c = compile(q);
    if (c.ok) for (let i = 0; i < 3; i++) runAll(c.query, warm, { steps: 1e9, outputBytes: 1 << 28 });
  }
}

const dir = mkdtempSync(join(tmpdir(), "jq-bench-"));
try {
  for (const mb of SIZES_MB) {
    const text = makeState(mb * 1024 * 1024);
    const file = join(dir, `state-${mb}mb.json`);
    writeFileSync(file, text);
    const parseMs = best(() => JSON.parse(text));
    const jqBase = jqVersion ? runJq("empty", file).ms : NaN;
    console.log(`\n== ${(text.length / 1048576).toFixed(1)} MB state; JSON.parse ${parseMs.toFixed(1)} ms; ${jqVersion ?? "no jq"}${jqVersion ? ` start+parse ${jqBase.toFixed(1)} ms` : ""}; best of ${RUNS}`);
    console.log(`${"query".padEnd(62)} ${"ours".padStart(8)} ${"jq".padStart(8)} ${"ratio".padStart(6)} | ${"ours-run".padStart(8)} ${"jq-run".padStart(8)} ${"ratio".padStart(6)}`);
    const ratios: number[] = [];
    for (const q of QUERIES) {
      const c = compile(q);
      if (!c.ok) throw new Error(`${q}: ${c.errors[0]!.message}`);
      const input = JSON.parse(text) as JsonValue;
      let outputs: JsonValue[] = [];
      const runMs = best(() => {
        const r = runAll(c.query, input, { steps: 1e9, outputBytes: 1 << 28 });
        if (!r.ok) throw new Error(`${q}: ${r.error.message}`);
        outputs = r.outputs;
      });
      const total = parseMs + runMs;
      let line = `${q.slice(0, 62).padEnd(62)} ${fmt(total)}`;
      if (jqVersion) {
        const j = runJq(q, file);
        const jqOut = j.out.trim() === "" ? [] : j.out.trim().split("\n").map((l) => JSON.parse(l) as JsonValue);
        const same = JSON.stringify(jqOut) === JSON.stringify(outputs);
        const jqRun = j.ms - jqBase;
        ratios.push(total / j.ms);
        // below ~2 ms the jq-minus-baseline estimate is noise, so no run-only ratio is printed
        const runRatio = jqRun >= 2 ? (runMs / jqRun).toFixed(2) : "-";
        line += ` ${fmt(j.ms)} ${(total / j.ms).toFixed(2).padStart(6)} | ${fmt(runMs)} ${jqRun >= 2 ? fmt(jqRun) : "      ~0"} ${runRatio.padStart(6)}${same ? "" : "  (outputs differ)"}`;
      } else line += `                  | ${fmt(runMs)}`;
      console.log(line);
    }
    if (ratios.length) {
      const geo = Math.exp(ratios.reduce((a, r) => a + Math.log(r), 0) / ratios.length);
      console.log(`geometric mean ours/jq (parse included): ${geo.toFixed(2)}; worst ${Math.max(...ratios).toFixed(2)}`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
