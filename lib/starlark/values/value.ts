// Runtime value representation.
//   None → null, bool → boolean, int → number (safe integer) | bigint (outside the safe range),
//   string → JS byte string (char codes are UTF-8 bytes), everything else → the classes below.

import type { Thread } from "../thread.ts";

export type Value = null | boolean | number | bigint | string | SObj;

/** Base of all non-primitive Starlark values. */
export abstract class SObj {}

export class SFloat extends SObj {
  constructor(readonly v: number) {
    super();
  }
}

export class SBytes extends SObj {
  constructor(readonly s: string) {
    super();
  }
}

export class SList extends SObj {
  frozen = false;
  iter = 0;
  constructor(public a: Value[]) {
    super();
  }
}

export class STuple extends SObj {
  constructor(readonly a: Value[]) {
    super();
  }
}

/**
 * A dict: `m` maps keyOf(key) to the value, in insertion order. The key as written is the map key
 * itself except for floats, tuples, bytes and structs, whose keys are kept in `ks` (null while a
 * dict has none); read them with `dictKey`. No entry objects: JSON-sized dicts stay small.
 */
export class SDict extends SObj {
  frozen = false;
  iter = 0;
  m = new Map<unknown, Value>();
  ks: Map<unknown, Value> | null = null;
}

/** The key as written for map key `mk` of d. */
export function dictKey(d: SDict, mk: unknown): Value {
  if (d.ks === null) return mk as Value;
  const k = d.ks.get(mk);
  return k === undefined ? (mk as Value) : k;
}

export class SSet extends SObj {
  frozen = false;
  iter = 0;
  m = new Map<unknown, Value>();
}

export class SRange extends SObj {
  readonly len: number;
  constructor(
    readonly start: number,
    readonly stop: number,
    readonly step: number,
  ) {
    super();
    const n = step > 0 ? Math.ceil((stop - start) / step) : Math.ceil((start - stop) / -step);
    this.len = n > 0 ? n : 0;
  }
  at(i: number): number {
    return this.start + i * this.step;
  }
}

/** A mutable variable shared between a function and its closures. */
export class Cell {
  constructor(public v: Value | undefined) {}
}

export type BuiltinFn = (th: Thread, args: Value[], kwargs: [string, Value][] | null, self: Value) => Value;

export class SBuiltin extends SObj {
  constructor(
    readonly name: string,
    readonly fn: BuiltinFn,
    readonly self: Value = null,
    readonly recvType: string | null = null,
  ) {
    super();
  }
  bind(self: Value, recvType: string): SBuiltin {
    return new SBuiltin(this.name, this.fn, self, recvType);
  }
}

export class SModule extends SObj {
  constructor(
    readonly name: string,
    readonly members: Map<string, Value>,
  ) {
    super();
  }
}

export class SStruct extends SObj {
  constructor(readonly fields: Map<string, Value>) {
    super();
  }
}

/** Iterable views returned by string.elems() and friends. */
export class SStringView extends SObj {
  constructor(
    readonly s: string,
    readonly kind: "elems" | "elem_ords" | "codepoints" | "codepoint_ords",
    readonly bytes = false,
  ) {
    super();
  }
}

/**
 * Base class for host-defined values. Subclasses override what they support;
 * attribute names are looked up by the subclass, never on JS objects.
 */
export abstract class SHost extends SObj {
  abstract readonly typeName: string;
  frozen = false;
  getAttr(_name: string): Value | undefined {
    return undefined;
  }
  attrNames(): string[] {
    return [];
  }
  /** return false if the field cannot be set */
  setAttr(_name: string, _v: Value): boolean {
    return false;
  }
  /** returns a JS iterator over elements, or null if not iterable */
  iterate(): Iterator<Value> | null {
    return null;
  }
  /** binary operator hook; undefined means unsupported */
  binary(_op: string, _other: Value, _left: boolean): Value | undefined {
    return undefined;
  }
  freeze(): void {
    this.frozen = true;
  }
  repr(): string {
    return `<${this.typeName}>`;
  }
}
