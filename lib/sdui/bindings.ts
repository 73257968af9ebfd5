import { z } from "zod";
import { rootsUsed } from "./analyze.ts";
import type { EventVariable, Gesture } from "./gestures.ts";
import { GESTURE_NAMES, GESTURES } from "./gestures.ts";
import type { Problem } from "./problems.ts";
import { issuesToProblems, joinPath } from "./problems.ts";
import { COMMAND_NAME, expression, JsonWithExpressions } from "./props-common.ts";
import { SCENE_KINDS } from "./scene.ts";
import { compileTemplate } from "./template.ts";

/**
 * Which elements a binding applies to: "background" (empty canvas), "*" (any element),
 * an element kind ("circle"), an id pattern ("#node-*") or both ("rect#port-*").
 */
export const TARGET_SELECTOR = new RegExp(`^(background|\\*|(${SCENE_KINDS.join("|")})?(#[A-Za-z0-9_.:*-]{1,128})?)$`);
const COMBO = /^((ctrl|shift|alt|meta|mod)\+){1,4}([a-z0-9]|[A-Z][A-Za-z0-9]{1,15}|[-=[\];',./`\\])$/;

const bindingShape = {
  command: z.string().regex(COMMAND_NAME, "expected a command name like move_node"),
  params: z.record(z.string(), JsonWithExpressions).describe("strings may use ${event.*} and ${state.*}").optional(),
  target: z
    .string()
    .refine((s) => s !== "" && TARGET_SELECTOR.test(s), { message: `expected "background", "*", an element kind (${SCENE_KINDS.join(", ")}), "#id-pattern" or "kind#id-pattern"` })
    .optional(),
  when: expression("true or false").describe("the binding applies only when truthy").optional(),
};

export const BindingSchema = z.strictObject(bindingShape);
export const KeyBindingSchema = z.strictObject({
  ...bindingShape,
  key: z.string().min(1).max(32).describe('key value: "a", "Delete", "ArrowUp", " " ...'),
  ctrl: z.boolean().optional(),
  shift: z.boolean().optional(),
  alt: z.boolean().optional(),
  meta: z.boolean().optional(),
});
export const ComboBindingSchema = z.strictObject({
  ...bindingShape,
  combo: z.string().regex(COMBO, 'expected modifiers and a key like "ctrl+z", "mod+shift+d" or "alt+ArrowUp"'),
});

const many = <T extends z.ZodType>(s: T) => z.union([s, z.array(s).min(1).max(50)]);
const DragSchema = z
  .strictObject({ start: many(BindingSchema).optional(), move: many(BindingSchema).optional(), end: many(BindingSchema).optional() })
  .refine((d) => d.start || d.move || d.end, { message: "bind at least one of start, move, end" });

/**
 * bindings.json: gesture → binding (or a list, tried in order; the first whose target and
 * `when` match fires). A binding is `{command, params?, target?, when?}`; drag binds per phase,
 * key_press adds `key` and required modifiers, key_combo adds `combo`.
 *
 * @example {"click": {"command": "select", "params": {"id": "${event.target_id}"}, "target": "circle"}}
 */
export const BindingsSchema = z.strictObject({
  click: many(BindingSchema).optional(),
  double_click: many(BindingSchema).optional(),
  right_click: many(BindingSchema).optional(),
  drag: DragSchema.optional(),
  long_press: many(BindingSchema).optional(),
  hover_enter: many(BindingSchema).optional(),
  hover_leave: many(BindingSchema).optional(),
  key_press: many(KeyBindingSchema).optional(),
  key_combo: many(ComboBindingSchema).optional(),
  scroll: many(BindingSchema).optional(),
  pinch_zoom: many(BindingSchema).optional(),
  select: many(BindingSchema).optional(),
  deselect: many(BindingSchema).optional(),
});

export type Binding = z.infer<typeof BindingSchema>;
export type Bindings = z.infer<typeof BindingsSchema>;

export type BindingsResult = { ok: true; bindings: Bindings } | { ok: false; problems: Problem[] };

/**
 * Validates bindings.json: shape, command names, target selectors, expression syntax, and that
 * each expression reads only `event.*` variables its gesture provides (and no `item`/`index`).
 */
export function validateBindings(json: unknown): BindingsResult {
  const r = BindingsSchema.safeParse(json);
  if (!r.success) return { ok: false, problems: issuesToProblems(r.error.issues, "", json, GESTURE_NAMES) };
  const problems: Problem[] = [];
  for (const gesture of GESTURE_NAMES) {
    const value = r.data[gesture];
    if (value === undefined) continue;
    const groups: [string, unknown][] = gesture === "drag" ? Object.entries(value) : [["", value]];
    for (const [phase, group] of groups) {
      const list = Array.isArray(group) ? group : [group];
      list.forEach((b: Binding, i) => {
        const base = joinPath(gesture, phase, Array.isArray(group) ? i : "");
        checkScope(gesture, b, base, problems);
      });
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, bindings: r.data };
}

function checkScope(gesture: Gesture, binding: Binding, base: string, problems: Problem[]): void {
  const allowed: readonly string[] = GESTURES[gesture].variables satisfies readonly EventVariable[];
  const check = (source: string, path: string): void => {
    const c = compileTemplate(source);
    if (!c.ok) return;
    for (const part of c.template.parts) {
      if (part.kind !== "expression") continue;
      for (const use of rootsUsed(part.expression)) {
        if (use.root === "item" || use.root === "index") {
          problems.push({ path, message: `"${use.root}" is not in scope in bindings (at ${use.span.line}:${use.span.col})` });
        } else if (use.root === "event" && use.field !== undefined && !allowed.includes(use.field)) {
          problems.push({ path, message: `${gesture} does not provide event.${use.field} (at ${use.span.line}:${use.span.col}); it provides ${allowed.map((v) => `event.${v}`).join(", ")}` });
        }
      }
    }
  };
  const walk = (v: unknown, path: string): void => {
    if (typeof v === "string") check(v, path);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, joinPath(path, i)));
    else if (typeof v === "object" && v !== null) for (const [k, x] of Object.entries(v)) walk(x, joinPath(path, k));
  };
  walk(binding.params, joinPath(base, "params"));
  if (binding.when !== undefined) check(binding.when, joinPath(base, "when"));
}

/** Whether a binding's target selector matches the element under the pointer (null = background). */
export function matchTarget(selector: string | undefined, target: { id: string; kind: string } | null): boolean {
  if (selector === undefined) return true;
  if (selector === "background") return target === null;
  if (target === null) return false;
  if (selector === "*") return true;
  const hash = selector.indexOf("#");
  const kind = hash < 0 ? selector : selector.slice(0, hash);
  if (kind !== "" && kind !== target.kind) return false;
  return hash < 0 || glob(selector.slice(hash + 1), target.id);
}

/** `*` matches any run of characters; everything else matches itself. */
function glob(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] !== "*" && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === "*") {
      star = p++;
      mark = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (pattern[p] === "*") p++;
  return p === pattern.length;
}
