import { describe, expect, it } from "vitest";
import { checkSubset, compileValidator, defaultsOf, pointerSegments } from "./json-schema.ts";

describe("checkSubset", () => {
  it("accepts every keyword of the subset", () => {
    expect(
      checkSubset({
        type: "object",
        description: "d",
        properties: {
          s: { type: "string", minLength: 1, maxLength: 5, default: "ab" },
          n: { type: ["number", "null"], minimum: 0, maximum: 10 },
          xs: { type: "array", items: { type: "integer" }, maxItems: 3 },
          e: { enum: ["a", 1, null] },
        },
        required: ["s"],
        additionalProperties: false,
      }),
    ).toEqual([]);
  });

  it("rejects keywords outside the subset with their paths", () => {
    const p = checkSubset({ type: "object", properties: { a: { $ref: "#/x" }, b: { type: "array", items: { pattern: "x" } } }, allOf: [] });
    expect(p.map((x) => x.path)).toEqual(["allOf", "properties.a.$ref", "properties.b.items.pattern"]);
    expect(p[1]!.message).toContain('unsupported JSON Schema keyword "$ref"');
  });

  it("rejects bad keyword values and keywords that do not fit the type", () => {
    const p = checkSubset({
      type: "object",
      properties: {
        a: { type: "strin" },
        b: { type: "string", items: { type: "string" } },
        c: { type: "number", minimum: 5, maximum: 1 },
        d: { type: "string", maxLength: -1 },
        e: { enum: [] },
        f: { type: "array", items: [{ type: "string" }] },
      },
      required: ["a", "a"],
    });
    expect(p.map((x) => x.path)).toEqual([
      "properties.a.type",
      "properties.b.items",
      "properties.c.minimum",
      "properties.d.maxLength",
      "properties.e.enum",
      "properties.f.items",
      "required.1",
    ]);
  });

  it("checks defaults against their own schema", () => {
    expect(checkSubset({ type: "integer", default: 1.5 })).toEqual([{ path: "default", message: "default does not match its schema: expected integer, got number" }]);
    expect(checkSubset({ type: "object", properties: { x: { type: "string" } }, default: { x: 1 } })[0]!.path).toBe("default.x");
  });

  it("rejects non-object schemas and very deep nesting", () => {
    expect(checkSubset(true)[0]!.path).toBe("");
    let deep: Record<string, unknown> = { type: "string" };
    for (let i = 0; i < 40; i++) deep = { type: "array", items: deep };
    expect(checkSubset(deep).some((p) => p.message.includes("nested deeper"))).toBe(true);
  });
});

describe("defaultsOf", () => {
  it("builds objects from property defaults, arrays as [] and nullables as null", () => {
    expect(
      defaultsOf({
        type: "object",
        properties: {
          nodes: { type: "array", items: { type: "object" } },
          selected: { type: ["string", "null"] },
          next_id: { type: "integer", default: 1 },
          name: { type: "string" },
          view: { type: "object", properties: { zoom: { type: "number", default: 1 } } },
          tags: { type: "array", default: ["a"] },
        },
      }),
    ).toEqual({ nodes: [], selected: null, next_id: 1, view: { zoom: 1 }, tags: ["a"] });
  });

  it("fills missing properties into an object default and copies defaults", () => {
    const schema = { type: "object" as const, default: { a: 1 }, properties: { a: { type: "integer" as const }, b: { type: "integer" as const, default: 2 } } };
    const first = defaultsOf(schema);
    expect(first).toEqual({ a: 1, b: 2 });
    expect(schema.default).toEqual({ a: 1 });
    expect(defaultsOf(schema)).not.toBe(first);
  });

  it("gives null when nothing applies", () => {
    expect(defaultsOf({ type: "string" })).toBeNull();
  });
});

describe("compileValidator", () => {
  const validate = compileValidator({
    type: "object",
    properties: {
      nodes: {
        type: "array",
        items: { type: "object", properties: { id: { type: "string" }, x: { type: "number" } }, required: ["id", "x"], additionalProperties: false },
      },
      selected: { type: ["string", "null"] },
      mode: { enum: ["a", "b"] },
      "odd/key~": { type: "integer", maximum: 3 },
    },
    required: ["nodes"],
  });

  it("returns no problems for a valid value", () => {
    expect(validate({ nodes: [{ id: "n1", x: 1 }], selected: null })).toEqual([]);
  });

  it("reports every problem with a dotted path", () => {
    const p = validate({ nodes: [{ id: "n1", x: 1 }, { id: "n2", x: 1 }, { id: "n3", x: 1 }, { id: "n4", x: "a", y: 2 }, {}], selected: 3, mode: "c", "odd/key~": 9 });
    expect(p).toEqual([
      { path: "nodes.3.x", message: "expected number, got string" },
      { path: "nodes.3.y", message: "unknown property (not allowed by the schema)" },
      { path: "nodes.4.id", message: "required" },
      { path: "nodes.4.x", message: "required" },
      { path: "selected", message: "expected string or null, got number" },
      { path: "mode", message: 'expected one of ["a","b"]' },
      { path: "odd/key~", message: "must be at most 3 (got 9)" },
    ]);
  });

  it("reports a missing root property and a wrong root type", () => {
    expect(validate({})).toEqual([{ path: "nodes", message: "required" }]);
    expect(validate(7)).toEqual([{ path: "", message: "expected object, got number" }]);
  });

  it("decodes JSON Pointer locations", () => {
    expect(pointerSegments("#/nodes/3/x")).toEqual(["nodes", "3", "x"]);
    expect(pointerSegments("#")).toEqual([]);
    expect(pointerSegments("#/a~1b/c~0d/%25")).toEqual(["a/b", "c~d", "%"]);
  });
});
