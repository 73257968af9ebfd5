import type { FuncDef, Node } from "./ast";
import type { Span } from "./errors";
import { lex } from "./lexer";
import type { Token } from "./lexer";
import { ParserBase } from "./parser-base";

const BINARY: Record<string, number> = {
  "//": 3,
  "=": 4, "|=": 4, "+=": 4, "-=": 4, "*=": 4, "/=": 4, "%=": 4, "//=": 4,
  or: 5,
  and: 6,
  "==": 7, "!=": 7, "<": 7, "<=": 7, ">": 7, ">=": 7,
  "+": 8, "-": 8,
  "*": 9, "/": 9, "%": 9,
};
const RIGHT_ASSOC = new Set(["//"]);
const ASSIGN = new Set(["=", "|=", "+=", "-=", "*=", "/=", "%=", "//="]);
const PREFIX_LEVEL = 10;

/** Parses a jq program into an AST; throws a `parse` JqError with position on bad syntax. */
export function parse(src: string): Node {
  const p = new Parser(lex(src));
  p.parseDirectives();
  const node = p.parsePipe(false);
  p.expectEof();
  return node;
}

class Parser extends ParserBase {
  parsePipe(noComma: boolean): Node {
    this.enter();
    const start = this.tok.span;
    let left = noComma ? this.parseElement(noComma) : this.parseComma();
    if (this.isOp("|")) {
      this.next();
      const right = this.parsePipe(noComma);
      left = { kind: "pipe", left, right, span: this.span(start) };
    }
    this.depth--;
    return left;
  }

  parseComma(): Node {
    const start = this.tok.span;
    let left = this.parseElement(false);
    while (this.isOp(",")) {
      this.next();
      const right = this.parseElement(false);
      left = { kind: "comma", left, right, span: this.span(start) };
    }
    return left;
  }

  /** A binary expression, optionally followed by `as patterns | body`. */
  parseElement(noComma: boolean): Node {
    const start = this.tok.span;
    const source = this.parseBinary(0);
    if (!this.isKw("as")) return source;
    this.next();
    const patterns = this.parsePatterns();
    this.expectOp("|");
    const body = this.parsePipe(noComma);
    return { kind: "as", source, patterns, body, span: this.span(start) };
  }

  parseBinary(minPrec: number): Node {
    const start = this.tok.span;
    let left = this.parsePrefix();
    for (;;) {
      const t = this.tok;
      const op = t.kind === "op" || (t.kind === "kw" && (t.text === "and" || t.text === "or")) ? t.text : "";
      const prec = BINARY[op];
      if (prec === undefined || prec < minPrec) return left;
      this.next();
      const right = this.parseBinary(RIGHT_ASSOC.has(op) ? prec : prec + 1);
      const span = this.span(start);
      if (op === "//") left = { kind: "alt", left, right, span };
      else if (op === "and") left = { kind: "and", left, right, span };
      else if (op === "or") left = { kind: "or", left, right, span };
      else if (ASSIGN.has(op)) left = { kind: "assign", op, lhs: left, rhs: right, span };
      else left = { kind: "binop", op, left, right, span };
    }
  }

  parsePrefix(): Node {
    if (this.isOp("-")) {
      const start = this.next().span;
      const operand = this.parseBinary(9);
      return { kind: "neg", operand, span: this.span(start) };
    }
    return this.parsePostfix(this.parsePrimary());
  }

  parsePostfix(term: Node): Node {
    const start = term.span;
    for (;;) {
      const t = this.tok;
      if (t.kind === "field") {
        this.next();
        term = { kind: "index", target: term, index: { kind: "literal", value: t.text, span: t.span }, span: this.span(start) };
      } else if (this.isOp(".") && this.peek().kind === "str") {
        this.next();
        const key = this.parseString(this.next(), undefined);
        term = { kind: "index", target: term, index: key, span: this.span(start) };
      } else if (this.isOp(".") && this.isOp("[", this.peek())) {
        this.next();
      } else if (this.isOp("[")) {
        term = this.parseBracket(term, start);
      } else if (this.isOp("?")) {
        this.next();
        term = { kind: "try", body: term, span: this.span(start) };
      } else return term;
    }
  }

  parseBracket(target: Node, start: Span): Node {
    this.expectOp("[");
    if (this.isOp("]")) {
      this.next();
      return { kind: "iterate", target, span: this.span(start) };
    }
    if (this.isOp(":")) {
      this.next();
      const to = this.parsePipe(false);
      this.expectOp("]");
      return { kind: "slice", target, to, span: this.span(start) };
    }
    const index = this.parsePipe(false);
    if (this.isOp(":")) {
      this.next();
      if (this.isOp("]")) {
        this.next();
        return { kind: "slice", target, from: index, span: this.span(start) };
      }
      const to = this.parsePipe(false);
      this.expectOp("]");
      return { kind: "slice", target, from: index, to, span: this.span(start) };
    }
    this.expectOp("]");
    return { kind: "index", target, index, span: this.span(start) };
  }

  parsePrimary(): Node {
    this.enter();
    const n = this.parsePrimaryInner();
    this.depth--;
    return n;
  }

