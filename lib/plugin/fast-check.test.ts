import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fastCheck } from "./fast-check";
import { compileValidator, type SubsetSchema } from "./json-schema";
import { prng } from "../testing/prng";

const schema: SubsetSchema = {
  type: "object",
  required: ["id"],
  additionalProperties: false,
  properties: {
    id: { type: "string", minLength: 1, maxLength: 3 },
    n: { type: "integer", minimum: 0, maximum: 10 },
    tags: { type: "array", maxItems: 2, items: { type: "string", enum: ["a", "b"] } },
    any: {},
    maybe: { type: ["string", "null"] },
    more: { type: "object", additionalProperties: { type: "number" } },
  },
};

function randomValue(r: () => number, depth = 0): unknown {
  const pick = Math.floor(r() * (depth > 2 ? 6 : 8));
  const pool = ["", "a", "b", "ab", "abcd", "😀😀", "id"];
  switch (pick) {
    case 0: return null;
    case 1: return r() < 0.5;
    case 2: return Math.floor(r() * 14) - 2;
    case 3: return r() * 12 - 1;
    case 4: return pool[Math.floor(r() * pool.length)];
    case 5: return Math.floor(r() * 3) - 1;
    case 6: return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
    default: {
      const keys = ["id", "n", "tags", "any", "maybe", "more", "x"];
      return Object.fromEntries(keys.filter(() => r() < 0.5).map((k) => [k, randomValue(r, depth + 1)]));
    }
  }
}

describe("fastCheck", () => {
  it("agrees with the full validator on thousands of random values", () => {
    const quick = fastCheck(schema)!;
    const full = compileValidator(schema);
    const r = prng(7);
    let valid = 0;
    for (let i = 0; i < 5000; i++) {
      const v = r() < 0.8 ? { id: "ab", ...(randomValue(r) as object) } : randomValue(r);
      const expected = full(v).length === 0;
      expect(quick(v), JSON.stringify(v)).toBe(expected);
      if (expected) valid++;
    }
    expect(valid).toBeGreaterThan(100);
  });

  it("accepts Graphist's default state and declines schemas outside the subset", () => {
    const manifest = JSON.parse(readFileSync(new URL("../../plugins/graphist/plugin.json", import.meta.url), "utf8"));
    expect(fastCheck(manifest.state.schema)).not.toBeNull();
    expect(fastCheck({ type: "string", pattern: "x" } as unknown as SubsetSchema)).toBeNull();
  });
});
