import type { BinaryOp, Expression, Loc, Node, ScopeRoot } from "./ast.ts";
import { SCOPE_ROOTS } from "./ast.ts";
import { arityError, ExpressionError, syntaxError, tooDeepError, unknownFunctionError, unknownNameError } from "./errors.ts";
import { FUNCTIONS } from "./functions.ts";
import type { Token } from "./lexer.ts";
import { tokenize } from "./lexer.ts";

/** Deepest nesting of parentheses, brackets, calls and unary operators accepted. */
export const MAX_DEPTH = 64;

export type ParseResult = { ok: true; expression: Expression } | { ok: false; error: ExpressionError };

const COMPARE: readonly string[] = ["==", "!=", "<", "<=", ">", ">="];
const KEYWORDS = new Set(["and", "or", "not", "true", "false", "null"]);

/**
 * Parses the expression language (the text between `${` and `}`) into an AST.
 * Offsets in the AST and in errors point into `source`; pass `start`/`end` to parse
 * a slice of a larger string (a template) and keep positions relative to the whole.
 *
 * @example parseExpression("len(state.nodes) > 0")
 */
export function parseExpression(source: string, start = 0, end = source.length): ParseResult {
  try {
    return { ok: true, expression: { source, ast: new Parser(source, tokenize(source, start, end)).parseAll() } };
  } catch (error) {
    if (error instanceof ExpressionError) return { ok: false, error };
    throw error;
  }
}

class Parser {
  #pos = 0;
  #depth = 0;
  constructor(
    readonly source: string,
    readonly tokens: Token[],
  ) {}

  parseAll(): Node {
    const first = this.#peek();
    if (first.kind === "eof") throw syntaxError(this.source, first.offset, "empty expression", 0);
    const node = this.#or();
    const rest = this.#peek();
    if (rest.kind !== "eof") throw syntaxError(this.source, rest.offset, `unexpected ${describe(rest)}`, rest.length);
    return node;
  }

