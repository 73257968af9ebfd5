import { describe, expect, it } from "vitest";
import type { ComponentType } from "./components.ts";
import { COMPONENT_CATEGORIES, COMPONENT_TYPES, propsSchemas } from "./components.ts";
import { validateUiTree } from "./validate-tree.ts";

type Example = { props?: Record<string, unknown>; children?: number };
type Bad = Example & { path: string; message?: string };

const child = { type: "text", props: { text: "x" } };
const node = (type: string, ex: Example) => ({
  type,
  ...(ex.props ? { props: ex.props } : {}),
  ...(ex.children ? { children: Array.from({ length: ex.children }, () => child) } : {}),
});

const EXAMPLES: Record<ComponentType, { good: Example; bad: Bad }> = {
  column: { good: { props: { gap: "md", align: "center" }, children: 2 }, bad: { props: { gap: -1 }, path: "props.gap" } },
  row: { good: { props: { gap: 8, wrap: "${state.wrap}" } }, bad: { props: { justify: "middle" }, path: "props.justify", message: '"between"' } },
  grid: { good: { props: { columns: 3, min_column_width: 120 } }, bad: { props: { columns: 0 }, path: "props.columns" } },
  stack: { good: { props: { align: "center" }, children: 2 }, bad: { props: { layers: 2 }, path: "props.layers", message: "unknown field" } },
  spacer: { good: { props: { grow: true } }, bad: { props: {}, children: 1, path: "children", message: "no children" } },
  divider: { good: { props: { label: "or" } }, bad: { props: { orientation: "diagonal" }, path: "props.orientation" } },
  tabs: {
    good: { props: { tabs: [{ key: "a", label: "A" }, { key: "b", label: "B" }], active: "${state.tab}", command: "set_tab", params: { tab: "${event.value}" } }, children: 2 },
    bad: { props: { tabs: [{ key: "a", label: "A" }] }, children: 2, path: "props.tabs", message: "one child per entry" },
  },
  accordion: { good: { props: { sections: "${state.sections}", multiple: true }, children: 1 }, bad: { props: { sections: [{ label: "x" }] }, children: 1, path: "props.sections.0.key" } },
  "split-pane": { good: { props: { ratio: 0.3 }, children: 2 }, bad: { props: {}, children: 1, path: "children", message: "exactly 2" } },
  text: { good: { props: { text: "Hello ${state.name}", variant: "muted" } }, bad: { props: { text: "Hi ${state.name" }, path: "props.text", message: "unterminated" } },
  heading: { good: { props: { text: "Title", level: 1 } }, bad: { props: { text: "T", level: 7 }, path: "props.level" } },
  badge: { good: { props: { text: "${len(state.items)}", tone: "success" } }, bad: { props: { text: "x", tone: "pink" }, path: "props.tone" } },
  icon: { good: { props: { name: "arrow-right", size: "sm" } }, bad: { props: { name: "Arrow Right" }, path: "props.name" } },
  image: { good: { props: { src: "https://example.com/a.png", alt: "A" } }, bad: { props: { src: "javascript:alert(1)", alt: "x" }, path: "props.src" } },
  "code-block": { good: { props: { code: "print(1)", language: "python" } }, bad: { props: { language: "py" }, path: "props.code", message: "required" } },
  markdown: { good: { props: { text: "# Hi" } }, bad: { props: { text: 5 }, path: "props.text" } },
  "progress-bar": { good: { props: { value: "${state.done}", max: 10 } }, bad: { props: { value: "half" }, path: "props.value", message: "a number or" } },
  spinner: { good: { props: { size: "lg" } }, bad: { props: { size: "huge" }, path: "props.size" } },
  button: {
    good: { props: { label: "Add", variant: "primary", command: "add_node", params: { x: "${event.x}", id: "${state.selected}", n: 1 } } },
    bad: { props: { label: "Add", command: "add node!" }, path: "props.command" },
  },
  "text-input": { good: { props: { value: "${state.name}", command: "rename", params: { name: "${event.value}" }, trigger: "blur" } }, bad: { props: { trigger: "always" }, path: "props.trigger" } },
  "number-input": { good: { props: { value: "${state.n}", min: 0, max: 10, step: 1 } }, bad: { props: { step: -1 }, path: "props.step" } },
  checkbox: { good: { props: { checked: "${state.done}", label: "Done", command: "toggle", params: { id: "${state.id}" } } }, bad: { props: { checked: "yes" }, path: "props.checked" } },
  toggle: { good: { props: { checked: true } }, bad: { props: { checked: 1 }, path: "props.checked", message: "true or false" } },
  select: { good: { props: { options: ["a", { value: 2, label: "Two" }], value: "${state.choice}" } }, bad: { props: { options: [{ value: 1 }] }, path: "props.options.0.label", message: "required" } },
  slider: { good: { props: { value: "${state.zoom}", min: 0.1, max: 4, step: 0.1, trigger: "change" } }, bad: { props: { max: "${state.max +}" }, path: "props.max", message: "bad expression" } },
  "color-picker": { good: { props: { value: "#ff8800", swatches: ["#000", "red"] } }, bad: { props: { value: "url(http://x)" }, path: "props.value" } },
  "date-picker": { good: { props: { value: "2026-01-31", with_time: false } }, bad: { props: { value: "31/01/2026" }, path: "props.value" } },
  list: { good: { props: { items: "${state.nodes}", key: "${item.id}", command: "select", params: { id: "${item.id}" } }, children: 1 }, bad: { props: { items: "${state.nodes}", key: "id" }, children: 1, path: "props.key" } },
  table: {
    good: { props: { items: "${state.rows}", key: "${item.id}", columns: [{ header: "Name", field: "name", sortable: true }, { header: "Size", value: "${item.w}x${item.h}", width: "20%" }] } },
    bad: { props: { items: "${state.rows}", key: "${item.id}", columns: [{ header: "Name", field: "name", value: "${item.name}" }] }, path: "props.columns.0", message: "exactly one of field or value" },
  },
  "tree-view": { good: { props: { items: "${state.tree}", key: "${item.id}", label: "${item.name}", children_field: "kids" } }, bad: { props: { items: "${state.tree}", key: "${item.id}" }, path: "props.label", message: "required" } },
  "key-value": { good: { props: { entries: [{ label: "Nodes", value: "${len(state.nodes)}" }] } }, bad: { props: {}, path: "props.entries", message: "exactly one of entries or data" } },
  canvas: { good: { props: { scene: "${state.scene}", width: "100%", height: 400, viewBox: "0 0 800 600", background: "var(--surface)" } }, bad: { props: { scene: "state.scene" }, path: "props.scene", message: "expression" } },
  alert: { good: { props: { tone: "danger", title: "Oops", text: "${state.error}" }, children: 1 }, bad: { props: { dismissible: "no" }, path: "props.dismissible" } },
  toast: { good: { props: { text: "Saved", open: "${state.saved}", duration_ms: 3000 } }, bad: { props: { text: "x", duration_ms: 1.5 }, path: "props.duration_ms" } },
  modal: { good: { props: { open: "${state.editing}", title: "Edit", command: "close_editor" }, children: 1 }, bad: { props: { title: "Edit" }, children: 1, path: "props.open", message: "required" } },
  tooltip: { good: { props: { text: "Delete", placement: "top" }, children: 1 }, bad: { props: { text: "x" }, children: 2, path: "children", message: "exactly 1 child" } },
  popover: { good: { props: { title: "More", trigger: "hover" }, children: 2 }, bad: { props: { placement: "center" }, children: 2, path: "props.placement" } },
};

