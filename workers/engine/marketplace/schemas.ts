import { compileValidator, type Problem, type SubsetSchema } from "../../../lib/plugin/json-schema";
import { invalid } from "../../middleware/errors";

/** Problems of `value` against a manifest's JSON Schema, with paths under `prefix` (e.g. `inputs.text`). */
export function problemsAgainst(schema: Record<string, unknown>, value: unknown, prefix: string): Problem[] {
  return compileValidator(schema as SubsetSchema)(value).map((p) => ({ path: p.path ? `${prefix}.${p.path}` : prefix, message: p.message }));
}

/** Throws a 400 listing every problem of `value` against the schema. */
export function assertMatches(schema: Record<string, unknown>, value: unknown, prefix: string, what: string): void {
  const problems = problemsAgainst(schema, value, prefix);
  if (problems.length) throw invalid(`${what} do not match the agent's schema: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`, problems);
}
