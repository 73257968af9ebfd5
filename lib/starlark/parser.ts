import type { Arg, Clause, Expr, File, Param, Span, Stmt } from "./ast.ts";
import { syntaxError } from "./errors.ts";
import { tokenizeLazy } from "./lexer.ts";
import type { Token } from "./tokens.ts";
import { describe } from "./tokens.ts";

// Binary operator precedence levels (higher binds tighter); comparisons are non-associative.
const PREC: Record<string, number> = {
  or: 0, and: 1,
  "==": 3, "!=": 3, "<": 3, ">": 3, "<=": 3, ">=": 3, in: 3, "not in": 3,
  "|": 4, "^": 5, "&": 6, "<<": 7, ">>": 7, "-": 8, "+": 8, "*": 9, "%": 9, "/": 9, "//": 9,
};
const NOT_PREC = 2;
const MAX_PREC = 10;
const ASSIGN_OPS = new Set(["=", "+=", "-=", "*=", "/=", "//=", "%=", "&=", "|=", "^=", "<<=", ">>="]);
const MAX_NESTING = 100;

/** Parses a byte-string source into a syntax tree. Throws a syntax StarlarkError. */
export function parse(src: string, file: string): File {
  const toks = tokenizeLazy(src, file);
  try {
    return new Parser(toks, file).parseFile();
  } catch (e) {
    if (e instanceof RangeError) throw syntaxError("expression nesting too deep", { file, line: 1, col: 1 });
    throw e;
  }
}

class Parser {
  private i = 0;
  private tok: Token;
  private nesting = 0;

  constructor(
    private readonly toks: Token[],
    private readonly file: string,
  ) {
    this.tok = toks[0]!;
    this.checkError();
  }

  /** Reports a deferred lexical error once the parser reaches it. */
  private checkError(): void {
    if (this.tok.k === "ERROR") throw syntaxError(this.tok.v as string, { file: this.file, line: this.tok.line, col: this.tok.col });
  }

  private tk(): string {
    return this.tok.k;
  }

  private next(): Span {
    const span = { line: this.tok.line, col: this.tok.col };
    if (this.i < this.toks.length - 1) this.i++;
    this.tok = this.toks[this.i]!;
    this.checkError();
    return span;
  }

  private fail(msg: string, at: Span = this.tok): never {
    throw syntaxError(msg, { file: this.file, line: at.line, col: at.col });
  }

  private consume(k: string): Span {
    if (this.tk() !== k) this.fail(`got ${describe(this.tk())}, want ${describe(k)}`);
    return this.next();
  }

  private span(): Span {
    return { line: this.tok.line, col: this.tok.col };
  }

  parseFile(): File {
    const stmts: Stmt[] = [];
    while (this.tk() !== "EOF") {
      if (this.tk() === "NEWLINE") {
        this.next();
        continue;
      }
      this.parseStmt(stmts);
    }
    return { stmts, file: this.file };
  }

  private parseStmt(out: Stmt[]): void {
    switch (this.tk()) {
      case "def": out.push(this.parseDef()); return;
      case "if": out.push(this.parseIf()); return;
      case "for": {
        const s = this.next();
        const vars = this.parseForLoopVars();
        this.consume("in");
        const iter = this.parseExpr(false);
        this.consume(":");
        out.push({ t: "for", vars, iter, body: this.parseSuite(), ...s });
        return;
      }
      case "while": {
        const s = this.next();
        const cond = this.parseTest();
        this.consume(":");
        out.push({ t: "while", cond, body: this.parseSuite(), ...s });
        return;
      }
    }
    this.parseSimpleStmt(out);
  }

  private parseDef(): Stmt {
    const s = this.next();
    const name = this.parseIdent();
    this.consume("(");
    const params = this.parseParams();
    this.consume(")");
    this.consume(":");
    const body = this.parseSuite();
    return { t: "def", name, params, body, ...s };
  }

  private parseIf(): Stmt {
    const s = this.next();
    const cond = this.parseTest();
    this.consume(":");
    const body = this.parseSuite();
    const node: Stmt & { t: "if" } = { t: "if", cond, body, orelse: [], ...s };
    if (this.tk() === "elif") {
      node.orelse = [this.parseIf()];
    } else if (this.tk() === "else") {
      this.next();
      this.consume(":");
      node.orelse = this.parseSuite();
    }
    return node;
  }

