import { z } from "zod";
import type { ComponentSpec } from "./component.ts";
import { component } from "./component.ts";
import { animateTimingShape, checkSlides, DIRECTIONS, EXIT_EFFECTS } from "./node.ts";
import { actionShape, color, ex, expression, flag, integer, JsonWithExpressions, number, oneOf, perItem, props, space, text } from "./props-common.ts";

const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;
const VIEW_BOX = /^\s*-?\d+(\.\d+)?([\s,]+-?\d+(\.\d+)?){3}\s*$/;

const iteration = {
  items: ex(z.array(JsonWithExpressions).max(100_000), "a list").describe('the list to iterate, usually "${state.…}"'),
  key: perItem().describe('stable key per item, e.g. "${item.id}"'),
  empty_text: text().describe("shown when there are no items").optional(),
  selected: ex(z.union([text(), z.array(text())]), "a key or list of keys").describe("selected key(s)").optional(),
  ...actionShape,
};

const column = z
  .strictObject({
    header: text(),
    field: z.string().regex(FIELD_PATH, "expected a field path like \"name\" or \"meta.size\"").describe("item field to show").optional(),
    value: perItem().describe('per-row template, e.g. "${item.x} px"').optional(),
    sortable: z.boolean().optional(),
    width: z.union([z.number().min(0).max(4000), z.string().regex(/^\d+(\.\d+)?(px|%|fr)$/)]).optional(),
    align: z.enum(["start", "center", "end"]).optional(),
  })
  .refine((c) => (c.field === undefined) !== (c.value === undefined), { message: "a column needs exactly one of field or value" });

/** How a table row leaves when its item is removed (rows are virtual: they have no node of their own). */
const rowAnimate = z
  .strictObject({ exit: z.enum(EXIT_EFFECTS), to: z.enum(DIRECTIONS).optional(), ...animateTimingShape })
  .superRefine(checkSlides)
  .describe("{exit, to?, easing?, duration_ms?, delay_ms?, stagger_ms?}: a removed row's exit (it stays, inert and data-exiting, until it ends)");

export const DATA: ComponentSpec[] = [
  component(
    "list",
    "data",
    "Repeats its children once per item of items, with ${item} and ${index} in scope. A click on a row fires command with event.value = the key.",
    props({ ...iteration, direction: oneOf(["vertical", "horizontal"]).optional(), gap: space().optional(), dividers: flag().optional() }),
    { children: { min: 1, max: Infinity, meaning: "the item template, rendered per item" }, deferred: ["key", "params"] },
  ),
  component(
    "table",
    "data",
    "Rows from items, one column per entry in columns; sortable columns sort in the view. A row click fires command with event.value = the key.",
    props({
      ...iteration,
      columns: ex(z.array(column).min(1).max(100), "a list of columns").describe("[{header, field | value, sortable?, width?, align?}]"),
      sort: ex(z.strictObject({ column: z.int().min(0), direction: z.enum(["asc", "desc"]) }), "{column, direction}").describe("initial sort").optional(),
      page_size: integer(1, 1000).optional(),
      striped: flag().optional(),
      row_animate: ex(rowAnimate, "{exit, ...}").optional(),
    }),
    { deferred: ["key", "params", "columns"] },
  ),
  component(
    "tree-view",
    "data",
    "A collapsible tree from items; each item's children_field holds its sub-items. A click fires command with event.value = the key.",
    props({
      ...iteration,
      label: perItem().describe('per-node text, e.g. "${item.name}"'),
      icon: perItem().describe("per-node icon name").optional(),
      children_field: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).describe('default "children"').optional(),
      expanded: ex(z.array(text()), "a list of keys").describe("keys of expanded nodes; all collapsed when omitted").optional(),
    }),
    { deferred: ["key", "params", "label", "icon"] },
  ),
  component(
    "key-value",
    "data",
    "Label/value pairs, from entries or from the keys of an object in data.",
    props({
      entries: ex(z.array(z.strictObject({ label: text(), value: JsonWithExpressions })).max(1000), "a list of {label, value}").optional(),
      data: expression("an object").describe('an object whose keys become labels, e.g. "${state.meta}"').optional(),
      layout: oneOf(["rows", "columns"]).optional(),
    }),
    { check: (p) => ((p.entries === undefined) === (p.data === undefined) ? [{ path: "entries", message: "give exactly one of entries or data" }] : []) },
  ),
];

export const CANVAS: ComponentSpec[] = [
  component(
    "canvas",
    "canvas",
    "Renders the scene graph found at scene (see SceneSchema) as SVG; gestures dispatch commands through bindings.json.",
    props({
      scene: expression("a scene").describe('where the scene graph lives, e.g. "${state.scene}"'),
      width: ex(z.union([z.number().min(1).max(20000), z.string().regex(/^\d+(\.\d+)?(px|%)$/)]), "a size").describe('px or "100%"').optional(),
      height: ex(z.union([z.number().min(1).max(20000), z.string().regex(/^\d+(\.\d+)?(px|%)$/)]), "a size").optional(),
      viewBox: ex(z.string().regex(VIEW_BOX, 'expected four numbers "min_x min_y width height"'), "a view box").optional(),
      background: color().optional(),
      pan_zoom: flag().describe("let the user pan and zoom the view").optional(),
      selection: ex(z.array(text()), "a list of ids").describe("ids of selected elements, drawn highlighted").optional(),
      grid: number(0, 1000).describe("background grid spacing in scene units; 0 for none").optional(),
    }),
  ),
];
