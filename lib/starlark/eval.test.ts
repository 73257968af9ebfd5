import { describe, expect, it } from "vitest";
import { errorOf, ev, exec } from "./test-helpers.ts";

describe("evaluation: values", () => {
  it("computes with small and big ints exactly", () => {
    expect(ev("1 << 70")).toBe("1180591620717411303424");
    expect(ev("9007199254740991 + 2")).toBe("9007199254740993");
    expect(ev("-7 // 2, -7 % 2, 7 // -2, 7 % -2")).toBe("(-4, 1, -4, -1)");
    expect(ev("(1 << 64) // 3, (1 << 64) % 7")).toBe("(6148914691236517205, 2)");
    expect(ev("~5, 6 & 3, 6 | 3, 6 ^ 3, -1 >> 3")).toBe("(-6, 2, 7, 5, -1)");
    expect(ev("int('-0x1F', 16), int('101', 2), int('  12'.strip())")).toBe("(-31, 5, 12)");
  });

  it("formats floats like starlark-go", () => {
    expect(ev("[1.0, 0.1, 1e6, 123456.0, 1e-5, 1.5e300, -0.0, 1/3]")).toBe("[1.0, 0.1, 1e+06, 123456.0, 1e-05, 1.5e+300, -0.0, 0.3333333333333333]");
    expect(ev("'%e %f %g' % (1234.5, 0.5, 2.0)")).toBe('"1.234500e+03 0.500000 2.0"');
    expect(ev("float('inf'), float('nan')")).toBe("(+inf, nan)");
  });

  it("treats strings as UTF-8 byte sequences", () => {
    expect(ev("len('héllo'), 'héllo'[1:3], 'héllo'.upper()")).toBe('(6, "é", "HÉLLO")');
    expect(ev("[c for c in 'aé'.codepoints()]")).toBe('["a", "é"]');
    expect(ev("'a,b,,c'.split(','), ' x y '.split(), 'abc'.replace('b', 'BB')")).toBe('(["a", "b", "", "c"], ["x", "y"], "aBBc")');
    expect(ev("'{} and {name}'.format(1, name='x'), '%s=%r' % ('k', 'v')")).toBe('("1 and x", "k=\\"v\\"")');
  });

  it("keeps dict insertion order and supports all dict methods", () => {
    expect(ev("d", "d = {'b': 1, 'a': 2}\nd['c'] = 3\nd.pop('b')\nd.setdefault('z', 0)\nd.update(y=9)")).toBe('{"a": 2, "c": 3, "z": 0, "y": 9}');
    expect(ev("dict([(1, 'a'), (1.0, 'b')])")).toBe('{1: "b"}');
    expect(ev("sorted({'b': 1, 'a': 2}.keys()), {'a': 1}.get('x', 5)")).toBe('(["a", "b"], 5)');
  });

  it("supports sets", () => {
    expect(ev("set([3, 1, 3]) | set([2]), set([1, 2]) & set([2, 3]), set([1, 2]) - set([2])")).toBe("(set([3, 1, 2]), set([2]), set([1]))");
  });

  it("supports tuples, slicing with steps and comparisons", () => {
    expect(ev("[0, 1, 2, 3, 4][::-2], (1, 2) < (1, 3), [1, [2]] == [1, [2]]")).toBe("([4, 2, 0], True, True)");
  });

  it("sorts stably with key and reverse", () => {
    expect(ev("sorted(['bb', 'a', 'cc', 'd'], key=len, reverse=True)")).toBe('["bb", "cc", "a", "d"]');
  });
});

describe("evaluation: functions", () => {
  it("binds positional, keyword, default, *args, keyword-only and **kwargs parameters", () => {
    const setup = "def f(a, b=2, *args, c, d=4, **kw):\n  return (a, b, args, c, d, kw)";
    expect(ev("f(1, c=3)", setup)).toBe("(1, 2, (), 3, 4, {})");
    expect(ev("f(1, 5, 6, 7, c=3, z=0)", setup)).toBe("(1, 5, (6, 7), 3, 4, {\"z\": 0})");
    expect(ev("f(*[1, 2], **{'c': 0})", setup)).toBe("(1, 2, (), 0, 4, {})");
  });

  it("reports bad calls", () => {
    expect(errorOf("def f(a): pass\nf()").message).toBe("function f missing 1 argument (a)");
    expect(errorOf("def f(a): pass\nf(1, 2)").message).toMatch(/accepts at most 1 positional argument \(2 given\)/);
    expect(errorOf("def f(a): pass\nf(b=1)").message).toMatch(/unexpected keyword argument b/);
    expect(errorOf("def f(a): pass\nf(1, a=1)").message).toMatch(/multiple values for parameter a/);
  });

  it("captures variables by reference in closures", () => {
    const setup = "def counter():\n  n = [0]\n  def inc():\n    n[0] += 1\n    return n[0]\n  return inc\nc = counter()\nc()\nc()";
    expect(ev("c()", setup)).toBe("3");
    expect(ev("make()()", "def make():\n  f = lambda: x\n  x = 7\n  return f")).toBe("7");
  });

  it("supports recursion only when enabled", () => {
    const src = "def fact(n): return 1 if n <= 1 else n * fact(n - 1)\nx = fact(20)";
    expect(errorOf(src).message).toMatch(/function fact called recursively/);
    expect(exec(src, { recursion: true }).ok).toBe(true);
  });

  it("scopes comprehension variables to the comprehension", () => {
    expect(ev("(x, [x for x in [1, 2]])", "x = 'outer'")).toBe('("outer", [1, 2])');
  });
});