describe("vocabulary", () => {
  it("has 37 types in six categories, each with a props schema", () => {
    expect(COMPONENT_TYPES).toHaveLength(37);
    expect(new Set(COMPONENT_TYPES).size).toBe(37);
    expect(Object.keys(COMPONENT_CATEGORIES)).toEqual(["layout", "display", "input", "data", "canvas", "feedback"]);
    for (const t of COMPONENT_TYPES) expect(propsSchemas[t]).toBeDefined();
    expect(Object.keys(EXAMPLES).sort()).toEqual([...COMPONENT_TYPES].sort());
  });

  describe.each(COMPONENT_TYPES.map((t) => [t]))("%s", (type) => {
    const { good, bad } = EXAMPLES[type];
    it("accepts a valid node", () => {
      expect(validateUiTree(node(type, good))).toEqual({ ok: true });
    });
    it("rejects an invalid node with the path of the fault", () => {
      const r = validateUiTree(node(type, bad));
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.problems.map((p) => p.path)).toContain(bad.path);
      if (bad.message) expect(r.problems.find((p) => p.path === bad.path)?.message).toContain(bad.message);
    });
  });

  it("accepts an expression wherever a literal value is expected", () => {
    const fixed = new Set(["key-value.entries", "key-value.data", "tree-view.children_field"]);
    for (const t of COMPONENT_TYPES) {
      const shape = propsSchemas[t].shape;
      for (const key of Object.keys(shape)) {
        if (fixed.has(`${t}.${key}`)) continue;
        const r = propsSchemas[t].safeParse({ ...(EXAMPLES[t].good.props ?? {}), [key]: "${state.x}" });
        expect(r.success, `${t}.${key}`).toBe(true);
      }
    }
  });

  it("rejects a bad expression in every prop of every component", () => {
    const missed: string[] = [];
    for (const t of COMPONENT_TYPES) {
      const { good } = EXAMPLES[t];
      for (const key of Object.keys(propsSchemas[t].shape)) {
        const r = validateUiTree(node(t, { ...good, props: { ...(good.props ?? {}), [key]: "${state.x +}" } }));
        const hit = !r.ok && r.problems.some((p) => p.path.startsWith(`props.${key}`));
        if (!hit) missed.push(`${t}.${key}`);
      }
    }
    expect(missed).toEqual([]);
  });

  it("names the syntax fault when a prop holds a bad expression", () => {
    const r = validateUiTree({ type: "row", props: { gap: "${state.gap *}", align: "${state.a.}" } });
    expect(r).toEqual({
      ok: false,
      problems: [
        { path: "props.gap", message: "bad expression: unexpected end of expression at 1:14" },
        { path: "props.align", message: 'bad expression: expected a field name after ".", found end of expression at 1:11' },
      ],
    });
  });
});