  private parseSuite(): Stmt[] {
    if (this.tk() === "NEWLINE") {
      this.next();
      this.consume("INDENT");
      const stmts: Stmt[] = [];
      while (this.tk() !== "OUTDENT" && this.tk() !== "EOF") this.parseStmt(stmts);
      this.consume("OUTDENT");
      return stmts;
    }
    const stmts: Stmt[] = [];
    this.parseSimpleStmt(stmts);
    return stmts;
  }

  private parseSimpleStmt(out: Stmt[]): void {
    while (true) {
      out.push(this.parseSmallStmt());
      if (this.tk() !== ";") break;
      this.next();
      if (this.tk() === "NEWLINE" || this.tk() === "EOF") break;
    }
    if (this.tk() !== "EOF") this.consume("NEWLINE");
  }

  private parseSmallStmt(): Stmt {
    const s = this.span();
    switch (this.tk()) {
      case "return": {
        this.next();
        const x = this.tk() !== "EOF" && this.tk() !== "NEWLINE" && this.tk() !== ";" ? this.parseExpr(false) : null;
        return { t: "return", x, ...s };
      }
      case "break":
      case "continue":
      case "pass": {
        const k = this.tk() as "break" | "continue" | "pass";
        this.next();
        return { t: k, ...s };
      }
      case "load":
        return this.parseLoad();
    }
    const x = this.parseExpr(false);
    if (ASSIGN_OPS.has(this.tk())) {
      const op = this.tk();
      const opSpan = this.next();
      const rhs = this.parseExpr(false);
      return { t: "assign", op, lhs: x, rhs, ...opSpan };
    }
    return { t: "expr", x, ...s };
  }

  private parseLoad(): Stmt {
    const s = this.next();
    const lparen = this.consume("(");
    if (this.tk() !== "STRING") this.fail("first operand of load statement must be a string literal");
    const module = this.tok.v as string;
    this.next();
    const names: { local: string; orig: string; span: Span }[] = [];
    while (this.tk() !== ")" && this.tk() !== "EOF") {
      this.consume(",");
      if (this.tk() === ")") break;
      const sp = this.span();
      if (this.tk() === "STRING") {
        const v = this.tok.v as string;
        this.next();
        names.push({ local: v, orig: v, span: { line: sp.line, col: sp.col + 1 } });
      } else if (this.tk() === "IDENT") {
        const id = this.parseIdent();
        if (this.tk() !== "=") this.fail(`load operand must be "${id}" or ${id}="originalname" (want '=' after ${id})`);
        this.next();
        if (this.tk() !== "STRING") this.fail(`original name of loaded symbol must be quoted: ${id}="originalname"`);
        names.push({ local: id, orig: this.tok.v as string, span: sp });
        this.next();
      } else {
        this.fail(`load operand must be "name" or localname="name" (got ${describe(this.tk())})`);
      }
    }
    this.consume(")");
    if (names.length === 0) this.fail("load statement must import at least 1 symbol", lparen);
    return { t: "load", module, names, ...s };
  }

  private parseIdent(): string {
    if (this.tk() !== "IDENT") this.fail("not an identifier");
    const name = this.tok.v as string;
    this.next();
    return name;
  }

  private parseParams(): Param[] {
    const params: Param[] = [];
    while (this.tk() !== ")" && this.tk() !== ":" && this.tk() !== "EOF") {
      if (params.length > 0) this.consume(",");
      if (this.tk() === ")") break;
      const s = this.span();
      if (this.tk() === "*" || this.tk() === "**") {
        const op = this.tk();
        this.next();
        if (op === "**") params.push({ t: "starstar", name: this.parseIdent(), ...s });
        else params.push({ t: "star", name: this.tk() === "IDENT" ? this.parseIdent() : null, ...s });
        continue;
      }
      const name = this.parseIdent();
      if (this.tk() === "=") {
        this.next();
        params.push({ t: "plain", name, dflt: this.parseTest(), ...s });
      } else {
        params.push({ t: "plain", name, dflt: null, ...s });
      }
    }
    return params;
  }

