import { describe, expect, it } from "vitest";
import { StarlarkError } from "./errors.ts";
import { compile, run } from "./index.ts";
import { prng } from "../testing/prng";

const CORPUS = [
  "def f(a, b=2, *args, **kw):\n    return [a * b for a in range(b)] + list(args)\nx = f(3, 4, 5, k=1)\n",
  "d = {'a': 1, 'b': [1, 2]}\ns = json.encode(d)\ne = json.decode(s)\nt = sorted(d.keys(), reverse=True)\n",
  "def g(n):\n    r = 0\n    for i in range(n):\n        if i % 3 == 0:\n            continue\n        r += i\n    return r\ny = g(50)\n",
  "s = 'héllo, wörld'\nparts = s.split(', ')\nu = s.upper().replace('L', 'l', 2)\nf = '%s=%d %r' % ('k', 3, u)\n",
  "x = set([1, 2, 3]) | set([4])\ny = [v for v in x if v > 1]\nz = {k: v for k, v in enumerate(y)}\n",
  "def h():\n    l = [1]\n    while len(l) < 10:\n        l = l + l\n    return l[1:5:2]\nw = h()\n",
  "a = 1 << 70\nb = a // 3 + a % 7\nc = float(b) / 2.5\nd = int(c) - (a >> 3)\n",
  "def k(x):\n    return lambda y: x + y\nm = k(1)(2)\nn = str(m) + repr([None, True, 1.5, (1,)])\n",
];

const NAMES = ["x", "y", "z", "f", "len", "range", "str", "list", "dict", "sorted", "json"];
const OPS = ["+", "-", "*", "//", "%", "<", "==", "and", "or", "in", "|", "<<", "not in"];

function genExpr(r: () => number, depth: number): string {
  const pick = <T,>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  if (depth <= 0 || r() < 0.3) {
    return pick([
      () => String(Math.floor(r() * 200) - 100),
      () => String(r() * 10),
      () => JSON.stringify(pick(["", "a", "héllo", "x,y", "{}", "%d"])),
      () => pick(NAMES),
      () => pick(["None", "True", "False", "[]", "{}", "()"]),
      () => String(2n ** BigInt(Math.floor(r() * 100))),
    ])();
  }
  const d = depth - 1;
  return pick([
    () => `(${genExpr(r, d)} ${pick(OPS)} ${genExpr(r, d)})`,
    () => `[${genExpr(r, d)}, ${genExpr(r, d)}]`,
    () => `{${genExpr(r, d)}: ${genExpr(r, d)}}`,
    () => `${pick(["len", "str", "list", "sorted", "repr", "bool", "int", "float", "json.encode", "tuple", "reversed"])}(${genExpr(r, d)})`,
    () => `${genExpr(r, d)}[${genExpr(r, d)}]`,
    () => `${genExpr(r, d)}[${genExpr(r, d)}:${genExpr(r, d)}]`,
    () => `[v for v in ${genExpr(r, d)} if v]`,
    () => `(${genExpr(r, d)} if ${genExpr(r, d)} else ${genExpr(r, d)})`,
    () => `${genExpr(r, d)}.${pick(["append", "get", "keys", "split", "upper", "pop", "items", "format", "join"])}(${genExpr(r, d)})`,
    () => `(lambda a: ${genExpr(r, d)})(${genExpr(r, d)})`,
    () => `[(lambda: v)() for v in ${genExpr(r, d)}]`,
    () => `[f for f in [lambda: w for w in ${genExpr(r, d)}]][0]()`,
    () => `-${genExpr(r, d)}`,
    () => `not ${genExpr(r, d)}`,
  ])();
}

function genProgram(r: () => number): string {
  const lines: string[] = ["x = 1", "y = [1, 2, 3]", "z = {'a': 1}", "def f(a, b = 1):", "    return a"];
  const n = 1 + Math.floor(r() * 6);
  const body: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = r();
    if (c < 0.4) body.push(`v${i} = ${genExpr(r, 3)}`);
    else if (c < 0.55) body.push(`for i${i} in ${genExpr(r, 2)}:`, `    y.append(${genExpr(r, 2)})`);
    else if (c < 0.7) body.push(`if ${genExpr(r, 2)}:`, `    v${i} = ${genExpr(r, 2)}`, "else:", `    v${i} = 0`);
    else if (c < 0.8) body.push(`while ${genExpr(r, 2)}:`, "    y = y + y");
    else body.push(`v${i} = f(${genExpr(r, 2)}, b = ${genExpr(r, 2)})`);
  }
  if (r() < 0.5) lines.push(...body);
  else lines.push("def main():", ...body.map((l) => "    " + l), "main()");
  return lines.join("\n") + "\n";
}

function mutate(r: () => number, src: string): string {
  let s = src;
  const k = 1 + Math.floor(r() * 4);
  const junk = ["(", ")", "[", "]", ":", ",", "\n", "    ", "\t", "'", '"', "\\", "*", "**", "=", "lambda", "for", "0x", "1e", "#", "None", "é"];
  for (let i = 0; i < k; i++) {
    const at = Math.floor(r() * (s.length + 1));
    const c = r();
    if (c < 0.33) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(r() * 5));
    else if (c < 0.66) s = s.slice(0, at) + junk[Math.floor(r() * junk.length)] + s.slice(at);
    else {
      const from = Math.floor(r() * s.length);
      s = s.slice(0, at) + s.slice(from, from + 8) + s.slice(at);
    }
  }
  return s;
}

const BUDGETS = { steps: 20_000, allocBytes: 1 << 20, depth: 40 };

function check(src: string): "ok" | "error" {
  let c: ReturnType<typeof compile>;
  try {
    c = compile(src, "fuzz.star", { recursion: true, globalreassign: true });
  } catch (e) {
    throw new Error(`compile threw ${String(e)} for:\n${src}`);
  }
  if (!c.ok) {
    for (const e of c.errors) expect(e).toBeInstanceOf(StarlarkError);
    return "error";
  }
  const r = run(c.program, { budgets: BUDGETS });
  expect(r.steps).toBeLessThanOrEqual(BUDGETS.steps + 1);
  if (!r.ok) {
    expect(r.error).toBeInstanceOf(StarlarkError);
    expect(r.error.message).not.toMatch(/^internal error/);
    return "error";
  }
  return "ok";
}

describe("fuzz", () => {
  it("every generated program yields a result or a StarlarkError within budget", () => {
    const r = prng(12345);
    const seen = { ok: 0, error: 0 };
    for (let i = 0; i < 1200; i++) seen[check(genProgram(r))]++;
    expect(seen.ok).toBeGreaterThan(50);
    expect(seen.error).toBeGreaterThan(50);
  });

  it("every mutated program yields a result or a StarlarkError within budget", () => {
    const r = prng(777);
    const seen = { ok: 0, error: 0 };
    for (let i = 0; i < 1500; i++) seen[check(mutate(r, CORPUS[i % CORPUS.length]!))]++;
    expect(seen.ok + seen.error).toBe(1500);
  });

  it("random byte soup never escapes as a JavaScript exception", () => {
    const r = prng(99);
    for (let i = 0; i < 500; i++) {
      const n = Math.floor(r() * 60);
      let s = "";
      for (let j = 0; j < n; j++) s += String.fromCharCode(Math.floor(r() * 128));
      check(s);
    }
  });
});
