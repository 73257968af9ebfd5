import { describe, expect, it } from "vitest";
import { COMPONENT_TYPES } from "../../../../lib/sdui/index.ts";
import { nodeProblem } from "./node-check";

describe("nodeProblem", () => {
  it("accepts every one of the 37 component types", () => {
    expect(COMPONENT_TYPES).toHaveLength(37);
    for (const type of COMPONENT_TYPES) expect(nodeProblem({ type, props: {} })).toBeNull();
  });
  it("names an unknown type in a stored tree", () => {
    expect(nodeProblem({ type: "carousel" })).toBe('unknown component type "carousel"');
  });
  it("reports non-objects, bad props and children, and unparsable ui.json", () => {
    expect(nodeProblem(null)).toMatch(/object with a type/);
    expect(nodeProblem([1])).toMatch(/object with a type/);
    expect(nodeProblem({ type: "text", props: [] })).toMatch(/props of a text/);
    expect(nodeProblem({ type: "column", children: {} })).toMatch(/children of a column/);
    expect(nodeProblem({ type: "__invalid__", error: "Unexpected token" })).toMatch(/not valid JSON: Unexpected token/);
  });
});
