import { describe, expect, it } from "vitest";
import type { Bindings } from "../../../../lib/sdui/index.ts";
import { comboMatches, comboText, fire, isBound, pointerVars } from "./gesture-map";

const graphist: Bindings = {
  click: [
    { target: "background", command: "add_node", params: { x: "${event.x}", y: "${event.y}" } },
    { target: "circle#node-*", command: "select", params: { id: "${event.target_data.node}" } },
  ],
  drag: { end: { target: "circle#node-*", command: "move_node", params: { id: "${event.target_data.node}", x: "${event.x}", y: "${event.y}" } } },
  key_press: [
    { key: "Delete", command: "remove_node", params: { id: "${state.selected}" }, when: "${state.selected != null}" },
    { key: "z", ctrl: true, command: "undo_like" },
  ],
  key_combo: { combo: "mod+shift+d", command: "duplicate", params: { combo: "${event.combo}" } },
};
const none = { ctrl: false, shift: false, alt: false, meta: false };
const key = (k: string, mods: Partial<typeof none> = {}) => ({ key: k, code: "", repeat: false, ...none, ...mods });
const node = { id: "node-n1", kind: "circle", data: { node: "n1" } };

describe("gesture mapping", () => {
  it("maps a background click to add_node with the scene coordinates", () => {
    expect(fire(graphist, "click", null, pointerVars(120.456, 80, null, none), {})).toEqual({ command: "add_node", params: { x: 120.46, y: 80 } });
  });

  it("maps a click on a node to select with its target_data", () => {
    expect(fire(graphist, "click", node, pointerVars(1, 2, node, none), {})).toEqual({ command: "select", params: { id: "n1" } });
  });

  it("skips bindings whose target does not match", () => {
    const label = { id: "label-n1", kind: "text-label", data: { node: "n1" } };
    expect(fire(graphist, "click", label, pointerVars(1, 2, label, none), {})).toBeNull();
  });

  it("maps drag end per phase, and nothing for an unbound phase", () => {
    const vars = { ...pointerVars(300, 200, node, none), phase: "end", start_x: 1, start_y: 2, delta_x: 0, delta_y: 0 };
    expect(fire(graphist, "drag", node, vars, {}, { phase: "end" })).toEqual({ command: "move_node", params: { id: "n1", x: 300, y: 200 } });
    expect(fire(graphist, "drag", node, vars, {}, { phase: "move" })).toBeNull();
    expect(isBound(graphist, "drag", "move")).toBe(false);
    expect(isBound(graphist, "drag", "end")).toBe(true);
  });

  it("applies when: Delete fires only with a selection", () => {
    const vars = { key: "Delete", code: "Delete", repeat: false, ...none };
    expect(fire(graphist, "key_press", null, vars, { selected: "n2" }, { key: key("Delete") })).toEqual({ command: "remove_node", params: { id: "n2" } });
    expect(fire(graphist, "key_press", null, vars, { selected: null }, { key: key("Delete") })).toBeNull();
  });

  it("requires the modifiers a key binding names", () => {
    expect(fire(graphist, "key_press", null, {}, {}, { key: key("z") })).toBeNull();
    expect(fire(graphist, "key_press", null, {}, {}, { key: key("z", { ctrl: true }) })?.command).toBe("undo_like");
  });

  it("matches combos with mod as ctrl (meta on macOS) and reports event.combo", () => {
    expect(comboMatches("mod+shift+d", key("D", { ctrl: true, shift: true }))).toBe(true);
    expect(comboMatches("mod+shift+d", key("D", { meta: true, shift: true }), true)).toBe(true);
    expect(comboMatches("mod+shift+d", key("d", { ctrl: true }))).toBe(false);
    expect(fire(graphist, "key_combo", null, {}, {}, { key: key("d", { ctrl: true, shift: true }) })).toEqual({ command: "duplicate", params: { combo: "mod+shift+d" } });
    expect(comboText(key("Z", { ctrl: true, shift: true }))).toBe("ctrl+shift+z");
  });
});
