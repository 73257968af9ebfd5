import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json";

describe("canonicalJson", () => {
  it("sorts keys at every depth and writes no whitespace", () => {
    expect(canonicalJson({ b: { d: 1, c: [2, { z: null, a: "x" }] }, a: true })).toBe('{"a":true,"b":{"c":[2,{"a":"x","z":null}],"d":1}}');
  });

  it("drops undefined members and escapes strings like JSON", () => {
    expect(canonicalJson({ a: undefined, b: 'q"\n' })).toBe('{"b":"q\\"\\n"}');
  });

  it("refuses floats and non-JSON values", () => {
    expect(() => canonicalJson({ a: 1.5 })).toThrow(TypeError);
    expect(() => canonicalJson({ a: () => 1 })).toThrow(TypeError);
  });
});
