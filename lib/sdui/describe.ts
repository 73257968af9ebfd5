import { z } from "zod";
import { COMPONENT_TYPES, COMPONENTS } from "./components.ts";
import { FUNCTIONS } from "./functions.ts";
import { GESTURE_NAMES, GESTURES } from "./gestures.ts";
import { DIRECTIONS, EASINGS, ENTER_EFFECTS, EXIT_EFFECTS, TRANSITION_PROPERTIES } from "./node.ts";
import { commonShape } from "./props-common.ts";
import { SCENE_KINDS, SCENE_TRANSITION_PROPERTIES } from "./scene.ts";

export interface PropDescription {
  name: string;
  type: string;
  required: boolean;
  description?: string;
}

export interface ComponentDescription {
  type: string;
  category: string;
  description: string;
  children: string;
  props: PropDescription[];
}

export interface VocabularyDescription {
  node: string;
  animate: Record<string, readonly string[] | string>;
  commonProps: PropDescription[];
  components: ComponentDescription[];
  expressions: { syntax: string[]; functions: { signature: string; doc: string }[] };
  gestures: { name: string; description: string; variables: string[] }[];
  sceneKinds: readonly string[];
}

/** A short type summary of a zod schema: `number | ${expr}`, `"sm"|"md"`, `list of {key, label}`. */
export function summarize(schema: z.ZodType, depth = 0): string {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault) return summarize(schema.unwrap() as z.ZodType, depth);
  if (schema instanceof z.ZodString) return isExpressionOnly(schema) ? "${expr}" : "string";
  if (schema instanceof z.ZodBoolean) return "boolean";
  if (schema instanceof z.ZodNumber) {
    const kind = schema.format === "safeint" ? "integer" : "number";
    const lo = schema.minValue;
    const hi = schema.maxValue;
    return lo !== null && hi !== null && lo > -1e9 && hi < 1e9 ? `${kind} ${lo}..${hi}` : kind;
  }
  if (schema instanceof z.ZodEnum) return schema.options.map((o) => JSON.stringify(o)).join("|");
  if (schema instanceof z.ZodLiteral) return schema.values.size === 1 ? JSON.stringify([...schema.values][0]) : "literal";
  if (schema instanceof z.ZodArray) return `list of ${summarize(schema.element as z.ZodType, depth + 1)}`;
  if (schema instanceof z.ZodTuple) return `[${schema.def.items.map((i) => summarize(i as z.ZodType, depth + 1)).join(", ")}]`;
  if (schema instanceof z.ZodRecord) return `{string: ${summarize(schema.valueType as z.ZodType, depth + 1)}}`;
  if (schema instanceof z.ZodUnion) return (schema.options as z.ZodType[]).map((o) => summarize(o, depth + 1)).join(" | ");
  if (schema instanceof z.ZodObject) {
    if (depth > 2) return "{…}";
    const shape = schema.shape as Record<string, z.ZodType>;
    return `{${Object.entries(shape)
      .map(([k, v]) => `${k}${isOptional(v) ? "?" : ""}: ${summarize(v, depth + 1)}`)
      .join(", ")}}`;
  }
  if (schema instanceof z.ZodUnknown || schema instanceof z.ZodAny) return "JSON";
  if (schema instanceof z.ZodLazy) return "…";
  return "value";
}

/** A string schema that takes `${...}` but refuses plain text stands for an expression. */
function isExpressionOnly(schema: z.ZodType): boolean {
  return !schema.safeParse("plain text").success && schema.safeParse("${state.x}").success;
}

function isOptional(schema: z.ZodType): boolean {
  return schema instanceof z.ZodOptional || schema instanceof z.ZodDefault;
}

function descriptionOf(schema: z.ZodType): string | undefined {
  if (schema.description) return schema.description;
  return schema instanceof z.ZodOptional || schema instanceof z.ZodDefault ? descriptionOf(schema.unwrap() as z.ZodType) : undefined;
}

function describeProps(shape: Record<string, z.ZodType>, skip: ReadonlySet<string> = new Set()): PropDescription[] {
  return Object.entries(shape)
    .filter(([name]) => !skip.has(name))
    .map(([name, schema]) => {
      const description = descriptionOf(schema);
      return { name, type: summarize(schema), required: !isOptional(schema), ...(description ? { description } : {}) };
    });
}

function childrenText(min: number, max: number, meaning?: string): string {
  const count = max === 0 ? "none" : min === max ? `exactly ${min}` : max === Infinity ? (min === 0 ? "any number" : `at least ${min}`) : `${min}-${max}`;
  return meaning && max > 0 ? `${count}: ${meaning}` : count;
}

