import { describe, expect, it } from "vitest";
import { matchTarget, validateBindings } from "./bindings.ts";
import { GESTURE_NAMES, GESTURES, gestureVariables } from "./gestures.ts";

const problems = (v: unknown) => {
  const r = validateBindings(v);
  return r.ok ? [] : r.problems;
};

describe("bindings", () => {
  it("lists the gestures and their event variables as data", () => {
    expect(GESTURE_NAMES).toEqual(["click", "double_click", "right_click", "drag", "long_press", "hover_enter", "hover_leave", "key_press", "key_combo", "scroll", "pinch_zoom", "select", "deselect"]);
    expect(gestureVariables("scroll").map((v) => v.name)).toContain("event.delta_y");
    expect(gestureVariables("pinch_zoom").find((v) => v.name === "event.scale")?.type).toBe("number");
    expect(GESTURES.drag.variables).toContain("phase");
  });

  it("accepts a complete bindings.json", () => {
    const json = {
      click: [
        { command: "add_node", params: { x: "${event.x}", y: "${event.y}" }, target: "background" },
        { command: "select_node", params: { id: "${event.target_id}", add: "${event.shift}" }, target: "#node-*" },
      ],
      double_click: { command: "edit_label", params: { id: "${event.target_id}" }, target: "text-label" },
      right_click: { command: "open_menu", params: { id: "${event.target_id}" }, target: "*" },
      drag: {
        start: { command: "begin_move", params: { id: "${event.target_id}" }, target: "circle#node-*" },
        move: { command: "move_node", params: { id: "${event.target_id}", dx: "${event.delta_x}", dy: "${event.delta_y}" }, when: "${event.phase == 'move'}" },
        end: { command: "end_move" },
      },
      long_press: { command: "open_menu", params: { ms: "${event.duration_ms}" } },
      hover_enter: { command: "highlight", params: { id: "${event.target_id}" } },
      hover_leave: { command: "unhighlight" },
      key_press: [{ command: "delete_selected", key: "Delete" }, { command: "nudge", key: "ArrowUp", shift: true, params: { dy: "${if(event.shift, -10, -1)}" } }],
      key_combo: { command: "undo", combo: "mod+z", when: "${len(state.history) > 0}" },
      scroll: { command: "pan", params: { dx: "${event.delta_x}", dy: "${event.delta_y}" } },
      pinch_zoom: { command: "zoom", params: { factor: "${event.scale}", cx: "${event.x}" } },
      select: { command: "on_select", params: { ids: "${event.selected_ids}" } },
      deselect: { command: "on_deselect", params: { id: "${event.target_id}" } },
    };
    expect(validateBindings(json)).toEqual({ ok: true, bindings: json });
  });

  it("reports shape problems with paths", () => {
    expect(problems({ tap: { command: "x" } })[0]).toMatchObject({ path: "tap", message: expect.stringContaining("unknown field") });
    expect(problems({ click: { params: {} } })[0]).toMatchObject({ path: "click.command", message: "required" });
    expect(problems({ click: [{ command: "ok" }, { command: "bad name" }] })[0]?.path).toBe("click.1.command");
    expect(problems({ click: { command: "x", target: "hexagon" } })[0]?.path).toBe("click.target");
    expect(problems({ key_press: { command: "x" } })[0]?.path).toBe("key_press.key");
    expect(problems({ key_combo: { command: "x", combo: "z" } })[0]?.path).toBe("key_combo.combo");
    expect(problems({ drag: {} })[0]?.message).toContain("at least one");
    expect(problems({ click: { command: "x", when: "${event.x >}" } })[0]).toMatchObject({ path: "click.when", message: expect.stringContaining("bad expression") });
    expect(problems({ click: { command: "x", params: { a: ["${event.x"] } } })[0]?.path).toBe("click.params.a.0");
  });

  it("reports event variables a gesture does not provide", () => {
    const p = problems({ click: { command: "zoom", params: { f: "${event.scale}" } }, drag: { move: [{ command: "m", params: { i: "${item.id}" } }] } });
    expect(p).toEqual([
      { path: "click.params.f", message: expect.stringMatching(/^click does not provide event.scale \(at 1:3\)/) },
      { path: "drag.move.0.params.i", message: expect.stringContaining('"item" is not in scope') },
    ]);
  });

  it("matches target selectors", () => {
    const node = { id: "node-7", kind: "circle" };
    expect(matchTarget(undefined, null)).toBe(true);
    expect(matchTarget("background", null)).toBe(true);
    expect(matchTarget("background", node)).toBe(false);
    expect(matchTarget("*", node)).toBe(true);
    expect(matchTarget("*", null)).toBe(false);
    expect(matchTarget("circle", node)).toBe(true);
    expect(matchTarget("rect", node)).toBe(false);
    expect(matchTarget("#node-*", node)).toBe(true);
    expect(matchTarget("#edge-*", node)).toBe(false);
    expect(matchTarget("circle#node-7", node)).toBe(true);
    expect(matchTarget("#*-7", node)).toBe(true);
  });
});
