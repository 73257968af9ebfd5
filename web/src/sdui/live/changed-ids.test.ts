import { describe, expect, it } from "vitest";
import { changedIds } from "./changed-ids";

describe("changedIds", () => {
  const state = {
    nodes: [{ id: "n1", x: 1 }, { id: "n2", x: 5 }],
    scene: { elements: [{ id: "nodes", kind: "layer", children: [{ id: "node-n2", kind: "circle", cx: 5 }] }] },
    count: 2,
  };
  it("names the deepest record with an id on each patched path", () => {
    expect(changedIds(state, [{ op: "replace", path: "/nodes/1/x", value: 5 }, { op: "replace", path: "/scene/elements/0/children/0/cx", value: 5 }])).toEqual(["n2", "node-n2"]);
  });
  it("names added records and ignores paths without ids", () => {
    expect(changedIds(state, [{ op: "add", path: "/nodes/-", value: { id: "n3", x: 0 } }, { op: "replace", path: "/count", value: 2 }])).toEqual(["n3"]);
  });
});
