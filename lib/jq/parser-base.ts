import type { Node, ObjectEntry, Pattern, PObjectEntry } from "./ast";
import { compileError, parseError } from "./errors";
import type { Span } from "./errors";
import type { Token } from "./lexer";

const MAX_DEPTH = 200;

function describe(t: Token): string {
  if (t.kind === "eof") return "end of file";
  if (t.kind === "num") return "LITERAL";
  if (t.kind === "str") return "QQSTRING_START";
  if (t.kind === "ident") return "IDENT";
  if (t.kind === "field") return "FIELD";
  if (t.kind === "var") return "BINDING";
  if (t.kind === "format") return "FORMAT";
  if (t.kind === "kw") return t.text;
  return `'${t.text}'`;
}
/** Token-stream helpers plus the parts of the grammar that do not involve operators: directives, objects, patterns. */
export abstract class ParserBase {
  i = 0;
  depth = 0;
  constructor(readonly toks: Token[]) {}

  get tok(): Token {
    return this.toks[this.i]!;
  }
  peek(n = 1): Token {
    return this.toks[Math.min(this.i + n, this.toks.length - 1)]!;
  }
  isOp(text: string, t: Token = this.tok): boolean {
    return t.kind === "op" && t.text === text;
  }
  isKw(text: string, t: Token = this.tok): boolean {
    return t.kind === "kw" && t.text === text;
  }
  next(): Token {
    const t = this.tok;
    if (t.kind !== "eof") this.i++;
    return t;
  }
  fail(t: Token = this.tok, extra = ""): never {
    throw parseError(`syntax error, unexpected ${describe(t)}${extra}`, t.span.pos);
  }
  expectOp(text: string): Token {
    if (!this.isOp(text)) this.fail(this.tok, `, expecting '${text}'`);
    return this.next();
  }
  expectKw(text: string): Token {
    if (!this.isKw(text)) this.fail(this.tok, `, expecting ${text}`);
    return this.next();
  }
  expectEof(): void {
    if (this.tok.kind !== "eof") this.fail(this.tok, ", expecting end of file");
  }
  span(from: Span): Span {
    const last = this.toks[Math.max(0, this.i - 1)]!;
    return { start: from.start, end: Math.max(from.end, last.span.end), pos: from.pos };
  }
  enter(): void {
    if (++this.depth > MAX_DEPTH) throw parseError("program nested too deeply", this.tok.span.pos);
  }

  abstract parsePipe(noComma: boolean): Node;
  abstract parseBinary(minPrec: number): Node;
  abstract parsePrimary(): Node;
  abstract parsePostfix(term: Node): Node;
  abstract parseString(t: Token, format: string | undefined): Node;

  /** `module META;` is accepted and ignored; `import`/`include` are rejected (no module system). */
  parseDirectives(): void {
    for (;;) {
      const t = this.tok;
      if (this.isKw("module")) {
        this.next();
        this.checkMeta(this.parsePostfix(this.parsePrimary()));
        this.expectOp(";");
        continue;
      }
      if (!this.isKw("import") && !this.isKw("include")) return;
      this.next();
      const path = this.tok;
      if (path.kind !== "str") this.fail(path);
      this.next();
      if (path.parts!.some((p) => typeof p !== "string")) throw compileError("Import path must be constant", path.span.pos);
      if (t.text === "import") {
        this.expectKw("as");
        this.next();
      }
      if (!this.isOp(";")) this.checkMeta(this.parsePostfix(this.parsePrimary()));
      this.expectOp(";");
      throw compileError(`${t.text} is not supported: this jq has no module system`, t.span.pos);
    }
  }

  checkMeta(n: Node): void {
    const constant = (x: Node): boolean =>
      x.kind === "literal" || (x.kind === "array" && (!x.body || constant(x.body))) || (x.kind === "comma" && constant(x.left) && constant(x.right)) ||
      (x.kind === "object" && x.entries.every((e) => e.key.kind === "literal" && constant(e.value)));
    if (!constant(n)) throw compileError("Module metadata must be constant", n.span.pos);
    if (n.kind !== "object") throw compileError("Module metadata must be an object", n.span.pos);
  }

