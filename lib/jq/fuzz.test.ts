import { describe, expect, it } from "vitest";
import { compile, JqError, runAll } from "./index";
import type { JsonValue } from "./index";
import { prng } from "../testing/prng";

const BUILTINS0 = ["length", "keys", "add", "tostring", "tojson", "type", "sort", "reverse", "tonumber", "ascii_downcase", "explode", "implode", "floor", "not", "to_entries", "from_entries", "[paths]", "flatten", "unique", "min", "max", "@base64", "@base64d", "@csv", "@sh", "@uri", "@html", "@json", "fromjson", "tostream", "utf8bytelength", "trim", "ltrimstr(\"a\")", "splits(\"a\")", "first", "last", "gmtime", "todate", "infinite", "nan", "isnan", "..", "empty", "error", "input", "env", "$__loc__", "abs", "sqrt", "transpose", "combinations", "any", "all", "values", "scalars", "leaf_paths", "getpath([\"a\"])", "halt_error"];
const BUILTINS1 = ["map", "select", "has", "split", "join", "test", "match", "capture", "scan", "recurse", "path", "del", "getpath", "with_entries", "sort_by", "group_by", "unique_by", "min_by", "range", "repeat", "splits", "indices", "contains", "ltrimstr", "any", "all", "walk", "first", "last", "isempty", "add", "error", "limit(3; .[]?) | tostring | test", "strftime", "flatten", "tojson | fromjson | has", "paths", "pick", "nth(1; .[]?) | has", "IN", "gsub(\"a\"; \"b\") | test"];
const OPS = ["+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "and", "or", "//"];

function genProgram(r: () => number): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  const vars: string[] = [];
  const gen = (d: number): string => {
    if (d <= 0 || r() < 0.25) {
      const leaf = [".", ".a", ".[0]", ".[]?", ".[1:]", "1", "-2.5", '"a"', '"ab\\(1)"', "null", "true", "[]", "{}", "{a: 1}", "[1, 2]", ...vars.map((v) => "$" + v)];
      return pick(leaf);
    }
    const a = (): string => gen(d - 1);
    switch (Math.floor(r() * 22)) {
      case 0: return `(${a()}) ${pick(OPS)} (${a()})`;
      case 1: return `${a()} | ${a()}`;
      case 2: return `${a()}, ${a()}`;
      case 3: return `[${a()}]`;
      case 4: return `{a: (${a()}), "b\\(1)": 2}`;
      case 5: return `(${a()})?`;
      case 6: return `try (${a()}) catch (${a()})`;
      case 7: return `if ${a()} then ${a()} else ${a()} end`;
      case 8: {
        const v = `v${vars.length}`;
        const src = a();
        const init = a();
        vars.push(v);
        const body = a();
        vars.pop();
        return r() < 0.5 ? `reduce (${src}) as $${v} (${init}; ${body})` : `[foreach (${src}) as $${v} (${init}; ${body})]`;
      }
      case 9: {
        const v = `v${vars.length}`;
        const src = a();
        vars.push(v);
        const body = a();
        vars.pop();
        return r() < 0.7 ? `(${src}) as $${v} | ${body}` : `(${src}) as [$${v}] ?// $${v} | ${body}`;
      }
      case 10: return `def f(g): ${a()} | g; f(${a()})`;
      case 11: return `def f: if length > 3 then . else [.] | f end; ${a()} | f`;
      case 12: return `label $out | ${a()} | ., break $out`;
      case 13: return `limit(${Math.floor(r() * 4)}; ${a()})`;
      case 14: return `(${a()}) | ${pick(BUILTINS0)}`;
      case 15: return `${pick(BUILTINS1)}(${a()})`;
      case 16: return `(${a()}) ${pick(["=", "|=", "+=", "-=", "//="])} (${a()})`;
      case 17: return `"\\(${a()})"`;
      case 18: return `-(${a()})`;
      case 19: return `(${a()})[${a()}]`;
      case 20: return `sub("(?<x>a)"; "\\(.x)")`;
      default: return `${a()} | .. | numbers`;
    }
  };
  return gen(5);
}

function genValue(r: () => number, d: number): JsonValue {
  const k = Math.floor(r() * (d > 0 ? 9 : 6));
  switch (k) {
    case 0: return null;
    case 1: return r() < 0.5;
    case 2: return Math.floor(r() * 20) - 5;
    case 3: return r() * 100;
    case 4: return ["a", "ab", "", "μ😀", "1", "2024-01-02T03:04:05Z", "a,b"][Math.floor(r() * 7)]!;
    case 5: return "b".repeat(Math.floor(r() * 4));
    case 6: case 7: return Array.from({ length: Math.floor(r() * 4) }, () => genValue(r, d - 1));
    default: {
      const o: { [k: string]: JsonValue } = {};
      for (const key of ["a", "b", "c"].slice(0, Math.floor(r() * 4))) o[key] = genValue(r, d - 1);
      return o;
    }
  }
}

describe("fuzz", () => {
  it("ends every random program in outputs or a JqError within budget", () => {
    const r = prng(20260706);
    let ok = 0;
    let errors = 0;
    const started = Date.now();
    for (let i = 0; i < 2000; i++) {
      const program = genProgram(r);
      const input = genValue(r, 3);
      const c = compile(program);
      if (!c.ok) {
        expect(c.errors[0], program).toBeInstanceOf(JqError);
        errors++;
        continue;
      }
      const t0 = Date.now();
      let res: ReturnType<typeof runAll>;
      try {
        res = runAll(c.query, input, { steps: 10_000, outputBytes: 100_000, maxDepth: 128, deadlineMs: 500, now: () => Date.now() });
      } catch (e) {
        throw new Error(`runAll threw on ${program} with ${JSON.stringify(input)}: ${String(e)}`);
      }
      expect(Date.now() - t0, program).toBeLessThan(1000);
      if (res.ok) ok++;
      else {
        expect(res.error, program).toBeInstanceOf(JqError);
        expect(res.error.message, program).not.toMatch(/internal error/);
        errors++;
      }
    }
    expect(ok).toBeGreaterThan(300);
    expect(ok + errors).toBe(2000);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 20_000);

  it("never throws from compile on random token soup", () => {
    const r = prng(7);
    const atoms = [".", "..", "[", "]", "{", "}", "(", ")", "|", ",", ":", ";", "as", "$x", "def", "f", "if", "then", "else", "end", "reduce", "foreach", "try", "catch", "?", "?//", "//", "=", "|=", "+", "-", "1", '"s\\(', '"', "@csv", "label", "break", "$__loc__", "\\", "#", "\n", "import", "module", "elif"];
    for (let i = 0; i < 2000; i++) {
      const src = Array.from({ length: 1 + Math.floor(r() * 12) }, () => atoms[Math.floor(r() * atoms.length)]).join(" ");
      const c = compile(src);
      if (!c.ok) expect(c.errors[0], src).toBeInstanceOf(JqError);
      else expect(runAll(c.query, { a: [1] }, { steps: 10_000 }).ok !== undefined, src).toBe(true);
    }
  });
});
