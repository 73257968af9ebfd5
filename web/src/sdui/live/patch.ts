/**
 * RFC 6902 JSON Patch applied in place to a mutable document (a Solid `produce` draft in the
 * app, a plain object in tests). Mutating in place keeps untouched branches identical, so a
 * Solid store re-renders only the nodes whose values changed.
 */
import type { JsonValue, PatchOp } from "../../../../lib/protocol/events";

export class PatchError extends Error {
  override name = "PatchError";
  readonly code = "patch_failed";
}

type Container = JsonValue[] | { [key: string]: JsonValue };

/** "/a/b~1c/0" → ["a", "b/c", "0"]; "" → []. */
export function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw new PatchError(`bad JSON pointer "${pointer}"`);
  return pointer.slice(1).split("/").map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
}

function isContainer(v: unknown): v is Container {
  return typeof v === "object" && v !== null;
}

function child(parent: Container, key: string): JsonValue | undefined {
  if (Array.isArray(parent)) return parent[arrayIndex(parent, key, false)];
  return Object.hasOwn(parent, key) ? parent[key] : undefined;
}

function arrayIndex(arr: JsonValue[], key: string, forInsert: boolean): number {
  if (key === "-" && forInsert) return arr.length;
  if (!/^(0|[1-9][0-9]*)$/.test(key)) throw new PatchError(`bad array index "${key}"`);
  const i = Number(key);
  if (i > arr.length || (!forInsert && i === arr.length)) throw new PatchError(`array index ${i} out of range`);
  return i;
}

function parentOf(doc: JsonValue, path: string[]): Container {
  let at: JsonValue | undefined = doc;
  for (const key of path.slice(0, -1)) {
    if (!isContainer(at)) throw new PatchError(`path /${path.join("/")} does not exist`);
    at = child(at, key);
  }
  if (!isContainer(at)) throw new PatchError(`path /${path.join("/")} does not exist`);
  return at;
}

/** Reads the value at a pointer (undefined when missing). */
export function getAt(doc: JsonValue, pointer: string): JsonValue | undefined {
  let at: JsonValue | undefined = doc;
  for (const key of parsePointer(pointer)) {
    if (!isContainer(at)) return undefined;
    at = Array.isArray(at) ? (/^\d+$/.test(key) ? at[Number(key)] : undefined) : Object.hasOwn(at, key) ? at[key] : undefined;
  }
  return at;
}

function clone(v: JsonValue): JsonValue {
  return isContainer(v) ? (JSON.parse(JSON.stringify(v)) as JsonValue) : v;
}

function add(doc: JsonValue, path: string[], value: JsonValue): void {
  const parent = parentOf(doc, path);
  const key = path[path.length - 1]!;
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, true), 0, value);
  else parent[key] = value;
}

function remove(doc: JsonValue, path: string[]): JsonValue {
  const parent = parentOf(doc, path);
  const key = path[path.length - 1]!;
  if (Array.isArray(parent)) return parent.splice(arrayIndex(parent, key, false), 1)[0]!;
  if (!Object.hasOwn(parent, key)) throw new PatchError(`path /${path.join("/")} does not exist`);
  const old = parent[key]!;
  delete parent[key];
  return old;
}

/**
 * Applies `ops` to `doc` in place. Returns the new root when an op replaces the whole document
 * (path ""), else `doc`. Throws PatchError on a failed `test` or a missing path.
 */
export function applyPatch(doc: JsonValue, ops: readonly PatchOp[]): JsonValue {
  let root = doc;
  for (const op of ops) {
    const path = parsePointer(op.path);
    if (path.length === 0) {
      if (op.op === "add" || op.op === "replace") root = clone(op.value ?? null);
      else if (op.op === "test") continue;
      else throw new PatchError(`cannot ${op.op} the document root`);
      continue;
    }
    switch (op.op) {
      case "add":
        add(root, path, clone(op.value ?? null));
        break;
      case "remove":
        remove(root, path);
        break;
      case "replace": {
        const parent = parentOf(root, path);
        const key = path[path.length - 1]!;
        if (child(parent, key) === undefined) throw new PatchError(`path ${op.path} does not exist`);
        if (Array.isArray(parent)) parent[arrayIndex(parent, key, false)] = clone(op.value ?? null);
        else parent[key] = clone(op.value ?? null);
        break;
      }
      case "move": {
        const value = remove(root, parsePointer(op.from ?? ""));
        add(root, path, value);
        break;
      }
      case "copy": {
        const value = getAt(root, op.from ?? "");
        if (value === undefined) throw new PatchError(`path ${op.from ?? ""} does not exist`);
        add(root, path, clone(value));
        break;
      }
      case "test": {
        const value = getAt(root, op.path);
        if (JSON.stringify(value) !== JSON.stringify(op.value)) throw new PatchError(`test failed at ${op.path}`);
        break;
      }
    }
  }
  return root;
}
