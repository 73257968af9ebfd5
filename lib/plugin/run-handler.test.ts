import { describe, expect, it } from "vitest";
import { DEFAULT_BUDGETS } from "../protocol/plugin.ts";
import { loadHandlers } from "./handlers-check.ts";
import { runHandler } from "./run-handler.ts";

const src = `
def ok(state, params, ctx):
    return {"state": {"n": state["n"] + params["by"]}, "result": ctx["who"], "toast": {"message": "added", "level": "success"}}

def boom(state, params, ctx):
    return state["missing"]

def stop(state, params, ctx):
    fail("by must be positive, got", params["by"])

def not_dict(state, params, ctx):
    return [1]

def typo(state, params, ctx):
    return {"stat": {}}

def unconvertible(state, params, ctx):
    return {"state": {"f": ok}}

def geometry(state, params, ctx):
    return {"result": [math.sqrt(16), math.atan2(1, 1) * 4, math.hypot(3, 4)]}

def nan(state, params, ctx):
    return {"result": math.sqrt(-1)}
`;

const globals = (() => {
  const r = loadHandlers(src);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.globals;
})();
const input = { state: { n: 1 }, params: { by: 2 }, ctx: { who: "ada" } };
const run = (h: string) => runHandler(globals, h, input, DEFAULT_BUDGETS);

describe("runHandler", () => {
  it("returns a checked CommandResult", () => {
    expect(run("ok")).toMatchObject({ ok: true, result: { state: { n: 3 }, result: "ada", toast: { message: "added", level: "success" } } });
  });

  it("classifies failures", () => {
    expect(run("stop")).toMatchObject({ ok: false, code: "failed", message: "by must be positive, got 2", line: 9 });
    expect(run("boom")).toMatchObject({ ok: false, code: "runtime_error", line: 6 });
    expect(run("not_dict")).toMatchObject({ ok: false, code: "bad_result", message: expect.stringContaining("must return a dict") });
    expect(run("typo")).toMatchObject({ ok: false, code: "bad_result", message: expect.stringContaining("at stat") });
    expect(run("unconvertible")).toMatchObject({ ok: false, code: "bad_result", message: expect.stringContaining("not JSON data") });
    expect(run("missing")).toMatchObject({ ok: false, code: "no_handler" });
  });

  it("provides the math module and refuses non-finite results", () => {
    const r = run("geometry");
    expect(r.ok && r.result.result).toEqual([4, Math.PI, 5]);
    expect(run("nan")).toMatchObject({ ok: false, code: "runtime_error", message: expect.stringContaining("not a finite number") });
  });

  it("enforces the time budget with the host's clock", () => {
    let t = 0;
    const slow = loadHandlers("def spin(state, params, ctx):\n    n = 0\n    for i in range(1000000):\n        n += 1\n    return {}\n");
    if (!slow.ok) throw new Error("load");
    const r = runHandler(slow.globals, "spin", input, { ...DEFAULT_BUDGETS, time_ms: 10 }, { now: () => (t += 1) });
    expect(r).toMatchObject({ ok: false, code: "budget_exceeded", message: expect.stringContaining("deadline") });
  });
});
