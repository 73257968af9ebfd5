import { syntaxError, tooLongError } from "./errors.ts";

export type TokenKind = "number" | "string" | "ident" | "punct" | "eof";

export interface Token {
  kind: TokenKind;
  /** Source text for ident/punct; decoded text for strings; digits for numbers. */
  text: string;
  offset: number;
  length: number;
}

/** Longest expression source accepted, in characters. */
export const MAX_EXPRESSION_LENGTH = 4000;

const PUNCT2 = ["==", "!=", "<=", ">=", "&&", "||"];
const PUNCT1 = "+-*/%()[].,<>!";
const ESCAPES: Readonly<Record<string, string>> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', "/": "/", "0": "\0" };

const isDigit = (c: string) => c >= "0" && c <= "9";
const isIdentStart = (c: string) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_";
const isIdentPart = (c: string) => isIdentStart(c) || isDigit(c);

/** Splits expression source into tokens; throws ExpressionError with the offending position. */
export function tokenize(source: string, start = 0, end = source.length): Token[] {
  if (end - start > MAX_EXPRESSION_LENGTH) throw tooLongError(source, start, end - start, MAX_EXPRESSION_LENGTH);
  const tokens: Token[] = [];
  let i = start;
  while (i < end) {
    const c = source.charAt(i);
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
    } else if (isDigit(c)) {
      i = readNumber(source, i, end, tokens);
    } else if (c === '"' || c === "'") {
      i = readString(source, i, end, tokens);
    } else if (isIdentStart(c)) {
      const start = i;
      while (i < end && isIdentPart(source.charAt(i))) i++;
      tokens.push({ kind: "ident", text: source.slice(start, i), offset: start, length: i - start });
    } else {
      const two = i + 1 < end ? source.slice(i, i + 2) : c;
      if (PUNCT2.includes(two)) {
        tokens.push({ kind: "punct", text: two, offset: i, length: 2 });
        i += 2;
      } else if (PUNCT1.includes(c)) {
        tokens.push({ kind: "punct", text: c, offset: i, length: 1 });
        i++;
      } else if (c === "=") {
        throw syntaxError(source, i, `unexpected "=": use "==" to compare`);
      } else if (c === "$") {
        throw syntaxError(source, i, 'unexpected "$": write the expression without "${...}" here, or compile the whole string with compileTemplate');
      } else if (c === "&" || c === "|") {
        throw syntaxError(source, i, `unexpected "${c}": use "and" / "or"`);
      } else {
        throw syntaxError(source, i, `unexpected character ${JSON.stringify(c)}`);
      }
    }
  }
  tokens.push({ kind: "eof", text: "", offset: end, length: 0 });
  return tokens;
}

function readNumber(source: string, start: number, end: number, tokens: Token[]): number {
  let i = start;
  const at = (k: number) => (k < end ? source.charAt(k) : "");
  while (i < end && isDigit(at(i))) i++;
  if (at(i) === "." && isDigit(at(i + 1))) {
    i++;
    while (i < end && isDigit(at(i))) i++;
  }
  const e = at(i);
  if (e === "e" || e === "E") {
    let j = i + 1;
    if (at(j) === "+" || at(j) === "-") j++;
    if (!isDigit(at(j))) throw syntaxError(source, i, "malformed number exponent");
    while (j < end && isDigit(at(j))) j++;
    i = j;
  }
  if (isIdentStart(at(i))) throw syntaxError(source, i, "malformed number");
  tokens.push({ kind: "number", text: source.slice(start, i), offset: start, length: i - start });
  return i;
}

function readString(source: string, start: number, end: number, tokens: Token[]): number {
  const quote = source.charAt(start);
  let i = start + 1;
  let out = "";
  for (;;) {
    if (i >= end) throw syntaxError(source, start, "unterminated string");
    const c = source.charAt(i);
    if (c === quote) break;
    if (c === "\\") {
      if (i + 1 >= end) throw syntaxError(source, start, "unterminated string");
      const n = source.charAt(i + 1);
      if (n === "u") {
        const hex = source.slice(i + 2, Math.min(i + 6, end));
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw syntaxError(source, i, "bad \\u escape (need 4 hex digits)", 2);
        out += String.fromCharCode(parseInt(hex, 16));
        i += 6;
        continue;
      }
      const mapped = ESCAPES[n];
      if (mapped === undefined) throw syntaxError(source, i, `unknown escape "\\${n}"`, 2);
      out += mapped;
      i += 2;
      continue;
    }
    out += c;
    i++;
  }
  tokens.push({ kind: "string", text: out, offset: start, length: i + 1 - start });
  return i + 1;
}
