import { Validator } from "@cfworker/json-schema";
import type { OutputUnit, Schema } from "@cfworker/json-schema";
import { fastCheck } from "./fast-check";

/** JSON data as it travels between hosts, handlers and browsers. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** One fault, at a dotted path such as `commands.add_node.params.properties.x.type` ("" is the root). */
export interface Problem {
  path: string;
  message: string;
}

/** A path as segments, before it is joined with dots. */
export type PathSegments = (string | number)[];

export const JSON_TYPES = ["object", "array", "string", "number", "integer", "boolean", "null"] as const;
export type JsonType = (typeof JSON_TYPES)[number];

/**
 * The JSON Schema subset plugins may use for state and command params. Anything else
 * (`$ref`, `oneOf`, `pattern`, `format`, ...) is rejected by {@link checkSubset}.
 */
export interface SubsetSchema {
  type?: JsonType | JsonType[];
  properties?: Record<string, SubsetSchema>;
  items?: SubsetSchema;
  required?: string[];
  enum?: JsonValue[];
  default?: JsonValue;
  description?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  additionalProperties?: boolean | SubsetSchema;
}

export const SUBSET_KEYWORDS = [
  "type", "properties", "items", "required", "enum", "default", "description",
  "minimum", "maximum", "minLength", "maxLength", "maxItems", "additionalProperties",
] as const;

/** Deepest schema nesting accepted. */
export const MAX_SCHEMA_DEPTH = 32;

/** Which type each keyword applies to (keywords not listed apply to every type). */
const APPLIES_TO: Readonly<Record<string, readonly JsonType[]>> = {
  properties: ["object"], required: ["object"], additionalProperties: ["object"],
  items: ["array"], maxItems: ["array"],
  minLength: ["string"], maxLength: ["string"],
  minimum: ["number", "integer"], maximum: ["number", "integer"],
};

