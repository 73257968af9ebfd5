// `npm run bench -- starlark [file.star] [--time=1s] [--no-go]`: runs every bench_* function of
// benchmark.star with the b.n protocol (n grows until one call takes >= --time) and prints ns/op.
// If Go and Debian's golang-starlark-dev sources are installed, the same file is measured with
// starlark-go and the ratio is printed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { pathToFileURL } from "node:url";
import type { Value } from "../../lib/starlark/index.ts";

// Measure the interpreter as deployed: bundled (as wrangler does) rather than through tsx's
// per-module loader, whose keep-names and module wrappers add large overhead. Falls back to a
// direct import when esbuild is not available.
async function loadLib(): Promise<{ lib: typeof import("../../lib/starlark/index.ts"); mode: string }> {
  try {
    const esbuild = await import("esbuild");
    const out = join(tmpdir(), `frameos-starlark-bench-${process.pid}.mjs`);
    await esbuild.build({ entryPoints: [join(root, "lib/starlark/index.ts")], bundle: true, format: "esm", platform: "neutral", outfile: out, logLevel: "silent" });
    return { lib: (await import(pathToFileURL(out).href)) as typeof import("../../lib/starlark/index.ts"), mode: "esbuild bundle" };
  } catch (e) {
    const why = e instanceof Error ? e.message.split("\n")[0] : String(e);
    return { lib: await import("../../lib/starlark/index.ts"), mode: `tsx, unbundled and slower (no bundle: ${why})` };
  }
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--")) ?? resolve(root, "../shared/conformance/starlark/benchmark.star");
const timeArg = args.find((a) => a.startsWith("--time="))?.slice(7) ?? "1s";
const rounds = Math.max(1, Number(args.find((a) => a.startsWith("--rounds="))?.slice(9) ?? "1"));
const targetMs = timeArg.endsWith("ms") ? Number(timeArg.slice(0, -2)) : Number(timeArg.replace(/s$/, "")) * 1000;

const { lib, mode } = await loadLib();
const { call, compile, run, SHost } = lib;

class Bench extends (SHost as unknown as typeof import("../../lib/starlark/index.ts").SHost) {
  readonly typeName = "bench";
  constructor(readonly n: number) {
    super();
  }
  override getAttr(name: string): Value | undefined {
    return name === "n" ? this.n : undefined;
  }
  override attrNames(): string[] {
    return ["n"];
  }
}

const c = compile(readFileSync(file, "utf8"), file.split("/").pop()!, { set: true, globalreassign: true });
if (!c.ok) {
  console.error(c.errors.map((e) => e.format()).join("\n"));
  process.exit(1);
}
const mod = run(c.program, { budgets: { steps: Infinity, allocBytes: Infinity } });
if (!mod.ok) {
  console.error(mod.error.format());
  process.exit(1);
}
const names = [...mod.value.keys()].filter((n) => n.startsWith("bench_")).sort();
console.log(`starlark (TypeScript, ${mode}), node ${process.version}, target ${targetMs} ms per call, best of ${rounds} round(s)`);

function measure(fn: Value): { n: number; ns: number } | string {
  let n = 1;
  for (;;) {
    const t0 = performance.now();
    const r = call(fn, [new Bench(n)], [], { budgets: { steps: Infinity, allocBytes: Infinity, depth: 1000 } });
    const el = performance.now() - t0;
    if (!r.ok) return r.error.message;
    if (el >= targetMs || n >= 1e9) return { n, ns: (el * 1e6) / n };
    let next = n * 100;
    if (el > 0) next = Math.min(next, Math.floor((n * targetMs * 1.2) / el));
    n = Math.max(next, n + 1);
  }
}

const GO_SRC = `package main

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"go.starlark.net/resolve"
	"go.starlark.net/starlark"
	"go.starlark.net/starlarkjson"
)

type bench struct{ n int }

func (b bench) String() string        { return "bench" }
func (b bench) Type() string          { return "bench" }
func (b bench) Freeze()               {}
func (b bench) Truth() starlark.Bool  { return true }
func (b bench) Hash() (uint32, error) { return 0, fmt.Errorf("unhashable") }
func (b bench) Attr(name string) (starlark.Value, error) {
	if name == "n" {
		return starlark.MakeInt(b.n), nil
	}
	return nil, nil
}
func (b bench) AttrNames() []string { return []string{"n"} }

func main() {
	resolve.AllowSet = true
	resolve.AllowGlobalReassign = true
	thread := &starlark.Thread{Name: "bench"}
	globals, err := starlark.ExecFile(thread, os.Args[1], nil, starlark.StringDict{"json": starlarkjson.Module})
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(1)
	}
	names := []string{}
	for name := range globals {
		if strings.HasPrefix(name, "bench_") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	target, _ := time.ParseDuration(os.Args[2])
	if len(os.Args) > 3 {
		names = []string{os.Args[3]}
	}
	for _, name := range names {
		n := 1
		for {
			start := time.Now()
			_, err := starlark.Call(thread, globals[name], starlark.Tuple{bench{n}}, nil)
			el := time.Since(start)
			if err != nil {
				fmt.Printf("%s ERROR %v\\n", name, err)
				break
			}
			if el >= target || n >= 1e9 {
				fmt.Printf("%s %d %.1f\\n", name, n, float64(el.Nanoseconds())/float64(n))
				break
			}
			next := n * 100
			if el > 0 {
				if est := int(float64(n) * float64(target) * 1.2 / float64(el)); est < next {
					next = est
				}
			}
			if next <= n {
				next = n + 1
			}
			n = next
		}
	}
}
`;

/** Builds the starlark-go runner if Go and its sources are installed; else returns why not. */
function buildGo(): { run: (name: string) => number | string } | string {
  const gopath = "/usr/share/gocode";
  if (spawnSync("go", ["version"]).status !== 0) return "Go toolchain not installed";
  if (!existsSync(join(gopath, "src/go.starlark.net/starlark"))) return "starlark-go sources not installed (apt-get install golang-starlark-dev)";
  const dir = join(tmpdir(), "frameos-starlark-go-bench");
  mkdirSync(join(dir, "src/slbench"), { recursive: true });
  writeFileSync(join(dir, "src/slbench/main.go"), GO_SRC);
  const env = { ...process.env, GO111MODULE: "off", GOPATH: `${dir}:${gopath}`, GOFLAGS: "", GOCACHE: join(dir, "cache") };
  const b = spawnSync("go", ["build", "-o", join(dir, "slbench"), "slbench"], { env, cwd: dir, encoding: "utf8" });
  if (b.status !== 0) return `go build failed: ${b.stderr.trim()}`;
  return {
    run: (name) => {
      const r = spawnSync(join(dir, "slbench"), [resolve(file), `${targetMs}ms`, name], { encoding: "utf8" });
      const [, n, ns] = r.stdout.trim().split(" ");
      return n === "ERROR" ? r.stdout.trim().slice(name.length + 7) : ns === undefined ? `failed: ${r.stderr.trim()}` : Number(ns);
    },
  };
}

// Ours and starlark-go alternate per benchmark (best of --rounds each) so that load on a
// shared machine affects both sides alike.
const go = args.includes("--no-go") ? "skipped (--no-go)" : buildGo();
let total = 0;
let sumOurs = 0;
let sumGo = 0;
const fmt = (ns: number): string => ns.toFixed(1).padStart(14);
console.log(`${"benchmark".padEnd(40)} ${"n".padStart(10)} ${"ns/op".padStart(14)}${typeof go === "string" ? "" : `   ${"go ns/op".padStart(14)}  ours/go`}`);
for (const name of names) {
  let best: { n: number; ns: number } | string = "not run";
  let bestGo: number | string = "not run";
  for (let i = 0; i < rounds; i++) {
    const r = measure(mod.value.get(name)!);
    if (typeof r === "string") best = r;
    else if (typeof best === "string" || r.ns < best.ns) best = r;
    if (typeof go !== "string") {
      const g = go.run(name);
      if (typeof g === "string") bestGo = g;
      else if (typeof bestGo === "string" || g < bestGo) bestGo = g;
    }
  }
  if (typeof best === "string") {
    console.log(`${name.padEnd(40)} ERROR ${best}`);
    continue;
  }
  total += best.ns;
  let cmp = "";
  if (typeof go !== "string") {
    if (typeof bestGo === "number") {
      sumOurs += best.ns;
      sumGo += bestGo;
      cmp = `   ${fmt(bestGo)}  ${(best.ns / bestGo).toFixed(2)}x`;
    } else cmp = `   starlark-go: ${bestGo}`;
  }
  console.log(`${name.padEnd(40)} ${String(best.n).padStart(10)} ${fmt(best.ns)}${cmp}`);
}
console.log(`${"total".padEnd(40)} ${"".padStart(10)} ${fmt(total)}`);
if (typeof go === "string") console.log(`starlark-go could not be measured here: ${go}`);
else {
  console.log(`${"total where both ran".padEnd(40)} ${"".padStart(10)} ${fmt(sumOurs)}   ${fmt(sumGo)}  ${(sumOurs / sumGo).toFixed(2)}x`);
  console.log("starlark-go: Debian golang-starlark-dev (Jan 2021 snapshot), built with the installed Go, same machine, same run");
}
