import { z } from "zod";
import { rootsUsed } from "./analyze.ts";
import type { ComponentType } from "./components.ts";
import { COMPONENT_TYPES, COMPONENTS, isComponentType } from "./components.ts";
import type { UiNode } from "./node.ts";
import { AnimateSchema, NODE_FIELDS, NODE_ID, NODE_ROLE } from "./node.ts";
import type { Problem } from "./problems.ts";
import { issuesToProblems, joinPath } from "./problems.ts";
import { compileTemplate, hasExpression } from "./template.ts";

export type { Problem };
export type ValidationResult = { ok: true } | { ok: false; problems: Problem[] };

export const MAX_TREE_NODES = 5_000;
export const MAX_TREE_DEPTH = 48;

const ALIASES: Readonly<Record<string, string>> = {
  container: "column", box: "column", view: "column", label: "text", paragraph: "text", img: "image", input: "text-input",
  textarea: "text-input", dropdown: "select", switch: "toggle", dialog: "modal", notification: "toast", table_view: "table",
  tree: "tree-view", progress: "progress-bar", loader: "spinner", separator: "divider", svg: "canvas", code: "code-block",
};

function suggest(type: string): string {
  const lower = type.toLowerCase();
  if (Object.hasOwn(ALIASES, lower)) return ` (did you mean "${ALIASES[lower]}"?)`;
  let best = "";
  let bestDistance = 3;
  for (const t of COMPONENT_TYPES) {
    const d = distance(lower.replaceAll("_", "-"), t);
    if (d < bestDistance) [best, bestDistance] = [t, d];
  }
  return best ? ` (did you mean "${best}"?)` : "";
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3 || a.length > 40) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Validates a ui.json tree and reports every problem with its path: unknown component types,
 * unknown node fields, bad or missing props, bad `${...}` expressions (with line:col inside the
 * string), wrong number of children, bad animate blocks and duplicate ids.
 *
 * @example validateUiTree({ type: "column", children: [{ type: "buton" }] })
 * // {ok:false, problems:[{path:"children.0.type", message:'unknown component type "buton" (did you mean "button"?)'}]}
 */