  #peek(): Token {
    return this.tokens[this.#pos] ?? this.tokens[this.tokens.length - 1]!;
  }
  #next(): Token {
    const t = this.#peek();
    if (this.#pos < this.tokens.length - 1) this.#pos++;
    return t;
  }
  #is(text: string): boolean {
    const t = this.#peek();
    return (t.kind === "punct" || t.kind === "ident") && t.text === text;
  }
  #expect(text: string, context: string): Token {
    const t = this.#peek();
    if (!this.#is(text)) throw syntaxError(this.source, t.offset, `expected "${text}" ${context}, found ${describe(t)}`, t.length);
    return this.#next();
  }
  #enter(offset: number): void {
    if (++this.#depth > MAX_DEPTH) throw tooDeepError(this.source, offset, MAX_DEPTH);
  }

  #or(): Node {
    let left = this.#and();
    while (this.#is("or") || this.#is("||")) {
      this.#next();
      const right = this.#and();
      left = { kind: "logical", op: "or", left, right, loc: span(left.loc, right.loc) };
    }
    return left;
  }
  #and(): Node {
    let left = this.#not();
    while (this.#is("and") || this.#is("&&")) {
      this.#next();
      const right = this.#not();
      left = { kind: "logical", op: "and", left, right, loc: span(left.loc, right.loc) };
    }
    return left;
  }
  #not(): Node {
    if (this.#is("not") || this.#is("!")) {
      const t = this.#next();
      this.#enter(t.offset);
      const operand = this.#not();
      this.#depth--;
      return { kind: "unary", op: "not", operand, loc: span(t, operand.loc) };
    }
    return this.#comparison();
  }
  #comparison(): Node {
    const left = this.#additive();
    const t = this.#peek();
    if (t.kind !== "punct" || !COMPARE.includes(t.text)) return left;
    this.#next();
    const right = this.#additive();
    const after = this.#peek();
    if (after.kind === "punct" && COMPARE.includes(after.text)) {
      throw syntaxError(this.source, after.offset, "comparisons cannot be chained; combine them with \"and\"", after.length);
    }
    return { kind: "binary", op: t.text as BinaryOp, left, right, loc: span(left.loc, right.loc) };
  }
  #additive(): Node {
    let left = this.#multiplicative();
    while (this.#is("+") || this.#is("-")) {
      const op = this.#next().text as BinaryOp;
      const right = this.#multiplicative();
      left = { kind: "binary", op, left, right, loc: span(left.loc, right.loc) };
    }
    return left;
  }
  #multiplicative(): Node {
    let left = this.#unary();
    while (this.#is("*") || this.#is("/") || this.#is("%")) {
      const op = this.#next().text as BinaryOp;
      const right = this.#unary();
      left = { kind: "binary", op, left, right, loc: span(left.loc, right.loc) };
    }
    return left;
  }
  #unary(): Node {
    if (this.#is("-")) {
      const t = this.#next();
      this.#enter(t.offset);
      const operand = this.#unary();
      this.#depth--;
      return { kind: "unary", op: "-", operand, loc: span(t, operand.loc) };
    }
    return this.#postfix();
  }
  #postfix(): Node {
    let node = this.#primary();
    for (;;) {
      if (this.#is(".")) {
        this.#next();
        const name = this.#peek();
        if (name.kind !== "ident") throw syntaxError(this.source, name.offset, `expected a field name after ".", found ${describe(name)}`, name.length);
        this.#next();
        node = { kind: "member", object: node, name: name.text, loc: span(node.loc, name) };
      } else if (this.#is("[")) {
        const open = this.#next();
        this.#enter(open.offset);
        const index = this.#or();
        this.#depth--;
        const close = this.#expect("]", "to close the index");
        node = { kind: "index", object: node, index, loc: span(node.loc, close) };
      } else if (this.#is("(")) {
        const t = this.#peek();
        throw syntaxError(this.source, t.offset, "only the built-in functions can be called", t.length);
      } else {
        return node;
      }
    }
  }
  #primary(): Node {
    const t = this.#next();
    if (t.kind === "number") {
      const value = Number(t.text);
      if (!Number.isFinite(value)) throw syntaxError(this.source, t.offset, "number out of range", t.length);
      return { kind: "literal", value, loc: t };
    }
    if (t.kind === "string") return { kind: "literal", value: t.text, loc: t };
    if (t.kind === "ident") return this.#identifier(t);
    if (t.kind === "punct" && t.text === "(") {
      this.#enter(t.offset);
      const inner = this.#or();
      this.#depth--;
      this.#expect(")", "to close the parenthesis");
      return inner;
    }
    if (t.kind === "punct" && t.text === "[") {
      this.#enter(t.offset);
      const items = this.#list("]");
      this.#depth--;
      const close = this.#expect("]", "to close the list");
      return { kind: "array", items, loc: span(t, close) };
    }
    if (t.kind === "eof") throw syntaxError(this.source, t.offset, "unexpected end of expression", 0);
    throw syntaxError(this.source, t.offset, `unexpected ${describe(t)}`, t.length);
  }
  #identifier(t: Token): Node {
    if (t.text === "true" || t.text === "false") return { kind: "literal", value: t.text === "true", loc: t };
    if (t.text === "null") return { kind: "literal", value: null, loc: t };
    if (this.#is("(")) {
      const spec = Object.hasOwn(FUNCTIONS, t.text) ? FUNCTIONS[t.text] : undefined;
      if (!spec) throw unknownFunctionError(this.source, t.offset, t.text);
      this.#next();
      this.#enter(t.offset);
      const args = this.#list(")");
      this.#depth--;
      const close = this.#expect(")", `to close ${t.text}(`);
      if (args.length < spec.min || args.length > spec.max) {
        const expected = spec.min === spec.max ? `${spec.min}` : spec.max === Infinity ? `at least ${spec.min}` : `${spec.min} to ${spec.max}`;
        throw arityError(this.source, t.offset, t.text, expected, args.length);
      }
      return { kind: "call", name: t.text, args, loc: span(t, close) };
    }
    if ((SCOPE_ROOTS as readonly string[]).includes(t.text)) return { kind: "root", name: t.text as ScopeRoot, loc: t };
    if (KEYWORDS.has(t.text)) throw syntaxError(this.source, t.offset, `unexpected "${t.text}"`, t.length);
    throw unknownNameError(this.source, t.offset, t.text, SCOPE_ROOTS);
  }
  #list(close: string): Node[] {
    const items: Node[] = [];
    if (this.#is(close)) return items;
    for (;;) {
      items.push(this.#or());
      if (!this.#is(",")) return items;
      this.#next();
    }
  }
}

function span(a: Loc, b: Loc): Loc {
  return { offset: a.offset, length: b.offset + b.length - a.offset };
}

function describe(t: Token): string {
  if (t.kind === "eof") return "end of expression";
  if (t.kind === "string") return "a string";
  return `"${t.text}"`;
}
