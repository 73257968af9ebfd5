import { describe, expect, it } from "vitest";
import { rootsUsed } from "./analyze.ts";
import { parseExpression } from "./parser.ts";

const uses = (src: string) => {
  const r = parseExpression(src);
  if (!r.ok) throw r.error;
  return rootsUsed(r.expression).map((u) => [u.root, u.field ?? null, u.span.col]);
};

describe("rootsUsed", () => {
  it("lists scope names with their first field and position", () => {
    expect(uses("event.x + len(item['tags']) * index")).toEqual([
      ["event", "x", 1],
      ["item", "tags", 15],
      ["index", null, 31],
    ]);
    expect(uses("if(state.a, [params.b], event[state.k])")).toEqual([
      ["state", "a", 4],
      ["params", "b", 14],
      ["event", null, 25],
      ["state", "k", 31],
    ]);
    expect(uses("1 + 2")).toEqual([]);
  });
});