  parseObject(): Node {
    const start = this.expectOp("{").span;
    const entries: ObjectEntry[] = [];
    while (!this.isOp("}")) {
      entries.push(this.parseObjectEntry());
      if (this.isOp(",")) this.next();
      else if (!this.isOp("}")) this.fail();
    }
    this.next();
    return { kind: "object", entries, span: this.span(start) };
  }

  parseObjectEntry(): ObjectEntry {
    const t = this.tok;
    let key: Node;
    if (t.kind === "var") {
      this.next();
      if (t.text === "__loc__" && !this.isOp(":")) {
        return { key: { kind: "literal", value: "__loc__", span: t.span }, value: { kind: "loc", line: t.span.pos.line, span: t.span } };
      }
      const v: Node = { kind: "var", name: t.text, span: t.span };
      if (!this.isOp(":")) return { key: { kind: "literal", value: t.text, span: t.span }, value: v };
      key = v;
    } else if (t.kind === "ident" || t.kind === "kw") {
      this.next();
      key = { kind: "literal", value: t.text, span: t.span };
      if (!this.isOp(":")) return { key, value: { kind: "index", target: { kind: "identity", span: t.span }, index: key, span: t.span } };
    } else if (t.kind === "str" || t.kind === "format") {
      this.next();
      key = t.kind === "format" ? (this.tok.kind === "str" ? this.parseString(this.next(), t.text) : this.fail(this.tok)) : this.parseString(t, undefined);
      if (!this.isOp(":")) return { key, value: { kind: "index", target: { kind: "identity", span: t.span }, index: key, span: t.span } };
    } else if (t.kind === "num") {
      this.next();
      key = { kind: "literal", value: t.num, span: t.span };
      if (!this.isOp(":")) throw parseError("May need parentheses around object key expression", t.span.pos);
    } else if (this.isOp("(")) {
      this.next();
      key = this.parsePipe(false);
      this.expectOp(")");
    } else this.fail(t);
    this.expectOp(":");
    const value = this.parseObjectValue();
    return { key, value };
  }

  parseObjectValue(): Node {
    const start = this.tok.span;
    let left = this.parseBinary(0);
    if (this.isOp("|")) {
      this.next();
      const right = this.parseObjectValue();
      left = { kind: "pipe", left, right, span: this.span(start) };
    }
    return left;
  }

  parsePatterns(): Pattern[] {
    const out = [this.parsePattern()];
    while (this.isOp("?//")) {
      this.next();
      out.push(this.parsePattern());
    }
    return out;
  }

  parsePattern(): Pattern {
    const t = this.tok;
    if (t.kind === "var") {
      this.next();
      return { kind: "pvar", name: t.text, span: t.span };
    }
    if (this.isOp("[")) {
      this.next();
      if (this.isOp("]")) this.fail(this.tok, ", expecting BINDING or '[' or '{'");
      const elems = [this.parsePattern()];
      while (this.isOp(",")) {
        this.next();
        elems.push(this.parsePattern());
      }
      this.expectOp("]");
      return { kind: "parray", elems, span: this.span(t.span) };
    }
    if (this.isOp("{")) {
      this.next();
      if (this.isOp("}")) this.fail();
      const entries: PObjectEntry[] = [this.parsePObjectEntry()];
      while (this.isOp(",")) {
        this.next();
        entries.push(this.parsePObjectEntry());
      }
      this.expectOp("}");
      return { kind: "pobject", entries, span: this.span(t.span) };
    }
    this.fail(t, ", expecting BINDING or '[' or '{'");
  }

  parsePObjectEntry(): PObjectEntry {
    const t = this.tok;
    let key: Node;
    if (t.kind === "var") {
      this.next();
      key = { kind: "literal", value: t.text, span: t.span };
      if (!this.isOp(":")) return { key, keyVar: t.text };
      this.next();
      return { key, keyVar: t.text, value: this.parsePattern() };
    }
    if (t.kind === "ident" || t.kind === "kw") {
      this.next();
      key = { kind: "literal", value: t.text, span: t.span };
    } else if (t.kind === "str") {
      this.next();
      key = this.parseString(t, undefined);
    } else if (this.isOp("(")) {
      this.next();
      key = this.parsePipe(false);
      this.expectOp(")");
    } else this.fail(t);
    this.expectOp(":");
    return { key, value: this.parsePattern() };
  }
}
