/**
 * CSS selectors over a `pe.view` layout snapshot, with css-select and a tree adapter: the tag is
 * `tag`, `#id` is `id`, `.class` is `classes`, `[name=value]` reads `attrs` (names compared in
 * lower case, like HTML). Every adapter call is metered so no selector runs unbounded.
 */
import { selectAll, type Options } from "css-select";
import type { Rect, ViewNode } from "../../../lib/protocol/perception";
import { boundingRect } from "./perception";

/** An element of the snapshot with its parent and position among its siblings. */
export interface El {
  kind: "el";
  node: ViewNode;
  parent: El | Doc;
  index: number;
  children: El[];
  attrs: Map<string, string>;
}
/** The document above the snapshot's root element (not an element itself, like `document`). */
export interface Doc {
  kind: "doc";
  children: El[];
}
type Any = El | Doc;
type Adapter = NonNullable<Options<Any, El>["adapter"]>;

/** Adapter calls one query may make. */
export const SELECT_STEPS = 2_000_000;

export class SelectBudgetExceeded extends Error {
  constructor() {
    super(`the selector took more than ${SELECT_STEPS} steps; make it more specific`);
  }
}

/** Wraps a snapshot's root node (iteratively: trees may be deep). */
export function wrapSnapshot(root: ViewNode): Doc {
  const doc: Doc = { kind: "doc", children: [] };
  const stack: [ViewNode, Any, number][] = [[root, doc, 0]];
  while (stack.length) {
    const [node, parent, index] = stack.pop()!;
    const attrs = new Map<string, string>();
    for (const [k, v] of Object.entries(node.attrs ?? {})) attrs.set(k.toLowerCase(), String(v));
    if (node.id) attrs.set("id", node.id);
    if (node.classes?.length) attrs.set("class", node.classes.join(" "));
    const el: El = { kind: "el", node, parent, index, children: [], attrs };
    parent.children[index] = el;
    const kids = Array.isArray(node.children) ? node.children : [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i]!, el, i]);
  }
  return doc;
}

function adapter(): Adapter {
  let steps = 0;
  const tick = () => {
    if (++steps > SELECT_STEPS) throw new SelectBudgetExceeded();
  };
  const isTag = (n: Any): n is El => n.kind === "el";
  return {
    isTag,
    getAttributeValue: (el, name) => (tick(), el.attrs.get(name.toLowerCase())),
    hasAttrib: (el, name) => (tick(), el.attrs.has(name.toLowerCase())),
    getChildren: (n) => (tick(), n.children),
    getName: (el) => (tick(), el.node.tag.toLowerCase()),
    getParent: (el) => (tick(), el.parent),
    getSiblings: (n) => (tick(), n.kind === "el" ? n.parent.children : [n]),
    prevElementSibling: (n) => (tick(), n.kind === "el" ? (n.parent.children[n.index - 1] ?? null) : null),
    getText: (n) => {
      let text = "";
      const stack: Any[] = [n];
      while (stack.length) {
        tick();
        const x = stack.pop()!;
        if (x.kind === "el") text += x.node.text ?? "";
        for (let i = x.children.length - 1; i >= 0; i--) stack.push(x.children[i]!);
      }
      return text;
    },
    removeSubsets: (nodes) => {
      const set = new Set(nodes);
      return [...set].filter((n) => {
        for (let p = n.kind === "el" ? n.parent : null; p; p = p.kind === "el" ? p.parent : null) if (set.has(p)) return false;
        return true;
      });
    },
  };
}

export type Selected = { ok: true; matches: El[] } | { ok: false; code: "invalid_query" | "budget_exceeded"; message: string };

/** Every element of the snapshot matching `selector`, in document order. */
export function select(selector: string, doc: Doc): Selected {
  try {
    return { ok: true, matches: selectAll<Any, El>(selector, doc, { adapter: adapter(), xmlMode: false }) };
  } catch (err) {
    if (err instanceof SelectBudgetExceeded) return { ok: false, code: "budget_exceeded", message: err.message };
    return { ok: false, code: "invalid_query", message: `invalid CSS selector: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Checks a selector's syntax without a snapshot. */
export function selectorProblem(selector: string): string | null {
  const checked = select(selector, { kind: "doc", children: [] });
  return checked.ok ? null : checked.message;
}

/** A match as an output: the node without its subtree, `child_count` in place of `children`. */
export function matchOutput(el: El): Omit<ViewNode, "children"> & { child_count: number } {
  const { children, ...rest } = el.node;
  return { ...rest, child_count: Array.isArray(children) ? children.length : 0 };
}

const hasArea = (r: Rect | undefined): r is Rect => !!r && r.width > 0 && r.height > 0;

/** The smallest rectangle around every match with an area (else the first match's rect, else null). */
export function unionRect(matches: El[]): Rect | null {
  return boundingRect(matches.map((m) => m.node.rect).filter(hasArea)) ?? matches[0]?.node.rect ?? null;
}