/** Joins path segments with dots; the root is "". */
export function joinPath(segments: readonly (string | number)[]): string {
  return segments.map(String).join(".");
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** True when `v` is JSON data (finite numbers, no undefined, functions or cycles deeper than 64). */
export function isJsonValue(v: unknown, depth = 0): v is JsonValue {
  if (depth > 64) return false;
  if (v === null || typeof v === "string" || typeof v === "boolean") return true;
  if (typeof v === "number") return Number.isFinite(v);
  if (Array.isArray(v)) return v.every((x) => isJsonValue(x, depth + 1));
  if (isPlainObject(v)) return Object.values(v).every((x) => isJsonValue(x, depth + 1));
  return false;
}

function typesOf(schema: Record<string, unknown>): JsonType[] | null {
  const t = schema.type;
  if (typeof t === "string") return (JSON_TYPES as readonly string[]).includes(t) ? [t as JsonType] : null;
  if (Array.isArray(t) && t.every((x) => typeof x === "string" && (JSON_TYPES as readonly string[]).includes(x))) return t as JsonType[];
  return null;
}

const isNonNegativeInt = (v: unknown): boolean => typeof v === "number" && Number.isInteger(v) && v >= 0;

/**
 * Checks that `schema` stays inside the subset and is self-consistent, with paths as segments
 * under `base`. {@link checkSubset} is the dotted-path form.
 */
export function checkSubsetAt(schema: unknown, base: PathSegments = [], depth = 0): { path: PathSegments; message: string }[] {
  const out: { path: PathSegments; message: string }[] = [];
  const add = (path: PathSegments, message: string): void => void out.push({ path, message });
  if (depth > MAX_SCHEMA_DEPTH) {
    add(base, `schema is nested deeper than ${MAX_SCHEMA_DEPTH} levels`);
    return out;
  }
  if (!isPlainObject(schema)) {
    add(base, "expected a JSON Schema object such as {\"type\": \"string\"}");
    return out;
  }
  for (const key of Object.keys(schema)) {
    if (!(SUBSET_KEYWORDS as readonly string[]).includes(key)) {
      add([...base, key], `unsupported JSON Schema keyword "${key}" (the plugin subset allows: ${SUBSET_KEYWORDS.join(", ")})`);
    }
  }
  const types = typesOf(schema);
  if (schema.type !== undefined) {
    if (types === null) add([...base, "type"], `type must be one of ${JSON_TYPES.join(", ")} or a list of them`);
    else if (types.length === 0) add([...base, "type"], "type list must not be empty");
    else if (new Set(types).size !== types.length) add([...base, "type"], "type list has duplicates");
  }
  if (types !== null && types.length > 0) {
    for (const [key, applies] of Object.entries(APPLIES_TO)) {
      if (schema[key] !== undefined && !types.some((t) => applies.includes(t))) {
        add([...base, key], `"${key}" applies to ${applies.join("/")} values but type is ${types.map((t) => `"${t}"`).join(" or ")}`);
      }
    }
  }
  const props = schema.properties;
  if (props !== undefined) {
    if (!isPlainObject(props)) add([...base, "properties"], "properties must be an object of name → schema");
    else for (const [name, sub] of Object.entries(props)) out.push(...checkSubsetAt(sub, [...base, "properties", name], depth + 1));
  }
  if (schema.items !== undefined) {
    if (Array.isArray(schema.items)) add([...base, "items"], "items must be one schema (tuple forms are not in the subset)");
    else out.push(...checkSubsetAt(schema.items, [...base, "items"], depth + 1));
  }
  const ap = schema.additionalProperties;
  if (ap !== undefined && typeof ap !== "boolean") out.push(...checkSubsetAt(ap, [...base, "additionalProperties"], depth + 1));
  const req = schema.required;
  if (req !== undefined) {
    if (!Array.isArray(req) || !req.every((r) => typeof r === "string")) add([...base, "required"], "required must be a list of property names");
    else {
      req.forEach((r, i) => {
        if (req.indexOf(r) !== i) add([...base, "required", i], `"${r}" is listed twice`);
        else if (isPlainObject(props) && !Object.hasOwn(props, r) && ap === false) add([...base, "required", i], `"${r}" is required but not in properties (and additionalProperties is false)`);
      });
    }
  }
  if (schema.enum !== undefined && (!Array.isArray(schema.enum) || schema.enum.length === 0 || !schema.enum.every((v) => isJsonValue(v)))) {
    add([...base, "enum"], "enum must be a non-empty list of JSON values");
  }
  if (schema.description !== undefined && typeof schema.description !== "string") add([...base, "description"], "description must be a string");
  for (const key of ["minimum", "maximum"] as const) {
    if (schema[key] !== undefined && (typeof schema[key] !== "number" || !Number.isFinite(schema[key]))) add([...base, key], `${key} must be a number`);
  }
  if (typeof schema.minimum === "number" && typeof schema.maximum === "number" && schema.minimum > schema.maximum) {
    add([...base, "minimum"], `minimum ${schema.minimum} is above maximum ${schema.maximum}`);
  }
  for (const key of ["minLength", "maxLength", "maxItems"] as const) {
    if (schema[key] !== undefined && !isNonNegativeInt(schema[key])) add([...base, key], `${key} must be a non-negative integer`);
  }
  if (typeof schema.minLength === "number" && typeof schema.maxLength === "number" && schema.minLength > schema.maxLength) {
    add([...base, "minLength"], `minLength ${schema.minLength} is above maxLength ${schema.maxLength}`);
  }
  if (schema.default !== undefined) {
    if (!isJsonValue(schema.default)) add([...base, "default"], "default must be JSON data");
    else if (out.length === 0) {
      for (const p of compileValidator(schema as SubsetSchema)(schema.default)) {
        add([...base, "default", ...(p.path === "" ? [] : p.path.split("."))], `default does not match its schema: ${p.message}`);
      }
    }
  }
  return out;
}

/**
 * Lists every way `schema` leaves the plugin JSON Schema subset (unknown keywords such as `$ref`,
 * bad keyword values, keywords that do not apply to the declared type, defaults that do not match).
 *
 * @example checkSubset({ type: "object", properties: { x: { $ref: "#/a" } } })
 * // [{ path: "properties.x.$ref", message: 'unsupported JSON Schema keyword "$ref" (...)' }]
 */
export function checkSubset(schema: unknown): Problem[] {
  return checkSubsetAt(schema).map((p) => ({ path: joinPath(p.path), message: p.message }));
}

function clone(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map(clone);
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x as JsonValue)]));
  return v;
}