describe("evaluation: errors and freezing", () => {
  it("reports runtime errors with file:line:col and a call stack", () => {
    const e = errorOf("def f(x):\n  return x + 'a'\n\ndef g():\n  return f(1)\n\ng()");
    expect(e.code).toBe("runtime");
    expect(e.message).toBe("unknown binary op: int + string");
    expect(e.pos).toEqual({ file: "test.star", line: 2, col: 12 });
    expect(e.callStack.map((f) => `${f.name}:${f.pos.line}`)).toEqual(["f:2", "g:5", "<toplevel>:7"]);
    expect(e.format()).toMatch(/^test\.star:2:12: unknown binary op/);
  });

  it("distinguishes local and global variables referenced before assignment", () => {
    expect(errorOf("def f():\n  y = x\n  x = 1\nf()").message).toBe("local variable x referenced before assignment");
    expect(errorOf("def f():\n  return g\nf()\ng = 1").message).toBe("global variable g referenced before assignment");
  });

  it("freezes module globals after execution", () => {
    const r = exec("x = [1]\ndef add(): x.append(2)");
    if (!r.ok) throw r.error;
    expect(r.value.get("x")).toMatchObject({ frozen: true });
  });

  it("forbids mutation during iteration and of frozen values", () => {
    expect(errorOf("def f():\n  l = [1, 2]\n  for x in l:\n    l.append(x)\nf()").message).toBe("append: cannot append to list during iteration");
    expect(errorOf("def f():\n  d = {1: 2}\n  for k in d:\n    d[k + 1] = 0\nf()").message).toMatch(/cannot insert into hash table during iteration/);
  });

  it("fail() stops with the given message", () => {
    expect(errorOf("fail('bad', 1)").message).toBe("fail: bad 1");
  });

  it("prints through the host hook", () => {
    const lines: string[] = [];
    exec("print('a', 1, 'é')", { print: (m) => lines.push(m) });
    expect(lines).toEqual(["a 1 é"]);
  });
});

describe("evaluation: top-level closures", () => {
  it("lets lambdas capture top-level comprehension variables", () => {
    expect(ev("[f() for f in fs]", "fs = [lambda: i for i in range(3)]")).toBe("[2, 2, 2]");
    expect(ev("[(lambda: j)() for j in range(2)]")).toBe("[0, 1]");
  });
});

describe("dict keys that are not their own map key", () => {
  it("keeps floats, tuples and bytes as written through every dict operation", () => {
    const setup = "d = {1.0: 'f', (1, 2): 't', b'x': 'b', 'k': 's'}\nd[1] = 'i'\ne = dict(d)\ne.pop((1, 2))\np = dict(d)\nq = p.popitem()\nc = dict(d)\nc.clear()\nc[2.5] = 1";
    expect(ev("d", setup)).toBe(`{1.0: "i", (1, 2): "t", b"x": "b", "k": "s"}`);
    expect(ev("[d.keys(), [type(k) for k in d], d.items()[0]]", setup)).toBe(`[[1.0, (1, 2), b"x", "k"], ["float", "tuple", "bytes", "string"], (1.0, "i")]`);
    expect(ev("[e, q, p, c, d == e, d == dict(d), d | {(1, 2): 0}]", setup)).toBe(
      `[{1.0: "i", b"x": "b", "k": "s"}, (1.0, "i"), {(1, 2): "t", b"x": "b", "k": "s"}, {2.5: 1}, False, True, {1.0: "i", (1, 2): 0, b"x": "b", "k": "s"}]`,
    );
    expect(ev("[{1: 1} == {1.0: 1}, {1.0: 2}.get(1), 1 in {1.0: 0}]")).toBe("[True, 2, True]");
  });
});
