import { describe, expect, it } from "vitest";
import { callerOf, formatArgs } from "./format";

describe("formatArgs", () => {
  it("joins strings, numbers and objects like a console", () => {
    expect(formatArgs(["count", 3, { a: [1, null] }, true, undefined])).toBe('count 3 {"a":[1,null]} true undefined');
  });

  it("survives cycles, bigints and functions", () => {
    const o: Record<string, unknown> = { n: 1n };
    o.self = o;
    expect(formatArgs([o, function named() {}])).toBe('{"n":"1","self":"[circular]"} [function named]');
  });

  it("uses the stack of errors and caps the length", () => {
    const e = new Error("boom");
    expect(formatArgs([e])).toContain("Error: boom");
    expect(formatArgs(["x".repeat(50)], 10)).toBe("xxxxxxxxx…");
  });
});

describe("callerOf", () => {
  it("picks the frame after the wrapper's own", () => {
    const stack = "Error\n    at capture (http://h/assets/index.js:1:100)\n    at console.log (http://h/assets/index.js:1:200)\n    at App (http://h/assets/app.js:12:34)";
    expect(callerOf(stack, 2)).toBe("http://h/assets/app.js:12:34");
    expect(callerOf(stack, 9)).toBe("");
    expect(callerOf(undefined, 0)).toBe("");
  });
});
