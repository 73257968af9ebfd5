/** Offsets into the source string the expression was parsed from. */
export interface Loc {
  offset: number;
  length: number;
}

/** Names an expression may start with. */
export const SCOPE_ROOTS = ["state", "item", "index", "event", "params"] as const;
export type ScopeRoot = (typeof SCOPE_ROOTS)[number];

export type BinaryOp = "+" | "-" | "*" | "/" | "%" | "==" | "!=" | "<" | "<=" | ">" | ">=";

export type Node =
  | { kind: "literal"; value: null | boolean | number | string; loc: Loc }
  | { kind: "array"; items: Node[]; loc: Loc }
  | { kind: "root"; name: ScopeRoot; loc: Loc }
  | { kind: "member"; object: Node; name: string; loc: Loc }
  | { kind: "index"; object: Node; index: Node; loc: Loc }
  | { kind: "call"; name: string; args: Node[]; loc: Loc }
  | { kind: "unary"; op: "not" | "-"; operand: Node; loc: Loc }
  | { kind: "binary"; op: BinaryOp; left: Node; right: Node; loc: Loc }
  | { kind: "logical"; op: "and" | "or"; left: Node; right: Node; loc: Loc };

/** A parsed expression: its AST plus the source string that AST's offsets point into. */
export interface Expression {
  source: string;
  ast: Node;
}