const SYNTAX = [
  '"${expr}" alone yields the raw value (any type); text around ${...} makes a string; "$${" writes a literal "${"',
  "names: state.*, item.* and index (inside list/table/tree-view), event.* (in actions), params.*",
  'paths: a.b, a[0], a[-1], a["key"]; missing keys, prototype names and out-of-range indexes give null',
  "operators: + - * / % (+ also joins strings and lists), == != < <= > >=, and or not (&& || !), ( )",
  "literals: numbers, 'strings' or \"strings\", true, false, null, [lists]",
  'truthiness: null, false, 0, "", [] and {} are false; and/or/not give booleans',
];

let cached: VocabularyDescription | undefined;

/**
 * A compact description of the whole vocabulary for the AI manual and docs: node fields,
 * animate options, every component's props (type summary, required, description), the
 * expression language and its functions, the gestures with their event variables.
 * `describeVocabulary("markdown")` renders the same as markdown.
 */
export function describeVocabulary(): VocabularyDescription;
export function describeVocabulary(format: "markdown"): string;
export function describeVocabulary(format: "json"): VocabularyDescription;
export function describeVocabulary(format: "json" | "markdown" = "json"): VocabularyDescription | string {
  cached ??= build();
  return format === "markdown" ? toMarkdown(cached) : cached;
}

function build(): VocabularyDescription {
  const common = new Set(Object.keys(commonShape));
  return {
    node: "{type, id?, role?, props?, children?, animate?}: id → data-id (unique when literal; may be a template inside lists), role → data-role (kebab-case)",
    animate: { enter: ENTER_EFFECTS, from: DIRECTIONS, exit: EXIT_EFFECTS, to: DIRECTIONS, transition: `"none" | "all" | list of ${TRANSITION_PROPERTIES.slice(1).join(", ")}`, easing: EASINGS, timing: "delay_ms, duration_ms, stagger_ms (integers)", scene_elements: `canvas scene elements take the same block; their transition lists ${SCENE_TRANSITION_PROPERTIES.slice(1).join(", ")}`, exit_removal: "an element with exit stays in place, inert and marked data-exiting, until its exit animation ends; with prefers-reduced-motion it goes at once" },
    commonProps: describeProps(commonShape),
    components: COMPONENT_TYPES.map((type) => {
      const spec = COMPONENTS[type];
      return { type, category: spec.category, description: spec.description, children: childrenText(spec.children.min, spec.children.max, spec.children.meaning), props: describeProps(spec.props.shape as Record<string, z.ZodType>, common) };
    }),
    expressions: { syntax: SYNTAX, functions: Object.values(FUNCTIONS).map((f) => ({ signature: f.signature, doc: f.doc })) },
    gestures: GESTURE_NAMES.map((name) => ({ name, description: GESTURES[name].description, variables: GESTURES[name].variables.map((v) => `event.${v}`) })),
    sceneKinds: SCENE_KINDS,
  };
}

function toMarkdown(d: VocabularyDescription): string {
  const prop = (p: PropDescription) => `- \`${p.name}\`${p.required ? " (required)" : ""}: ${p.type}${p.description ? ` — ${p.description}` : ""}`;
  const lines = ["## UI components", "", `A node is ${d.node}.`, "", `Every component also takes: ${d.commonProps.map((p) => `\`${p.name}\` (${p.type})`).join(", ")}.`, ""];
  lines.push(`animate: ${Object.entries(d.animate).map(([k, v]) => `${k}: ${typeof v === "string" ? v : v.join("|")}`).join("; ")}.`, "");
  let category = "";
  for (const c of d.components) {
    if (c.category !== category) lines.push(`### ${(category = c.category)}`, "");
    lines.push(`#### ${c.type}`, c.description, `Children: ${c.children}.`, ...c.props.map(prop), "");
  }
  lines.push("## Expressions", "", ...d.expressions.syntax.map((s) => `- ${s}`), "", "Functions:", ...d.expressions.functions.map((f) => `- \`${f.signature}\`: ${f.doc}`), "");
  lines.push("## Gestures (bindings.json)", "", ...d.gestures.map((g) => `- \`${g.name}\`: ${g.description}. ${g.variables.join(", ")}`), "");
  lines.push(`Scene element kinds: ${d.sceneKinds.join(", ")}.`);
  return lines.join("\n");
}
