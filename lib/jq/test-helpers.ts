import { compile, runAll } from "./index";
import type { JsonValue } from "./index";

/** Runs `program` on `input` and returns its outputs; throws the JqError on failure (test helper). */
export function jq(program: string, input: JsonValue = null): JsonValue[] {
  const c = compile(program);
  if (!c.ok) throw c.errors[0]!;
  const r = runAll(c.query, input, { steps: 5_000_000 });
  if (!r.ok) throw r.error;
  return JSON.parse(JSON.stringify(r.outputs)) as JsonValue[];
}

/** The error a program raises (compile or runtime), or null (test helper). */
export function jqError(program: string, input: JsonValue = null): { code: string; message: string; pos?: { line: number; col: number } } | null {
  const c = compile(program);
  if (!c.ok) return c.errors[0]!;
  const r = runAll(c.query, input, { steps: 5_000_000 });
  return r.ok ? null : r.error;
}
