/** Reads an agent manifest's run settings and checks a run's output against its output schema. */
import { Validator, type Schema } from "@cfworker/json-schema";
import { pointerSegments } from "../../../lib/plugin/json-schema";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The manifest's output JSON Schema (`schemas.outputs`, or `outputs` / `output_schema` at the top). */
export function outputSchemaOf(manifest: Record<string, unknown>): Record<string, unknown> | null {
  const schemas = manifest.schemas;
  const candidates = [isObject(schemas) ? schemas.outputs ?? schemas.output : undefined, manifest.outputs, manifest.output_schema, manifest.outputs_schema];
  for (const c of candidates) if (isObject(c) || typeof c === "boolean") return isObject(c) ? c : c ? {} : { not: {} };
  return null;
}

/** The entry file of the bundle (`runtime.entry`, default `index.js`). */
export function entryOf(manifest: Record<string, unknown>): string {
  const runtime = manifest.runtime;
  const entry = isObject(runtime) ? runtime.entry : undefined;
  return typeof entry === "string" && entry.trim() !== "" ? entry : "index.js";
}

/** Problems of an output against the schema, as `path: message` strings (empty when valid or no schema). */
export function checkOutput(manifest: Record<string, unknown>, output: unknown): string[] {
  const schema = outputSchemaOf(manifest);
  if (!schema) return [];
  let validator: Validator;
  try {
    validator = new Validator(schema as Schema, "2020-12", false);
  } catch (err) {
    return [`the manifest's output schema cannot be used: ${(err as Error).message}`];
  }
  const result = validator.validate(output === undefined ? null : output);
  if (result.valid) return [];
  const leaves = result.errors.filter((e) => !["properties", "items", "allOf", "anyOf", "oneOf", "$ref"].includes(e.keyword));
  const picked = (leaves.length > 0 ? leaves : result.errors).slice(0, 5);
  return picked.map((e) => `${pointerSegments(e.instanceLocation).join(".") || "(root)"}: ${e.error}`);
}
