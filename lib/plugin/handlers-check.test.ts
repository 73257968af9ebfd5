import { describe, expect, it } from "vitest";
import { checkHandlers, loadHandlers } from "./handlers-check.ts";

describe("checkHandlers", () => {
  it("accepts top-level handlers taking (state, params, ctx) and the predeclared math module", () => {
    const src = "R = math.pi\n\ndef add(state, params, ctx):\n    return {\"state\": state, \"result\": math.cos(0) * R}\n";
    expect(checkHandlers(src, { add_node: "add", plus: "add" })).toEqual([]);
  });

  it("reports syntax and resolve errors with positions", () => {
    expect(checkHandlers("def add(state, params, ctx)\n    return {}\n", { a: "add" })).toEqual([{ line: 1, col: 28, message: expect.any(String) }]);
    const p = checkHandlers("def add(state, params, ctx):\n    return undefined_name\n", { a: "add" });
    expect(p).toEqual([{ line: 2, col: 12, message: expect.stringContaining("undefined_name") }]);
  });

  it("reports missing handlers, non-functions and wrong signatures", () => {
    const src = "two = 2\n\ndef short(state, params):\n    pass\n\ndef star(state, *args):\n    pass\n\ndef dflt(state, params, ctx=None):\n    pass\n";
    const p = checkHandlers(src, { a: "missing", b: "two", c: "short", d: "star", e: "dflt" });
    expect(p).toEqual([
      { line: 0, col: 0, message: expect.stringContaining("no top-level function missing for command a") },
      { line: 0, col: 0, message: expect.stringContaining("must be a function defined with def, not a value of type int") },
      { line: 3, col: 1, message: "handler short must take (state, params, ctx); it takes (state, params)" },
      { line: 6, col: 1, message: "handler star must take (state, params, ctx); it takes (state, *args)" },
      { line: 9, col: 1, message: "handler dflt must take (state, params, ctx); it takes (state, params, ctx=...)" },
    ]);
  });

  it("reports a top level that fails or runs out of budget", () => {
    expect(checkHandlers("X = 1 // 0\n", {})[0]!.message).toContain("while loading");
    const loop = "def spin():\n    n = 0\n    for i in range(100000000):\n        n += i\n    return n\nX = spin()\n";
    const r = loadHandlers(loop);
    expect(r.ok).toBe(false);
    expect(r.ok ? "" : r.problems[0]!.message).toContain("step budget");
  });
});
