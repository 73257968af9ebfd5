import { compileValidator, isPlainObject, JSON_TYPES, type Problem, type SubsetSchema } from "../../../lib/plugin/json-schema";
import { AppError, invalid } from "../../middleware/errors";

/** Problems of `value` against a manifest's JSON Schema, with paths under `prefix` (e.g. `inputs.text`). */
export function problemsAgainst(schema: Record<string, unknown>, value: unknown, prefix: string): Problem[] {
  let problems: Problem[];
  try {
    problems = compileValidator(schema as SubsetSchema)(value);
  } catch (err) {
    throw new AppError(422, "invalid_agent_schema", `the agent's ${prefix.split(".")[0]} schema cannot be evaluated: ${(err as Error).message}`);
  }
  return problems.map((p) => ({ path: p.path ? `${prefix}.${p.path}` : prefix, message: p.message }));
}

/** Throws a 400 listing every problem of `value` against the schema. */
export function assertMatches(schema: Record<string, unknown>, value: unknown, prefix: string, what: string): void {
  const problems = problemsAgainst(schema, value, prefix);
  if (problems.length) throw invalid(`${what} do not match the agent's schema: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`, problems);
}

function resolves(root: unknown, ref: string): boolean {
  if (ref === "#") return true;
  if (!ref.startsWith("#/")) return false;
  let at: unknown = root;
  for (const raw of ref.slice(2).split("/")) {
    const key = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    if (!isPlainObject(at) && !Array.isArray(at)) return false;
    at = (at as Record<string, unknown>)[key];
    if (at === undefined) return false;
  }
  return true;
}

/**
 * The faults in a manifest schema that would only show when a value reaches them: unknown
 * types, patterns that are not valid regular expressions, `$ref`s that do not resolve inside
 * the schema. Paths are like `manifest.inputs.properties.x.pattern`.
 */
export function schemaFaults(schema: unknown, prefix: string): Problem[] {
  const out: Problem[] = [];
  const visit = (node: unknown, path: string, depth: number) => {
    if (depth > 32) return void out.push({ path, message: "nested too deeply" });
    if (Array.isArray(node)) return node.forEach((x, i) => visit(x, `${path}.${i}`, depth + 1));
    if (!isPlainObject(node)) return;
    const types = typeof node.type === "string" ? [node.type] : Array.isArray(node.type) ? node.type : [];
    for (const t of types) if (!(JSON_TYPES as readonly unknown[]).includes(t)) out.push({ path: `${path}.type`, message: `unknown type ${JSON.stringify(t)}` });
    if (typeof node.pattern === "string") {
      try {
        new RegExp(node.pattern, "u");
      } catch (err) {
        out.push({ path: `${path}.pattern`, message: (err as Error).message });
      }
    }
    if (typeof node.$ref === "string" && !resolves(schema, node.$ref)) out.push({ path: `${path}.$ref`, message: "must point inside this schema (#/...)" });
    for (const [k, v] of Object.entries(node)) if (k !== "enum" && k !== "const" && k !== "default" && k !== "examples") visit(v, `${path}.${k}`, depth + 1);
  };
  visit(schema, prefix, 0);
  return out;
}
