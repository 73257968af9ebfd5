import { describe, expect, it } from "vitest";
import { errorOf, exec } from "./test-helpers.ts";

describe("budgets", () => {
  it("stops an infinite loop on the step budget", () => {
    const e = errorOf("def f():\n  while True:\n    pass\nf()", { budgets: { steps: 10_000 } });
    expect(e.code).toBe("budget_exceeded");
    expect(e.budget).toBe("steps");
    expect(e.pos?.line).toBe(2);
  });

  it("stops a doubling-list bomb on the allocation budget", () => {
    const e = errorOf("def f():\n  x = [1]\n  for i in range(100):\n    x = x + x\nf()", { budgets: { allocBytes: 1 << 20 } });
    expect(e.budget).toBe("alloc");
  });

  it("stops string and big-int growth on the allocation budget", () => {
    expect(errorOf("def f():\n  s = 'ab'\n  for i in range(64):\n    s = s * 2\nf()", { budgets: { allocBytes: 1 << 20 } }).budget).toBe("alloc");
    expect(errorOf("def f():\n  x = 3\n  for i in range(64):\n    x = x * x\nf()", { budgets: { allocBytes: 1 << 16 } }).budget).toBe("alloc");
    expect(errorOf("x = ','.join(['abc'] * 100000)", { budgets: { allocBytes: 100_000 } }).budget).toBe("alloc");
  });

  it("limits call depth", () => {
    const e = errorOf("def f(n): return f(n + 1)\nf(0)", { recursion: true, budgets: { depth: 50 } });
    expect(e.budget).toBe("depth");
    expect(e.message).toMatch(/Starlark stack overflow/);
    expect(e.callStack.length).toBeLessThanOrEqual(50);
  });

  it("turns a host stack overflow into a depth budget error", () => {
    const e = errorOf("def f(n): return f(n + 1)\nf(0)", { recursion: true, budgets: { depth: 1_000_000 } });
    expect(e.code).toBe("budget_exceeded");
    expect(e.budget).toBe("depth");
  });

  it("enforces a deadline using the host clock only", () => {
    let t = 0;
    const e = errorOf("def f():\n  while True:\n    pass\nf()", { budgets: { deadline: 10, now: () => t++ } });
    expect(e.budget).toBe("deadline");
  });

  it("counts the same steps for the same program", () => {
    const src = "def f(n):\n  return [x * x for x in range(n) if x % 3]\ny = f(100)\nz = sorted(y, reverse = True)";
    const a = exec(src);
    const b = exec(src);
    expect(a.steps).toBeGreaterThan(100);
    expect(a.steps).toBe(b.steps);
  });
});

describe("budgets on output size", () => {
  it("charges str() and json.encode() output to the allocation budget", () => {
    const big = "def f():\n  s = 'x' * 10000\n  l = [s] * 1000\n  return g(l)\n";
    expect(errorOf(big.replace("g(l)", "str(l)") + "f()", { budgets: { allocBytes: 1 << 20 } }).budget).toBe("alloc");
    expect(errorOf(big.replace("g(l)", "json.encode(l)") + "f()", { budgets: { allocBytes: 1 << 20 } }).budget).toBe("alloc");
    expect(errorOf("x = list(range(100000000))", { budgets: { allocBytes: 1 << 20 } }).budget).toBe("alloc");
  });
});

describe("allocation accounting", () => {
  it("lets a loop build a long string piece by piece", () => {
    const r = exec("def f():\n  s = ''\n  for i in range(200000):\n    s += 'x'\n  return len(s)\nn = f()", { budgets: { allocBytes: 32 << 20 } });
    expect(r.ok).toBe(true);
  });
});