  private parseForLoopVars(): Expr {
    const s = this.span();
    const v = this.parsePrimaryWithSuffix();
    if (this.tk() !== ",") return v;
    const items = [v];
    while (this.tk() === ",") {
      this.next();
      if (terminatesExprList(this.tk())) break;
      items.push(this.parsePrimaryWithSuffix());
    }
    return { t: "tuple", items, paren: false, ...s };
  }

  /** expr = test (',' test)* */
  private parseExpr(inParens: boolean): Expr {
    const s = this.span();
    const x = this.parseTest();
    if (this.tk() !== ",") return x;
    const items = [x];
    this.parseExprs(items, inParens);
    return { t: "tuple", items, paren: inParens, ...s };
  }

  private parseExprs(items: Expr[], allowTrailingComma: boolean): void {
    while (this.tk() === ",") {
      const at = this.next();
      if (terminatesExprList(this.tk())) {
        if (!allowTrailingComma) this.fail("unparenthesized tuple with trailing comma", at);
        break;
      }
      items.push(this.parseTest());
    }
  }

  private parseTest(): Expr {
    if (this.tk() === "lambda") return this.parseLambda(true);
    const x = this.parseTestPrec(0);
    if (this.tk() === "if") {
      const s = this.next();
      const cond = this.parseTestPrec(0);
      if (this.tk() !== "else") this.fail("conditional expression without else clause", s);
      this.next();
      const b = this.parseTest();
      return { t: "cond", cond, a: x, b, ...s };
    }
    return x;
  }

  private parseTestNoCond(): Expr {
    if (this.tk() === "lambda") return this.parseLambda(false);
    return this.parseTestPrec(0);
  }

  private parseLambda(allowCond: boolean): Expr {
    const s = this.next();
    const params = this.parseParams();
    this.consume(":");
    const body = allowCond ? this.parseTest() : this.parseTestNoCond();
    return { t: "lambda", params, body, ...s };
  }

  private parseTestPrec(prec: number): Expr {
    if (prec >= MAX_PREC) return this.parsePrimaryWithSuffix();
    if (this.tk() === "not" && prec === NOT_PREC) {
      const s = this.next();
      const x = this.parseTestPrec(prec);
      return { t: "unary", op: "not", x, ...s };
    }
    return this.parseBinop(prec);
  }

  private parseBinop(prec: number): Expr {
    let x = this.parseTestPrec(prec + 1);
    for (let first = true; ; first = false) {
      let op = this.tk();
      if (op === "not") {
        if (this.toks[this.i + 1]?.k !== "in") {
          this.next();
          this.fail(`got ${describe(this.tk())}, want in`);
        }
        op = "not in";
      }
      const opprec = PREC[op];
      if (opprec === undefined || opprec < prec) return x;
      if (!first && opprec === 3) this.fail(`${(x as { op: string }).op} does not associate with ${op}`);
      const s = this.next();
      if (op === "not in") this.next();
      const y = this.parseTestPrec(opprec + 1);
      x = { t: "binary", op, x, y, ...s };
    }
  }

  private parsePrimaryWithSuffix(): Expr {
    if (++this.nesting > MAX_NESTING) this.fail("expression nesting too deep");
    let x = this.parsePrimary();
    for (;;) {
      if (this.tk() === ".") {
        const s = this.next();
        const name = this.parseIdent();
        x = { t: "dot", x, name, ...s };
      } else if (this.tk() === "[") {
        x = this.parseSliceSuffix(x);
      } else if (this.tk() === "(") {
        const s = this.next();
        const args = this.tk() === ")" ? [] : this.parseArgs();
        this.consume(")");
        x = { t: "call", fn: x, args, ...s };
      } else {
        break;
      }
    }
    this.nesting--;
    return x;
  }

  private parseSliceSuffix(x: Expr): Expr {
    const s = this.next();
    let lo: Expr | null = null;
    let hi: Expr | null = null;
    let step: Expr | null = null;
    if (this.tk() !== ":") {
      const y = this.parseExpr(false);
      if (this.tk() === "]") {
        this.next();
        return { t: "index", x, y, ...s };
      }
      lo = y;
    }
    if (this.tk() === ":") {
      this.next();
      if (this.tk() !== ":" && this.tk() !== "]") hi = this.parseTest();
    }
    if (this.tk() === ":") {
      this.next();
      if (this.tk() !== "]") step = this.parseTest();
    }
    this.consume("]");
    return { t: "slice", x, lo, hi, step, ...s };
  }

