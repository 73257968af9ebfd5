import { applyPatch, deepClone } from "fast-json-patch";
import { describe, expect, it } from "vitest";
import type { JsonValue } from "../protocol/events";
import { diff } from "./diff";
import { prng } from "../testing/prng";

function randomJson(r: () => number, depth = 0): JsonValue {
  const k = Math.floor(r() * (depth > 3 ? 4 : 6));
  if (k === 0) return null;
  if (k === 1) return r() < 0.5;
  if (k === 2) return Math.floor(r() * 5);
  if (k === 3) return ["a", "b", "~/x", ""][Math.floor(r() * 4)]!;
  if (k === 4) return Array.from({ length: Math.floor(r() * 4) }, () => randomJson(r, depth + 1));
  return Object.fromEntries(["a", "b", "c/d", "e~f"].filter(() => r() < 0.5).map((key) => [key, randomJson(r, depth + 1)]));
}

describe("diff", () => {
  it("yields a patch that turns before into after and an inverse that turns it back, for random JSON", () => {
    const r = prng(11);
    for (let i = 0; i < 3000; i++) {
      const before = randomJson(r);
      const after = randomJson(r);
      const { patch, inverse } = diff(before, after);
      expect(applyPatch(deepClone(before), deepClone(patch), true, true).newDocument).toEqual(after);
      expect(applyPatch(deepClone(after), deepClone(inverse), true, true).newDocument).toEqual(before);
    }
  });

  it("emits nothing for equal values and a single replace for a changed leaf", () => {
    expect(diff({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual({ patch: [], inverse: [] });
    expect(diff({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] })).toEqual({
      patch: [{ op: "replace", path: "/a/1/b", value: 3 }],
      inverse: [{ op: "replace", path: "/a/1/b", value: 2 }],
    });
  });
});
