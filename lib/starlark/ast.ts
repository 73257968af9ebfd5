// Syntax tree. Every node carries the line/col of its first (or operator) token.

export interface Span {
  line: number;
  col: number;
}

export type Expr =
  | ({ t: "ident"; name: string; b?: Binding } & Span)
  | ({ t: "lit"; value: string | number | bigint; kind: "STRING" | "BYTES" | "INT" | "FLOAT" } & Span)
  | ({ t: "list"; items: Expr[] } & Span)
  | ({ t: "tuple"; items: Expr[]; paren: boolean } & Span)
  | ({ t: "dict"; entries: { key: Expr; value: Expr; span: Span }[] } & Span)
  | ({ t: "comp"; kind: "list" | "dict"; body: Expr; value?: Expr; clauses: Clause[] } & Span)
  | ({ t: "paren"; x: Expr } & Span)
  | ({ t: "unary"; op: string; x: Expr } & Span)
  | ({ t: "binary"; op: string; x: Expr; y: Expr } & Span)
  | ({ t: "cond"; cond: Expr; a: Expr; b: Expr } & Span)
  | ({ t: "lambda"; params: Param[]; body: Expr; fn?: FnInfo } & Span)
  | ({ t: "dot"; x: Expr; name: string } & Span)
  | ({ t: "index"; x: Expr; y: Expr } & Span)
  | ({ t: "slice"; x: Expr; lo: Expr | null; hi: Expr | null; step: Expr | null } & Span)
  | ({ t: "call"; fn: Expr; args: Arg[] } & Span);

export type Clause = ({ t: "for"; vars: Expr; iter: Expr } & Span) | ({ t: "if"; cond: Expr } & Span);

export type Arg =
  | ({ t: "pos"; x: Expr } & Span)
  | ({ t: "kw"; name: string; x: Expr } & Span)
  | ({ t: "star"; x: Expr } & Span)
  | ({ t: "starstar"; x: Expr } & Span);

export type Param =
  | ({ t: "plain"; name: string; dflt: Expr | null } & Span)
  | ({ t: "star"; name: string | null } & Span)
  | ({ t: "starstar"; name: string } & Span);

export type Stmt =
  | ({ t: "expr"; x: Expr } & Span)
  | ({ t: "assign"; op: string; lhs: Expr; rhs: Expr } & Span)
  | ({ t: "def"; name: string; params: Param[]; body: Stmt[]; fn?: FnInfo; b?: Binding } & Span)
  | ({ t: "if"; cond: Expr; body: Stmt[]; orelse: Stmt[] } & Span)
  | ({ t: "for"; vars: Expr; iter: Expr; body: Stmt[] } & Span)
  | ({ t: "while"; cond: Expr; body: Stmt[] } & Span)
  | ({ t: "return"; x: Expr | null } & Span)
  | ({ t: "break" } & Span)
  | ({ t: "continue" } & Span)
  | ({ t: "pass" } & Span)
  | ({ t: "load"; module: string; names: { local: string; orig: string; span: Span; b?: Binding }[] } & Span);

/** Where a resolved name lives. */
export type Binding =
  | { scope: "local"; index: number }
  | { scope: "cell"; index: number }
  | { scope: "free"; index: number }
  | { scope: "global"; index: number; local: boolean }
  | { scope: "predeclared"; name: string }
  | { scope: "universal"; name: string };

/** Resolver output for a function body (def, lambda or the module's top level). */
export interface FnInfo {
  name: string;
  numLocals: number;
  /** local slots that are captured by nested functions (hold cells) */
  cells: number[];
  /** for each free variable: the binding in the enclosing function (local/cell or free) */
  freevars: Binding[];
  /** parameter slots in order */
  paramSlots: number[];
  hasVarargs: boolean;
  hasKwargs: boolean;
  /** number of parameters before '*' (positional-or-keyword) */
  numPositional: number;
  /** names of all named params, in slot order of paramSlots */
  paramNames: string[];
}

export interface File {
  stmts: Stmt[];
  file: string;
}