  private parseArgs(): Arg[] {
    const args: Arg[] = [];
    while (this.tk() !== ")" && this.tk() !== "EOF") {
      if (args.length > 0) this.consume(",");
      if (this.tk() === ")") break;
      const s = this.span();
      if (this.tk() === "*" || this.tk() === "**") {
        const op = this.tk();
        this.next();
        const x = this.parseTest();
        args.push({ t: op === "*" ? "star" : "starstar", x, ...s });
        continue;
      }
      const x = this.parseTest();
      if (this.tk() === "=") {
        if (x.t !== "ident") this.fail("keyword argument must have form name=expr");
        this.next();
        args.push({ t: "kw", name: x.name, x: this.parseTest(), ...s });
      } else {
        args.push({ t: "pos", x, ...s });
      }
    }
    return args;
  }

  private parsePrimary(): Expr {
    const s = this.span();
    const tok = this.tok;
    switch (tok.k) {
      case "IDENT":
        this.next();
        return { t: "ident", name: tok.v as string, ...s };
      case "INT":
      case "FLOAT":
      case "STRING":
      case "BYTES":
        this.next();
        return { t: "lit", value: tok.v!, kind: tok.k, ...s };
      case "[": {
        this.next();
        if (this.tk() === "]") {
          this.next();
          return { t: "list", items: [], ...s };
        }
        const x = this.parseTest();
        if (this.tk() === "for") return this.parseComprehension(s, "list", x, undefined, "]");
        const items = [x];
        if (this.tk() === ",") this.parseExprs(items, true);
        this.consume("]");
        return { t: "list", items, ...s };
      }
      case "{": {
        this.next();
        if (this.tk() === "}") {
          this.next();
          return { t: "dict", entries: [], ...s };
        }
        const key = this.parseTest();
        const es = this.consume(":");
        const value = this.parseTest();
        if (this.tk() === "for") return this.parseComprehension(s, "dict", key, value, "}");
        const entries = [{ key, value, span: es }];
        while (this.tk() === ",") {
          this.next();
          if (this.tk() === "}") break;
          const k = this.parseTest();
          const sp = this.consume(":");
          entries.push({ key: k, value: this.parseTest(), span: sp });
        }
        this.consume("}");
        return { t: "dict", entries, ...s };
      }
      case "(": {
        this.next();
        if (this.tk() === ")") {
          this.next();
          return { t: "tuple", items: [], paren: true, ...s };
        }
        const x = this.parseExpr(true);
        this.consume(")");
        return { t: "paren", x, ...s };
      }
      case "-":
      case "+":
      case "~": {
        this.next();
        const x = this.parsePrimaryWithSuffix();
        return { t: "unary", op: tok.k, x, ...s };
      }
    }
    this.fail(`got ${describe(tok.k)}, want primary expression`);
  }

  private parseComprehension(s: Span, kind: "list" | "dict", body: Expr, value: Expr | undefined, end: string): Expr {
    const clauses: Clause[] = [];
    while (this.tk() !== end) {
      if (this.tk() === "for") {
        const cs = this.next();
        const vars = this.parseForLoopVars();
        this.consume("in");
        const iter = this.parseTestPrec(0);
        clauses.push({ t: "for", vars, iter, ...cs });
      } else if (this.tk() === "if") {
        const cs = this.next();
        clauses.push({ t: "if", cond: this.parseTestNoCond(), ...cs });
      } else {
        this.fail(`got ${describe(this.tk())}, want '${end}', for, or if`);
      }
    }
    this.next();
    const node: Expr = { t: "comp", kind, body, clauses, ...s };
    if (value) node.value = value;
    return node;
  }
}

function terminatesExprList(k: string): boolean {
  return k === "EOF" || k === "NEWLINE" || k === "=" || k === "}" || k === "]" || k === ")" || k === ";";
}
