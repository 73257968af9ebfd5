// Attribute access: methods of built-in types, module/struct fields, host values.
import { runtimeError } from "./errors.ts";
import { nearest } from "./spell.ts";
import type { Thread } from "./thread.ts";
import { typeName } from "./values/ops-core.ts";
import type { Value } from "./values/value.ts";
import { SBuiltin, SBytes, SDict, SHost, SList, SModule, SSet, SStruct } from "./values/value.ts";

/** Method tables, filled in by the methods-* modules. */
export const METHODS = {
  string: new Map<string, SBuiltin>(),
  bytes: new Map<string, SBuiltin>(),
  list: new Map<string, SBuiltin>(),
  dict: new Map<string, SBuiltin>(),
  set: new Map<string, SBuiltin>(),
};

export function methodTable(x: Value): Map<string, SBuiltin> | null {
  if (typeof x === "string") return METHODS.string;
  if (x instanceof SList) return METHODS.list;
  if (x instanceof SDict) return METHODS.dict;
  if (x instanceof SSet) return METHODS.set;
  if (x instanceof SBytes) return METHODS.bytes;
  return null;
}

/** The unbound method `name` of x's type, if any. */
export function getMethod(x: Value, name: string): SBuiltin | undefined {
  const t = methodTable(x);
  return t === null ? undefined : t.get(name);
}

/** dir(x): sorted attribute names. */
export function attrNames(x: Value): string[] {
  const t = methodTable(x);
  if (t) return [...t.keys()].sort();
  if (x instanceof SModule) return [...x.members.keys()].sort();
  if (x instanceof SStruct) return [...x.fields.keys()].sort();
  if (x instanceof SHost) return x.attrNames().slice().sort();
  return [];
}

/** x.name, or undefined if there is no such attribute. */
export function getAttrOpt(x: Value, name: string): Value | undefined {
  const t = methodTable(x);
  if (t) {
    const m = t.get(name);
    return m === undefined ? undefined : m.bind(x, typeName(x));
  }
  if (x instanceof SModule) return x.members.get(name);
  if (x instanceof SStruct) return x.fields.get(name);
  if (x instanceof SHost) return x.getAttr(name);
  return undefined;
}

export function getAttr(_th: Thread, x: Value, name: string): Value {
  const v = getAttrOpt(x, name);
  if (v !== undefined) return v;
  const hint = nearest(name, attrNames(x));
  const what = x instanceof SModule ? `module has no .${name} field or method` : `${typeName(x)} has no .${name} field or method`;
  throw runtimeError(`${what}${hint ? ` (did you mean .${hint}?)` : ""}`);
}

export function setAttr(x: Value, name: string, v: Value): void {
  if (x instanceof SHost && x.setAttr(name, v)) return;
  throw runtimeError(`can't assign to .${name} field of ${typeName(x)}`);
}
