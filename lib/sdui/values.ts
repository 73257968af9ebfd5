/** A plain JSON value: the only kind of value expressions see and produce. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Charges `n` steps against the evaluation budget; throws when it runs out. */
export type Charge = (n: number) => void;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function typeName(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "list";
  if (typeof value === "object") return "object";
  return typeof value;
}

/**
 * Reads an own property only: `__proto__`, `constructor` and every other inherited
 * name are plain missing keys. Anything that is not JSON data (functions, symbols) reads as null.
 */
export function getOwn(container: unknown, key: string | number): JsonValue {
  if (Array.isArray(container)) {
    if (typeof key !== "number" || !Number.isInteger(key)) return null;
    const i = key < 0 ? container.length + key : key;
    return i >= 0 && i < container.length ? asJson(container[i]) : null;
  }
  if (typeof container === "string") {
    if (typeof key !== "number" || !Number.isInteger(key)) return null;
    const i = key < 0 ? container.length + key : key;
    return i >= 0 && i < container.length ? container.charAt(i) : null;
  }
  if (isObject(container)) {
    const name = String(key);
    return Object.hasOwn(container, name) ? asJson(container[name]) : null;
  }
  return null;
}

/** Host data as a JSON value: non-finite numbers, functions, symbols and undefined read as null. */
export function asJson(value: unknown): JsonValue {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value : null;
    case "object":
      return value as JsonValue;
    default:
      return null;
  }
}

/** Falsy: null, false, 0, "", an empty list and an empty object. */
export function truthy(value: JsonValue): boolean {
  if (value === null || value === false || value === 0 || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isObject(value)) return Object.keys(value).length > 0;
  return true;
}

/** Text form used by templates and `str()`: null is "", lists and objects are JSON. */
export function toText(value: JsonValue, charge: Charge): string {
  if (value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Object.is(value, -0) ? "0" : String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  countNodes(value, charge);
  const text = JSON.stringify(value);
  charge(Math.ceil(text.length / 64));
  return text;
}

/** Charges one step per node of a nested value (bounds work on huge or cyclic input). */
export function countNodes(value: JsonValue, charge: Charge): void {
  charge(1);
  if (Array.isArray(value)) for (const v of value) countNodes(v, charge);
  else if (isObject(value)) for (const k of Object.keys(value)) countNodes(getOwn(value, k), charge);
}

/** Structural equality over JSON values, one step per node compared. */
export function deepEqual(a: JsonValue, b: JsonValue, charge: Charge): boolean {
  charge(1);
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(getOwn(a, i), getOwn(b, i), charge)) return false;
    return true;
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) {
      if (!Object.hasOwn(b, k) || !deepEqual(getOwn(a, k), getOwn(b, k), charge)) return false;
    }
    return true;
  }
  return false;
}
