import { z } from "zod";
import type { ComponentSpec } from "./component.ts";
import { ANY_CHILDREN, component, entriesMatchChildren, NO_CHILDREN } from "./component.ts";
import { actionShape, ALIGN, ex, flag, integer, JUSTIFY, number, oneOf, props, space, text } from "./props-common.ts";

const flow = {
  gap: space().describe("space between children: px or a token").optional(),
  padding: space().optional(),
  align: oneOf(ALIGN).describe("cross-axis alignment").optional(),
  justify: oneOf(JUSTIFY).describe("main-axis distribution").optional(),
  scroll: flag().describe("scroll when content overflows").optional(),
};

const entry = z.strictObject({
  key: z.string().min(1).max(100).describe("stable key, reported as event.value"),
  label: text(),
  icon: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(64).optional(),
});

export const LAYOUT: ComponentSpec[] = [
  component("column", "layout", "Stacks children vertically.", props(flow), { children: ANY_CHILDREN }),
  component("row", "layout", "Places children side by side.", props({ ...flow, wrap: flag().optional() }), { children: ANY_CHILDREN }),
  component(
    "grid",
    "layout",
    "Places children in a grid of columns.",
    props({
      columns: ex(z.union([z.int().min(1).max(24), text()]), "a column count or CSS track list").describe("column count (1-24) or a CSS track list like \"1fr 2fr\"").optional(),
      min_column_width: number(0, 4000).describe("px; columns wrap below this width").optional(),
      gap: space().optional(),
      padding: space().optional(),
    }),
    { children: ANY_CHILDREN },
  ),
  component("stack", "layout", "Layers children on top of each other (later children on top).", props({ align: oneOf(["start", "center", "end"]).optional(), padding: space().optional() }), {
    children: { min: 0, max: Infinity, meaning: "layers, bottom first" },
  }),
  component("spacer", "layout", "Empty space; grows to fill a row or column unless size is set.", props({ size: space().optional(), grow: flag().optional() })),
  component("divider", "layout", "A separating line, optionally labelled.", props({ orientation: oneOf(["horizontal", "vertical"]).optional(), label: text().optional() }), { children: NO_CHILDREN }),
  component(
    "tabs",
    "layout",
    "Tabbed panels; one child per entry in tabs. Fires command with event.value = the chosen key.",
    props({
      tabs: ex(z.array(entry).min(1).max(50), "a list of {key, label}").describe("[{key, label, icon?}], one per child"),
      active: ex(text(), "a tab key").describe("key of the shown tab (usually bound to state)").optional(),
      ...actionShape,
    }),
    { children: { min: 1, max: 50, meaning: "one panel per tab, in order" }, check: entriesMatchChildren("tabs") },
  ),
  component(
    "accordion",
    "layout",
    "Collapsible sections; one child per entry in sections. Fires command with event.value = the toggled key, event.open.",
    props({
      sections: ex(z.array(entry).min(1).max(100), "a list of {key, label}").describe("[{key, label, icon?}], one per child"),
      open: ex(z.array(text()), "a list of keys").describe("keys of the open sections").optional(),
      multiple: flag().describe("allow several sections open at once").optional(),
      ...actionShape,
    }),
    { children: { min: 1, max: 100, meaning: "one body per section, in order" }, check: entriesMatchChildren("sections") },
  ),
  component(
    "split-pane",
    "layout",
    "Two resizable panes. Fires command with event.value = the new ratio after a resize.",
    props({
      orientation: oneOf(["horizontal", "vertical"]).describe("horizontal puts panes side by side").optional(),
      ratio: number(0.05, 0.95).describe("share of the first pane (0.05-0.95)").optional(),
      min_size: integer(0, 4000).describe("px, minimum size of each pane").optional(),
      resizable: flag().optional(),
      ...actionShape,
    }),
    { children: { min: 2, max: 2, meaning: "exactly two panes" } },
  ),
];