function defaultOrUndefined(schema: SubsetSchema, depth: number): JsonValue | undefined {
  if (depth > MAX_SCHEMA_DEPTH) return undefined;
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  const isObject = types.includes("object") || (types.length === 0 && schema.properties !== undefined);
  if (schema.default !== undefined) {
    const value = clone(schema.default);
    if (isObject && isPlainObject(value)) fillProperties(schema, value, depth);
    return value;
  }
  if (isObject) return fillProperties(schema, {}, depth);
  if (types.includes("array")) return [];
  if (types.includes("null")) return null;
  return undefined;
}

function fillProperties(schema: SubsetSchema, into: { [key: string]: JsonValue }, depth: number): JsonValue {
  for (const [name, sub] of Object.entries(schema.properties ?? {})) {
    if (Object.hasOwn(into, name)) continue;
    const v = defaultOrUndefined(sub, depth + 1);
    if (v !== undefined) into[name] = v;
  }
  return into;
}

/**
 * Builds the value a schema starts from: its `default` when given (objects still get missing
 * properties' defaults), otherwise objects collect their properties' defaults recursively,
 * arrays are `[]`, nullable types are `null`, and other properties without a default are left out.
 * The root is `null` when nothing applies.
 *
 * @example defaultsOf({ type: "object", properties: { n: { type: "integer", default: 1 }, xs: { type: "array" } } })
 * // { n: 1, xs: [] }
 */
export function defaultsOf(schema: SubsetSchema): JsonValue {
  return defaultOrUndefined(schema, 0) ?? null;
}

/** Turns a JSON Pointer fragment (`#/nodes/3/x`) into segments. */
export function pointerSegments(location: string): string[] {
  const body = location.replace(/^#/, "");
  if (body === "" || body === "/") return [];
  return body
    .slice(1)
    .split("/")
    .map((s) => {
      let decoded = s;
      try {
        decoded = decodeURIComponent(s);
      } catch {
        decoded = s;
      }
      return decoded.replaceAll("~1", "/").replaceAll("~0", "~");
    });
}

/** Keywords whose errors only say "something inside failed"; the inner error is reported instead. */
const WRAPPERS = new Set(["properties", "items", "prefixItems", "additionalProperties", "allOf", "$ref"]);

function describeError(unit: OutputUnit): { extra: string[]; message: string } {
  const e = unit.error;
  let m: RegExpMatchArray | null;
  if (unit.keyword === "false") return { extra: [], message: "unknown property (not allowed by the schema)" };
  if (unit.keyword === "required" && (m = e.match(/required property "(.*)"/))) return { extra: [m[1]!], message: "required" };
  if (unit.keyword === "type" && (m = e.match(/Instance type "(.*)" is invalid\. Expected (.*)\.$/))) {
    return { extra: [], message: `expected ${m[2]!.replaceAll('"', "").split(", ").join(" or ")}, got ${m[1]}` };
  }
  if (unit.keyword === "maximum" && (m = e.match(/^(.*) is greater than (.*)\.$/))) return { extra: [], message: `must be at most ${m[2]} (got ${m[1]})` };
  if (unit.keyword === "minimum" && (m = e.match(/^(.*) is less than (.*)\.$/))) return { extra: [], message: `must be at least ${m[2]} (got ${m[1]})` };
  if (unit.keyword === "enum" && (m = e.match(/any of (.*)\.$/))) return { extra: [], message: `expected one of ${m[1]}` };
  return { extra: [], message: e.replace(/\.$/, "") };
}

/**
 * Compiles a subset schema (draft 2020-12, every error collected) into a function that lists
 * the problems of a value, with dotted paths such as `nodes.3.x`.
 *
 * @example compileValidator({ type: "object", properties: { x: { type: "number" } } })({ x: "a" })
 * // [{ path: "x", message: "expected number, got string" }]
 */
export function compileValidator(schema: SubsetSchema): (value: unknown) => Problem[] {
  const validator = new Validator(schema as Schema, "2020-12", false);
  const quick = fastCheck(schema);
  return (value) => {
    // The common case — a valid value — is answered by closures; the full validator explains faults.
    if (quick && quick(value)) return [];
    const result = validator.validate(value);
    if (result.valid) return [];
    const out: Problem[] = [];
    const seen = new Set<string>();
    for (const unit of result.errors) {
      if (WRAPPERS.has(unit.keyword)) continue;
      const { extra, message } = describeError(unit);
      const path = joinPath([...pointerSegments(unit.instanceLocation), ...extra]);
      const key = `${path}\n${message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ path, message });
    }
    if (out.length === 0) out.push({ path: "", message: "does not match the schema" });
    return out;
  };
}