  parsePrimaryInner(): Node {
    const t = this.tok;
    const start = t.span;
    const identity: Node = { kind: "identity", span: start };
    switch (t.kind) {
      case "num":
        this.next();
        return { kind: "literal", value: t.num, span: start };
      case "str":
        this.next();
        return this.parseString(t, undefined);
      case "format": {
        this.next();
        if (this.tok.kind === "str") return this.parseString(this.next(), t.text);
        return { kind: "format", name: t.text, span: start };
      }
      case "field":
        this.next();
        return { kind: "index", target: identity, index: { kind: "literal", value: t.text, span: start }, span: start };
      case "var":
        this.next();
        if (t.text === "__loc__") return { kind: "loc", line: t.span.pos.line, span: start };
        return { kind: "var", name: t.text, span: start };
      case "ident":
        return this.parseCall();
      case "kw":
        return this.parseKeyword();
      case "op":
        break;
      default:
        this.fail(t);
    }
    switch (t.text) {
      case ".": {
        this.next();
        if (this.tok.kind === "str") {
          const key = this.parseString(this.next(), undefined);
          return { kind: "index", target: identity, index: key, span: this.span(start) };
        }
        return identity;
      }
      case "..":
        this.next();
        return { kind: "recurse", span: start };
      case "(": {
        this.next();
        const e = this.parsePipe(false);
        this.expectOp(")");
        return e;
      }
      case "[": {
        this.next();
        if (this.isOp("]")) {
          this.next();
          return { kind: "array", span: this.span(start) };
        }
        const body = this.parsePipe(false);
        this.expectOp("]");
        return { kind: "array", body, span: this.span(start) };
      }
      case "{":
        return this.parseObject();
      default:
        this.fail(t);
    }
  }

  parseCall(): Node {
    const t = this.next();
    const start = t.span;
    if (t.text === "break" && this.tok.kind === "var") {
      const v = this.next();
      return { kind: "break", name: v.text, span: this.span(start) };
    }
    if (!this.isOp("(")) {
      if (t.text === "true") return { kind: "literal", value: true, span: start };
      if (t.text === "false") return { kind: "literal", value: false, span: start };
      if (t.text === "null") return { kind: "literal", value: null, span: start };
      return { kind: "call", name: t.text, args: [], span: start };
    }
    this.next();
    const args: Node[] = [this.parsePipe(false)];
    while (this.isOp(";")) {
      this.next();
      args.push(this.parsePipe(false));
    }
    this.expectOp(")");
    return { kind: "call", name: t.text, args, span: this.span(start) };
  }

  parseKeyword(): Node {
    const t = this.tok;
    const start = t.span;
    switch (t.text) {
      case "def": {
        const def = this.parseDef();
        const rest: Node = this.tok.kind === "eof" || this.isOp(")") ? { kind: "identity", span: this.tok.span } : this.parsePipe(false);
        return { kind: "def", def, rest, span: this.span(start) };
      }
      case "if":
        return this.parseIf();
      case "try": {
        this.next();
        const body = this.parseBinary(PREFIX_LEVEL);
        if (this.isKw("catch")) {
          this.next();
          const handler = this.parseBinary(PREFIX_LEVEL);
          return { kind: "try", body, handler, span: this.span(start) };
        }
        return { kind: "try", body, span: this.span(start) };
      }
      case "reduce":
      case "foreach": {
        this.next();
        const source = this.parseBinary(0);
        this.expectKw("as");
        const patterns = this.parsePatterns();
        this.expectOp("(");
        const init = this.parsePipe(false);
        this.expectOp(";");
        const update = this.parsePipe(false);
        if (t.text === "reduce") {
          this.expectOp(")");
          return { kind: "reduce", source, patterns, init, update, span: this.span(start) };
        }
        let extract: Node | undefined;
        if (this.isOp(";")) {
          this.next();
          extract = this.parsePipe(false);
        }
        this.expectOp(")");
        return extract
          ? { kind: "foreach", source, patterns, init, update, extract, span: this.span(start) }
          : { kind: "foreach", source, patterns, init, update, span: this.span(start) };
      }
      case "label": {
        this.next();
        const v = this.tok;
        if (v.kind !== "var") this.fail(v);
        this.next();
        this.expectOp("|");
        const body = this.parsePipe(false);
        return { kind: "label", name: v.text, body, span: this.span(start) };
      }
      default:
        this.fail(t);
    }
  }

  parseIf(): Node {
    const start = this.next().span;
    const cond = this.parsePipe(false);
    this.expectKw("then");
    const then = this.parsePipe(false);
    let els: Node | undefined;
    if (this.isKw("elif")) {
      els = this.parseIf();
      return { kind: "if", cond, then, else: els, span: this.span(start) };
    }
    if (this.isKw("else")) {
      this.next();
      els = this.parsePipe(false);
    }
    this.expectKw("end");
    return els ? { kind: "if", cond, then, else: els, span: this.span(start) } : { kind: "if", cond, then, span: this.span(start) };
  }

  parseDef(): FuncDef {
    const start = this.expectKw("def").span;
    const nameTok = this.next();
    if (nameTok.kind !== "ident" && nameTok.kind !== "kw") this.fail(nameTok, ", expecting IDENT");
    const params: string[] = [];
    if (this.isOp("(")) {
      this.next();
      for (;;) {
        const p = this.next();
        if (p.kind === "var") params.push("$" + p.text);
        else if (p.kind === "ident" || p.kind === "kw") params.push(p.text);
        else this.fail(p);
        if (this.isOp(";")) this.next();
        else break;
      }
      this.expectOp(")");
    }
    this.expectOp(":");
    const body = this.parsePipe(false);
    this.expectOp(";");
    return { name: nameTok.text, params, body, span: this.span(start) };
  }

  parseString(t: Token, format: string | undefined): Node {
    const parts = t.parts ?? [""];
    if (parts.length === 1 && typeof parts[0] === "string" && format === undefined) {
      return { kind: "literal", value: parts[0], span: t.span };
    }
    const out: (string | Node)[] = parts.map((p) => {
      if (typeof p === "string") return p;
      const sub = new Parser(p);
      sub.depth = this.depth;
      const e = sub.parsePipe(false);
      sub.expectEof();
      return e;
    });
    return format === undefined ? { kind: "str", parts: out, span: t.span } : { kind: "str", parts: out, format, span: t.span };
  }
}
