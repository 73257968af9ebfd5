/** jq over a surface's JSON value, metered in steps and output bytes. */
import { compile, runAll } from "../../../lib/jq";
import { resolveOnce, type LangRunner } from "./surface";

/** Steps one jq query may take, whatever its byte budget. */
export const QUERY_STEPS = 2_000_000;

export const runJq: LangRunner = async (s, input) => {
  const compiled = compile(input.query);
  if (!compiled.ok) {
    const e = compiled.errors[0]!;
    return { ok: false, code: "invalid_query", message: e.message, pos: e.pos ?? null };
  }
  const resolved = await resolveOnce(s, input);
  if (!resolved.ok) return resolved;
  const ran = runAll(compiled.query, resolved.value, { steps: QUERY_STEPS, outputBytes: input.outputBytes });
  if (!ran.ok) return { ok: false, code: ran.error.code === "budget_exceeded" ? "budget_exceeded" : "query_error", message: ran.error.message, pos: ran.error.pos ?? null, version_hash: resolved.version_hash };
  return { ok: true, outputs: ran.outputs, version_hash: resolved.version_hash, truncated: ran.truncated ? { estimated_total: ran.truncated.estimated_total ?? null } : undefined };
};
