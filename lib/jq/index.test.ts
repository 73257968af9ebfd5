import { describe, expect, it } from "vitest";
import { compile, JqError, run, runAll } from "./index";

function q(program: string) {
  const c = compile(program);
  if (!c.ok) throw c.errors[0]!;
  return c.query;
}

describe("public API", () => {
  it("compiles or returns errors with positions", () => {
    const bad = compile(".a | {");
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors[0]).toBeInstanceOf(JqError);
      expect(bad.errors[0]!.code).toBe("parse");
      expect(bad.errors[0]!.pos).toEqual({ line: 1, col: 7 });
    }
  });

  it("runs lazily as a generator and reports steps when done", () => {
    const it = run(q("range(3)"), null);
    expect(it.next().value).toBe(0);
    expect(it.next().value).toBe(1);
    expect(it.next().value).toBe(2);
    const end = it.next();
    expect(end.done).toBe(true);
    expect(end.value).toMatchObject({ steps: expect.any(Number) });
  });

  it("collects everything with runAll", () => {
    expect(runAll(q(".[] | .id"), [{ id: 1 }, { id: 2 }])).toMatchObject({ ok: true, outputs: [1, 2] });
  });

  it("returns runtime errors as JqError values", () => {
    const r = runAll(q('error("boom")'), null);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.code, r.error.message]).toEqual(["runtime", "boom"]);
  });

  it("stops [range(1e9)], repeat(.) and def f: f; f within the step budget", () => {
    for (const p of ["[range(1e9)]", "[repeat(.)]", "def f: f; f", "def f: [f]; f", "reduce range(1e9) as $x (0; . + $x)"]) {
      const r = runAll(q(p), 1, { steps: 100_000 });
      expect(r.ok, p).toBe(false);
      if (!r.ok) expect(r.error.code, p).toBe("budget_exceeded");
    }
  });

  it("stops at the deadline using the host clock", () => {
    let t = 0;
    const r = runAll(q("[range(1e9)]"), null, { steps: 1e12, deadlineMs: 50, now: () => (t += 1) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.code, r.error.budget]).toEqual(["budget_exceeded", "deadline"]);
  });

  it("turns runaway recursion into a depth error, never a RangeError", () => {
    const r = runAll(q("def f: 1 + f; f"), null, { steps: 1e9 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toBeInstanceOf(JqError);
  });

  it("truncates output at the output budget and estimates the total", () => {
    const r = runAll(q("range(100) | tostring"), null, { outputBytes: 50 });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.outputs.length).toBeLessThan(100);
      expect(r.truncated).toEqual({ emitted: r.outputs.length, estimated_total: 100 });
    }
  });

  it("emits NaN and infinities the way jq prints them", () => {
    expect(runAll(q("[nan, infinite]"), null)).toMatchObject({ ok: true, outputs: [[null, Number.MAX_VALUE]] });
  });

  it("never exposes inherited object members", () => {
    expect(runAll(q(".constructor, .__proto__, has(\"toString\")"), {})).toMatchObject({ ok: true, outputs: [null, null, false] });
    expect(runAll(q('{} | .["__proto__"] = 1 | keys'), null)).toMatchObject({ ok: true, outputs: [["__proto__"]] });
  });
});

describe("error positions", () => {
  it("puts runtime errors at the innermost failing expression", () => {
    const r = runAll(q(".a |\n  .b | .c[0]"), { a: { b: { c: 5 } } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.message, r.error.pos]).toEqual(["Cannot index number with number (0)", { line: 2, col: 8 }]);
  });

  it("charges large string results to the step budget", () => {
    const r = runAll(q('"x" * 20000000'), null, { steps: 10_000 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.budget).toBe("steps");
  });
});

describe("halt", () => {
  it("ends the stream with halt and fails the run with halt_error, past any try", () => {
    expect(runAll(q("1, halt, 2"), null)).toMatchObject({ ok: true, outputs: [1] });
    const r = runAll(q('try ("bye" | halt_error) catch "caught"'), null);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.code, r.error.value]).toEqual(["runtime", "bye"]);
  });
});
