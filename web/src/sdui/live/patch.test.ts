import { describe, expect, it } from "vitest";
import type { JsonValue } from "../../../../lib/protocol/events";
import { applyPatch, getAt, parsePointer, PatchError } from "./patch";

const doc = (): JsonValue => ({ nodes: [{ id: "n1", x: 1 }, { id: "n2", x: 2 }], meta: { "a/b": 1, "t~": 2 }, selected: null });

describe("applyPatch", () => {
  it("replaces a nested value in place and keeps untouched branches identical", () => {
    const d = doc() as { nodes: JsonValue[]; meta: JsonValue };
    const before = d.nodes[1];
    const meta = d.meta;
    applyPatch(d, [{ op: "replace", path: "/nodes/0/x", value: 10 }]);
    expect(getAt(d, "/nodes/0/x")).toBe(10);
    expect(d.nodes[1]).toBe(before);
    expect(d.meta).toBe(meta);
  });

  it("adds to arrays by index and with '-' and removes by index", () => {
    const d = doc();
    applyPatch(d, [
      { op: "add", path: "/nodes/-", value: { id: "n3", x: 3 } },
      { op: "add", path: "/nodes/0", value: { id: "n0", x: 0 } },
      { op: "remove", path: "/nodes/2" },
    ]);
    expect((getAt(d, "/nodes") as { id: string }[]).map((n) => n.id)).toEqual(["n0", "n1", "n3"]);
  });

  it("unescapes ~1 and ~0 in pointers", () => {
    expect(parsePointer("/meta/a~1b")).toEqual(["meta", "a/b"]);
    const d = doc();
    applyPatch(d, [{ op: "replace", path: "/meta/t~0", value: 5 }]);
    expect(getAt(d, "/meta/t~0")).toBe(5);
  });

  it("moves and copies values", () => {
    const d = doc();
    applyPatch(d, [{ op: "copy", from: "/nodes/0", path: "/first" }, { op: "move", from: "/meta", path: "/info" }]);
    expect(getAt(d, "/first")).toEqual({ id: "n1", x: 1 });
    expect(getAt(d, "/meta")).toBeUndefined();
    expect(getAt(d, "/info/a~1b")).toBe(1);
  });

  it("copies added values so later edits of the op do not leak into state", () => {
    const value = { id: "n9", x: 9 };
    const d = doc();
    applyPatch(d, [{ op: "add", path: "/nodes/-", value }]);
    value.x = 99;
    expect(getAt(d, "/nodes/2/x")).toBe(9);
  });

  it("replaces the whole document for path ''", () => {
    const d = doc();
    expect(applyPatch(d, [{ op: "replace", path: "", value: { fresh: true } }])).toEqual({ fresh: true });
  });

  it("fails on a missing path and on a failed test", () => {
    expect(() => applyPatch(doc(), [{ op: "replace", path: "/nope/x", value: 1 }])).toThrow(PatchError);
    expect(() => applyPatch(doc(), [{ op: "remove", path: "/nodes/7" }])).toThrow(PatchError);
    expect(() => applyPatch(doc(), [{ op: "test", path: "/nodes/0/x", value: 2 }])).toThrow(PatchError);
    expect(() => applyPatch(doc(), [{ op: "test", path: "/nodes/0/x", value: 1 }])).not.toThrow();
  });
});
