import { describe, expect, it } from "vitest";
import * as sdui from "./index.ts";

describe("lib/sdui public API", () => {
  it("exports the documented entry points", () => {
    for (const name of ["COMPONENT_TYPES", "propsSchemas", "UiTreeSchema", "validateUiTree", "SceneSchema", "BindingsSchema", "validateBindings", "GESTURES", "parseExpression", "compileTemplate", "evaluate", "resolveProps", "describeVocabulary"]) {
      expect(sdui, name).toHaveProperty(name);
    }
  });

  it("runs a ui.json end to end: validate, then resolve props for rendering", () => {
    const tree = {
      type: "list",
      props: { items: "${state.todos}", key: "${item.id}", empty_text: "Nothing to do" },
      children: [{ type: "checkbox", props: { label: "${index + 1}. ${item.title}", checked: "${item.done}", command: "toggle_todo", params: { id: "${item.id}", done: "${event.value}" } } }],
    };
    expect(sdui.validateUiTree(tree)).toEqual({ ok: true });
    const state = { todos: [{ id: "t1", title: "Write tests", done: true }] };
    const list = sdui.resolveProps(tree.props, { state }, { skip: sdui.deferredProps("list") });
    expect(list.props.items).toEqual(state.todos);
    expect(list.props.key).toBe("${item.id}");
    const row = sdui.resolveProps(tree.children[0]?.props, { state, item: state.todos[0], index: 0 }, { skip: sdui.deferredProps("checkbox") });
    expect(row.props).toMatchObject({ label: "1. Write tests", checked: true, params: { id: "${item.id}", done: "${event.value}" } });
    const params = sdui.resolveProps(tree.children[0]?.props.params, { state, item: state.todos[0], event: { value: false } });
    expect(params).toEqual({ props: { id: "t1", done: false }, errors: [] });
  });
});