export function validateUiTree(tree: unknown): ValidationResult {
  const problems: Problem[] = [];
  const ids = new Map<string, string>();
  let count = 0;

  const visit = (node: unknown, path: string, depth: number, inItem: boolean): void => {
    if (++count > MAX_TREE_NODES) {
      if (count === MAX_TREE_NODES + 1) problems.push({ path, message: `tree has more than ${MAX_TREE_NODES} nodes` });
      return;
    }
    if (depth > MAX_TREE_DEPTH) {
      problems.push({ path, message: `tree is nested deeper than ${MAX_TREE_DEPTH} levels` });
      return;
    }
    if (typeof node !== "object" || node === null || Array.isArray(node)) {
      problems.push({ path, message: "expected a node object {type, id?, role?, props?, children?, animate?}" });
      return;
    }
    const n = node as Record<string, unknown>;
    for (const key of Object.keys(n)) {
      if (!(NODE_FIELDS as readonly string[]).includes(key)) problems.push({ path: joinPath(path, key), message: `unknown node field "${key}" (allowed: ${NODE_FIELDS.join(", ")})` });
    }
    const type = n.type;
    if (typeof type !== "string") problems.push({ path: joinPath(path, "type"), message: type === undefined ? "required: the component type" : "type must be a string" });
    else if (!isComponentType(type)) problems.push({ path: joinPath(path, "type"), message: `unknown component type "${type}"${suggest(type)}` });

    checkId(n.id, joinPath(path, "id"), inItem);
    if (n.role !== undefined && (typeof n.role !== "string" || !NODE_ROLE.test(n.role))) {
      problems.push({ path: joinPath(path, "role"), message: "role must be a kebab-case name like \"toolbar\" (rendered as data-role)" });
    }
    if (n.animate !== undefined) {
      const r = AnimateSchema.safeParse(n.animate);
      if (!r.success) problems.push(...issuesToProblems(r.error.issues, joinPath(path, "animate"), n.animate));
    }

    const children = n.children;
    if (children !== undefined && !Array.isArray(children)) problems.push({ path: joinPath(path, "children"), message: "children must be a list of nodes" });
    const kids = Array.isArray(children) ? children : [];

    if (isComponentType(type)) {
      const spec = COMPONENTS[type];
      const props = n.props === undefined ? {} : n.props;
      const r = spec.props.safeParse(props);
      if (!r.success) problems.push(...issuesToProblems(r.error.issues, joinPath(path, "props"), props, Object.keys(spec.props.shape)));
      else {
        if (spec.check) for (const p of spec.check(r.data, kids.length)) problems.push({ path: joinPath(path, "props", p.path), message: p.message });
        problems.push(...scopeProblems(type, r.data, joinPath(path, "props"), inItem));
      }
      const { min, max } = spec.children;
      if (kids.length < min || kids.length > max) {
        const want = max === 0 ? "no children" : min === max ? `exactly ${min} ${min === 1 ? "child" : "children"}` : max === Infinity ? `at least ${min} ${min === 1 ? "child" : "children"}` : `${min} to ${max} children`;
        problems.push({ path: joinPath(path, "children"), message: `${type} takes ${want}${spec.children.meaning ? ` (${spec.children.meaning})` : ""}, got ${kids.length}` });
      }
    }
    const childInItem = inItem || type === "list";
    kids.forEach((child, i) => visit(child, joinPath(path, "children", i), depth + 1, childInItem));
  };

  const checkId = (id: unknown, path: string, inItem: boolean): void => {
    if (id === undefined) return;
    if (typeof id !== "string") {
      problems.push({ path, message: "id must be a string" });
    } else if (hasExpression(id)) {
      const c = compileTemplate(id);
      if (!c.ok) problems.push({ path, message: `bad expression: ${c.error.message}` });
    } else if (inItem) {
      problems.push({ path, message: `a literal id inside a list item repeats for every item; use a template like "${id}-\${item.id}"` });
    } else if (!NODE_ID.test(id)) {
      problems.push({ path, message: "id must start with a letter and use letters, digits, _ . : - (max 128)" });
    } else if (ids.has(id)) {
      problems.push({ path, message: `duplicate id "${id}" (first used at ${ids.get(id) || "the root"})` });
    } else {
      ids.set(id, path.replace(/\.?id$/, ""));
    }
  };

  visit(tree, "", 0, false);
  return problems.length ? { ok: false, problems } : { ok: true };
}

const ITERATING: ReadonlySet<string> = new Set(["list", "table", "tree-view"]);

/** Expressions that read `item`/`index` outside an item, or `event` outside command params, would always see null. */
function scopeProblems(type: ComponentType, props: Record<string, unknown>, base: string, inItem: boolean): Problem[] {
  const out: Problem[] = [];
  const deferred = COMPONENTS[type].deferred;
  const walk = (v: unknown, path: string, top: string): void => {
    if (typeof v === "string") {
      if (!hasExpression(v)) return;
      const c = compileTemplate(v);
      if (!c.ok) return;
      for (const part of c.template.parts) {
        if (part.kind !== "expression") continue;
        for (const use of rootsUsed(part.expression)) {
          const at = `(at ${use.span.line}:${use.span.col})`;
          if ((use.root === "item" || use.root === "index") && !inItem && !(ITERATING.has(type) && deferred.includes(top))) {
            out.push({ path, message: `"${use.root}" is only in scope inside a list's children or the per-item props of list, table and tree-view ${at}` });
          } else if (use.root === "event" && top !== "params") {
            out.push({ path, message: `"event" is only in scope in command params, resolved when the action fires ${at}` });
          }
        }
      }
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, joinPath(path, i), top));
    } else if (typeof v === "object" && v !== null) {
      for (const [k, x] of Object.entries(v)) walk(x, joinPath(path, k), top);
    }
  };
  for (const [k, v] of Object.entries(props)) walk(v, joinPath(base, k), k);
  return out;
}

/** zod schema for a whole ui.json tree (one root node); issues carry the problem paths. */
export const UiTreeSchema: z.ZodType<UiNode> = z.custom<UiNode>(() => true).superRefine((tree, ctx) => {
  const r = validateUiTree(tree);
  if (r.ok) return;
  for (const p of r.problems) {
    ctx.addIssue({ code: "custom", message: p.message, path: p.path === "" ? [] : p.path.split(".").map((s) => (/^\d+$/.test(s) ? Number(s) : s)) });
  }
});
