/**
 * A quick yes/no check of a value against a subset schema, built once as closures (no code
 * generation). It answers only "valid"; when it says no, callers ask the full validator for the
 * problems. It must never call an invalid value valid, so anything it does not model exactly
 * makes it decline (`null`), and the full validator decides.
 */
import type { JsonType, SubsetSchema } from "./json-schema";

type Check = (v: unknown) => boolean;

const codePoints = (s: string) => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
};

function isType(t: JsonType, v: unknown): boolean {
  switch (t) {
    case "null":
      return v === null;
    case "boolean":
      return typeof v === "boolean";
    case "string":
      return typeof v === "string";
    case "number":
      return typeof v === "number" && Number.isFinite(v);
    case "integer":
      return typeof v === "number" && Number.isInteger(v);
    case "array":
      return Array.isArray(v);
    case "object":
      return typeof v === "object" && v !== null && !Array.isArray(v);
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => deepEqual(x, (b as unknown[])[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const KNOWN = new Set(["type", "properties", "items", "required", "enum", "default", "description", "minimum", "maximum", "minLength", "maxLength", "maxItems", "additionalProperties"]);

function build(s: SubsetSchema): Check | null {
  if (typeof s !== "object" || s === null) return null;
  if (Object.keys(s).some((k) => !KNOWN.has(k))) return null;
  const checks: Check[] = [];
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    checks.push((v) => types.some((t) => isType(t, v)));
  }
  if (s.enum) {
    const options = s.enum;
    checks.push((v) => options.some((o) => deepEqual(o, v)));
  }
  const { minimum, maximum, minLength, maxLength, maxItems } = s;
  if (minimum !== undefined) checks.push((v) => typeof v !== "number" || v >= minimum);
  if (maximum !== undefined) checks.push((v) => typeof v !== "number" || v <= maximum);
  if (minLength !== undefined) checks.push((v) => typeof v !== "string" || codePoints(v) >= minLength);
  if (maxLength !== undefined) checks.push((v) => typeof v !== "string" || codePoints(v) <= maxLength);
  if (maxItems !== undefined) checks.push((v) => !Array.isArray(v) || v.length <= maxItems);
  if (s.items !== undefined) {
    const item = build(s.items);
    if (!item) return null;
    checks.push((v) => !Array.isArray(v) || v.every(item));
  }
  if (s.properties !== undefined || s.required !== undefined || s.additionalProperties !== undefined) {
    const props = new Map<string, Check>();
    for (const [k, sub] of Object.entries(s.properties ?? {})) {
      const c = build(sub);
      if (!c) return null;
      props.set(k, c);
    }
    const required = s.required ?? [];
    const extra = s.additionalProperties;
    const extraCheck = typeof extra === "object" ? build(extra) : null;
    if (typeof extra === "object" && !extraCheck) return null;
    checks.push((v) => {
      if (typeof v !== "object" || v === null || Array.isArray(v)) return true;
      const o = v as Record<string, unknown>;
      for (const r of required) if (!Object.hasOwn(o, r)) return false;
      for (const k of Object.keys(o)) {
        const c = props.get(k);
        if (c) {
          if (!c(o[k])) return false;
        } else if (extra === false) return false;
        else if (extraCheck && !extraCheck(o[k])) return false;
      }
      return true;
    });
  }
  return (v) => {
    for (const c of checks) if (!c(v)) return false;
    return true;
  };
}

/** A fast "is it valid?" for a subset schema, or null when the schema needs the full validator. */
export function fastCheck(schema: SubsetSchema): Check | null {
  try {
    return build(schema);
  } catch {
    return null;
  }
}
