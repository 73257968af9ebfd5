import { parseError } from "./errors";
import type { Pos, Span } from "./errors";

export type TokenKind =
  | "num" // value in `num`
  | "str" // parts in `parts`
  | "ident" // name (may contain ::)
  | "field" // .name
  | "var" // $name
  | "format" // @name
  | "kw" // keyword in `text`
  | "op" // punctuation in `text`
  | "eof";

/** A string literal part: literal text, or an interpolated token list. */
export type StrPart = string | Token[];

export interface Token {
  kind: TokenKind;
  text: string;
  span: Span;
  num?: number;
  parts?: StrPart[];
}

const KEYWORDS = new Set([
  "def", "if", "then", "elif", "else", "end", "as", "reduce", "foreach", "try", "catch",
  "label", "import", "include", "module", "and", "or", "__loc__",
]);

// Longest first so that greedy matching works.
const OPS = [
  "?//=", "?//", "//=", "|=", "+=", "-=", "*=", "/=", "%=", "==", "!=", "<=", ">=", "//", "..",
  ".", "[", "]", "{", "}", "(", ")", "|", ",", ":", ";", "=", "<", ">", "+", "-", "*", "/", "%", "?", "$",
];

const MAX_NESTING = 256;

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isIdentChar(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Splits a jq program into tokens; string literals carry their interpolations as nested token lists. */
export function lex(src: string): Token[] {
  const lx = new Lexer(src);
  const out = lx.tokens(false, 0);
  return out;
}

class Lexer {
  i = 0;
  readonly lineStarts: number[] = [0];
  constructor(readonly src: string) {
    for (let j = 0; j < src.length; j++) if (src.charCodeAt(j) === 10) this.lineStarts.push(j + 1);
  }

  pos(offset: number): Pos {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - this.lineStarts[lo]! + 1 };
  }

  span(start: number): Span {
    return { start, end: this.i, pos: this.pos(start) };
  }

  fail(msg: string, at: number): never {
    throw parseError(msg, this.pos(at));
  }

  /** Lexes until EOF, or (inInterp) until the `)` closing a `\(` interpolation. */
  tokens(inInterp: boolean, depth: number): Token[] {
    if (depth > MAX_NESTING) this.fail("string interpolation nested too deeply", this.i);
    const out: Token[] = [];
    let parens = 0;
    const src = this.src;
    for (;;) {
      // skip whitespace and comments
      for (;;) {
        const c = src.charCodeAt(this.i);
        if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) this.i++;
        else if (c === 35) {
          while (this.i < src.length && src.charCodeAt(this.i) !== 10) this.i++;
        } else break;
      }
      const start = this.i;
      if (this.i >= src.length) {
        if (inInterp) this.fail("unterminated string interpolation", start);
        out.push({ kind: "eof", text: "", span: this.span(start) });
        return out;
      }
      const c = src.charCodeAt(this.i);
      if (c === 34) {
        out.push(this.string(depth));
        continue;
      }
      if (isDigit(c) || (c === 46 && isDigit(src.charCodeAt(this.i + 1)))) {
        out.push(this.number());
        continue;
      }
      if (c === 46 && isIdentStart(src.charCodeAt(this.i + 1))) {
        this.i++;
        while (isIdentChar(src.charCodeAt(this.i))) this.i++;
        out.push({ kind: "field", text: src.slice(start + 1, this.i), span: this.span(start) });
        continue;
      }
      if (c === 36 && (isIdentStart(src.charCodeAt(this.i + 1)))) {
        this.i++;
        this.identBody();
        out.push({ kind: "var", text: src.slice(start + 1, this.i), span: this.span(start) });
        continue;
      }
      if (c === 64 && isIdentStart(src.charCodeAt(this.i + 1))) {
        this.i++;
        while (isIdentChar(src.charCodeAt(this.i))) this.i++;
        out.push({ kind: "format", text: src.slice(start + 1, this.i), span: this.span(start) });
        continue;
      }
      if (isIdentStart(c)) {
        this.identBody();
        const text = src.slice(start, this.i);
        out.push({ kind: KEYWORDS.has(text) ? "kw" : "ident", text, span: this.span(start) });
        continue;
      }
      const op = OPS.find((o) => src.startsWith(o, this.i));
      if (!op) this.fail(`syntax error, unexpected INVALID_CHARACTER`, start);
      // "?//=" is not a jq token: treat as "?" "//="
      const real = op === "?//=" ? "?" : op;
      this.i += real.length;
      if (inInterp) {
        if (real === "(") parens++;
        else if (real === ")") {
          if (parens === 0) return out.concat([{ kind: "eof", text: "", span: this.span(start) }]);
          parens--;
        }
      }
      out.push({ kind: "op", text: real, span: this.span(start) });
    }
  }

  identBody(): void {
    const src = this.src;
    for (;;) {
      while (isIdentChar(src.charCodeAt(this.i))) this.i++;
      if (src.startsWith("::", this.i) && isIdentStart(src.charCodeAt(this.i + 2))) this.i += 2;
      else return;
    }
  }

  number(): Token {
    const src = this.src;
    const start = this.i;
    while (isDigit(src.charCodeAt(this.i))) this.i++;
    if (src.charCodeAt(this.i) === 46) {
      this.i++;
      while (isDigit(src.charCodeAt(this.i))) this.i++;
    }
    const e = src.charCodeAt(this.i);
    if (e === 101 || e === 69) {
      let j = this.i + 1;
      const s = src.charCodeAt(j);
      if (s === 43 || s === 45) j++;
      if (isDigit(src.charCodeAt(j))) {
        while (isDigit(src.charCodeAt(j))) j++;
        this.i = j;
      }
    }
    const text = src.slice(start, this.i);
    return { kind: "num", text, num: Number(text), span: this.span(start) };
  }

  string(depth: number): Token {
    const src = this.src;
    const start = this.i;
    this.i++;
    const parts: StrPart[] = [];
    let buf = "";
    for (;;) {
      if (this.i >= src.length) this.fail("unterminated string literal", start);
      const c = src.charCodeAt(this.i);
      if (c === 34) {
        this.i++;
        break;
      }
      if (c !== 92) {
        buf += src[this.i++];
        continue;
      }
      const escAt = this.i;
      const e = src[this.i + 1];
      this.i += 2;
      switch (e) {
        case '"': buf += '"'; break;
        case "\\": buf += "\\"; break;
        case "/": buf += "/"; break;
        case "b": buf += "\b"; break;
        case "f": buf += "\f"; break;
        case "n": buf += "\n"; break;
        case "r": buf += "\r"; break;
        case "t": buf += "\t"; break;
        case "u": {
          const hex = src.slice(this.i, this.i + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail(`Invalid escape`, escAt);
          buf += String.fromCharCode(parseInt(hex, 16));
          this.i += 4;
          break;
        }
        case "(": {
          if (buf) parts.push(buf);
          buf = "";
          parts.push(this.tokens(true, depth + 1));
          break;
        }
        default:
          this.fail(`Invalid escape`, escAt);
      }
    }
    if (buf || parts.length === 0) parts.push(buf);
    return { kind: "str", text: src.slice(start, this.i), parts, span: this.span(start) };
  }
}
