import { compileTemplate, rootsUsed } from "../sdui/index.ts";
import type { Problem, SubsetSchema } from "./json-schema.ts";
import { isPlainObject, joinPath } from "./json-schema.ts";

/**
 * Finds `${state.x}` reads in a ui tree or bindings whose `x` a closed state schema
 * (`additionalProperties: false`) does not declare: almost always a typo. Open schemas accept any
 * name, so nothing is reported for them.
 *
 * @example stateRefProblems({ type: "text", props: { text: "${len(state.nodez)}" } }, schema)
 * // [{ path: "props.text", message: 'state has no property "nodez" (1:5; state has: nodes, edges)' }]
 */
export function stateRefProblems(document: unknown, schema: SubsetSchema): Problem[] {
  if (schema.additionalProperties !== false) return [];
  const known = Object.keys(schema.properties ?? {});
  const out: Problem[] = [];
  const walk = (v: unknown, path: string[], depth: number): void => {
    if (depth > 64) return;
    if (typeof v === "string") {
      if (!v.includes("${")) return;
      const c = compileTemplate(v);
      if (!c.ok) return;
      for (const part of c.template.parts) {
        if (part.kind !== "expression") continue;
        for (const use of rootsUsed(part.expression)) {
          if (use.root !== "state" || use.field === undefined || known.includes(use.field)) continue;
          out.push({ path: joinPath(path), message: `state has no property "${use.field}" (${use.span.line}:${use.span.col}; state has: ${known.join(", ") || "nothing"})` });
        }
      }
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, String(i)], depth + 1));
    else if (isPlainObject(v)) for (const [k, x] of Object.entries(v)) walk(x, [...path, k], depth + 1);
  };
  walk(document, [], 0);
  return out;
}
