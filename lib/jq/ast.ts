import type { Span } from "./errors";

/** A destructuring pattern: `$x`, `[p, ...]` or `{key: p, $x, ...}`. */
export type Pattern =
  | { kind: "pvar"; name: string; span: Span }
  | { kind: "parray"; elems: Pattern[]; span: Span }
  | { kind: "pobject"; entries: PObjectEntry[]; span: Span };

/** `keyVar` binds the whole value at `key` (`$name` or `$name: p`); `key` computes the key. */
export interface PObjectEntry {
  key: Node;
  keyVar?: string;
  value?: Pattern;
}

export interface ObjectEntry {
  key: Node;
  /** Absent for shorthand `{a}`, `{$x}`, `{"a"}`. */
  value: Node;
}

export interface FuncDef {
  name: string;
  params: string[]; // "$x" for value params, "f" for filter params
  body: Node;
  span: Span;
}

/** `simple` caches whether the node always yields exactly one value (evaluated without generators). */
export type Node = { span: Span; simple?: boolean } & (
  | { kind: "identity" }
  | { kind: "recurse" }
  | { kind: "literal"; value: unknown }
  | { kind: "str"; parts: (string | Node)[]; format?: string }
  | { kind: "format"; name: string }
  | { kind: "index"; target: Node; index: Node }
  | { kind: "slice"; target: Node; from?: Node; to?: Node }
  | { kind: "iterate"; target: Node }
  | { kind: "try"; body: Node; handler?: Node }
  | { kind: "pipe"; left: Node; right: Node }
  | { kind: "comma"; left: Node; right: Node }
  | { kind: "neg"; operand: Node }
  | { kind: "binop"; op: string; left: Node; right: Node }
  | { kind: "and"; left: Node; right: Node }
  | { kind: "or"; left: Node; right: Node }
  | { kind: "alt"; left: Node; right: Node }
  | { kind: "assign"; op: string; lhs: Node; rhs: Node }
  | { kind: "if"; cond: Node; then: Node; else?: Node }
  | { kind: "reduce"; source: Node; patterns: Pattern[]; init: Node; update: Node }
  | { kind: "foreach"; source: Node; patterns: Pattern[]; init: Node; update: Node; extract?: Node }
  | { kind: "def"; def: FuncDef; rest: Node }
  /** `global` is set by the checker when no user definition or parameter shadows the name. */
  | { kind: "call"; name: string; args: Node[]; global?: boolean }
  | { kind: "var"; name: string }
  | { kind: "array"; body?: Node }
  | { kind: "object"; entries: ObjectEntry[] }
  | { kind: "as"; source: Node; patterns: Pattern[]; body: Node }
  | { kind: "label"; name: string; body: Node }
  | { kind: "break"; name: string }
  | { kind: "loc"; line: number }
);

export type NodeOf<K extends Node["kind"]> = Extract<Node, { kind: K }>;
