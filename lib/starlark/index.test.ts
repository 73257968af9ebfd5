import { describe, expect, it } from "vitest";
import { call, compile, fromStarlark, run, SDict, StarlarkError, toStarlark } from "./index.ts";

const HANDLERS = `
def add_node(state, params, ctx):
    nodes = list(state.get("nodes", []))
    nodes.append({"id": params["id"], "by": ctx["user"]})
    return {"nodes": nodes, "count": len(nodes)}

def boom(state, params, ctx):
    return params["missing"]
`;

function load() {
  const c = compile(HANDLERS, "handlers.star");
  if (!c.ok) throw c.errors[0];
  const m = run(c.program);
  if (!m.ok) throw m.error;
  return m.value;
}

describe("host API", () => {
  it("runs a handler the way the plugin engine does", () => {
    const g = load();
    const r = call(g.get("add_node")!, [toStarlark({ nodes: [] }), toStarlark({ id: "n1" }), toStarlark({ user: "ann" })], [], { budgets: { steps: 10_000 } });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(JSON.parse(JSON.stringify(fromStarlark(r.value)))).toEqual({ nodes: [{ id: "n1", by: "ann" }], count: 1 });
      expect(r.steps).toBeGreaterThan(0);
    }
  });

  it("returns errors as values, never throws", () => {
    const g = load();
    const r = call(g.get("boom")!, [toStarlark({}), toStarlark({}), toStarlark({})]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toBeInstanceOf(StarlarkError);
      expect(r.error.message).toBe('key "missing" not in dict');
      expect(r.error.pos).toMatchObject({ file: "handlers.star", line: 8 });
      expect(r.error.callStack[0]?.name).toBe("boom");
    }
    const notFn = call(toStarlark(1), []);
    expect(notFn.ok).toBe(false);
  });

  it("reports compile errors as a list with positions", () => {
    const c = compile("x = \ny = undefined_name", "bad.star");
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.errors[0]).toMatchObject({ code: "syntax", pos: { file: "bad.star", line: 1 } });
    const r = compile("y = undefined_name\nz = other", "bad.star");
    if (!r.ok) expect(r.errors.map((e) => e.code)).toEqual(["resolve", "resolve"]);
  });

  it("passes keyword arguments and supports load through a host loader", () => {
    const lib = compile("def greet(name, punct = '!'): return 'hi ' + name + punct", "lib.star");
    if (!lib.ok) throw lib.errors[0];
    const libMod = run(lib.program);
    if (!libMod.ok) throw libMod.error;
    const main = compile('load("lib.star", "greet")\nmsg = greet("bob", punct = "?")', "main.star");
    if (!main.ok) throw main.errors[0];
    const r = run(main.program, { load: (name) => (name === "lib.star" ? libMod.value : new Map()) });
    expect(r.ok && fromStarlark(r.value.get("msg")!)).toBe("hi bob?");
    const k = call(libMod.value.get("greet")!, [toStarlark("x")], [["punct", toStarlark(".")]]);
    expect(k.ok && fromStarlark(k.value)).toBe("hi x.");
  });

  it("never exposes JavaScript object internals", () => {
    for (const src of ["x = {}.__proto__", "x = [].constructor", "x = ''.prototype", "x = getattr({}, '__proto__')", "x = hasattr([], 'constructor') or fail('no attr')"]) {
      const c = compile(src, "h.star");
      if (!c.ok) continue;
      const r = run(c.program);
      expect(r.ok).toBe(false);
    }
    const c = compile("d = {'__proto__': 1, 'constructor': 2}", "h.star");
    if (!c.ok) throw c.errors[0];
    const r = run(c.program);
    if (!r.ok) throw r.error;
    const d = fromStarlark(r.value.get("d")!) as Record<string, unknown>;
    expect(Object.keys(d)).toEqual(["__proto__", "constructor"]);
    expect(Object.getPrototypeOf(d)).toBe(null);
    expect(r.value.get("d")).toBeInstanceOf(SDict);
  });

  it("gives the same output and steps for the same input", () => {
    const src = "def f(x):\n  return json.encode(sorted([hash(str(i)) % 97 for i in range(x)]))\nout = f(200)";
    const c = compile(src, "d.star");
    if (!c.ok) throw c.errors[0];
    const a = run(c.program);
    const b = run(c.program);
    expect(a.ok && b.ok && fromStarlark(a.value.get("out")!) === fromStarlark(b.value.get("out")!)).toBe(true);
    expect(a.steps).toBe(b.steps);
  });
});

describe("host builtins", () => {
  it("calls predeclared host functions and prefixes their errors with the name", async () => {
    const { SBuiltin, runtimeError } = await import("./index.ts");
    const double = new SBuiltin("double", (_th, args) => {
      if (typeof args[0] !== "number") throw runtimeError("want int");
      return args[0] * 2;
    });
    const c = compile("x = double(21)\ny = double('a')", "h.star", { predeclared: new Map([["double", double]]) });
    if (!c.ok) throw c.errors[0];
    const r = run(c.program);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.format()).toMatch(/^h\.star:2:11: double: want int/);
  });
});

describe("value printing", () => {
  it("returns repr and str as JS strings", async () => {
    const { repr, str } = await import("./index.ts");
    expect(repr(toStarlark({ k: ["é", 1.5, null] }))).toBe('{"k": ["é", 1.5, None]}');
    expect(str(toStarlark("é"))).toBe("é");
  });
});
