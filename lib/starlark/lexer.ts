import type { Pos } from "./errors.ts";
import { StarlarkError, syntaxError } from "./errors.ts";
import type { Token } from "./tokens.ts";
import { KEYWORDS, RESERVED } from "./tokens.ts";
import { runeToUtf8 } from "./values/utf8.ts";

// Punctuation, longest first.
const PUNCT = [
  "//=", "<<=", ">>=",
  "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<", ">>", "//", "**",
  "+", "-", "*", "/", "%", "&", "|", "^", "~", "<", ">", "=", ".", ",", ";", ":", "(", ")", "[", "]", "{", "}",
];

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isIdentStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 0x80;
const isIdentPart = (c: number): boolean => isIdentStart(c) || isDigit(c);

/**
 * Splits a byte-string source (UTF-8 bytes as char codes) into tokens,
 * with NEWLINE/INDENT/OUTDENT layout tokens. Throws a syntax StarlarkError.
 */
export function tokenize(src: string, file: string): Token[] {
  return scan(src, file, false);
}

/**
 * Like tokenize, but a lexical error becomes a final ERROR token (value: the
 * message) so that the parser reports errors in source order, as starlark-go does.
 */
export function tokenizeLazy(src: string, file: string): Token[] {
  return scan(src, file, true);
}

function scan(src: string, file: string, lazy: boolean): Token[] {
  const toks: Token[] = [];
  const indents = [0];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let depth = 0;
  let atLineStart = true;
  const n = src.length;
  const pos = (at: number): Pos => ({ file, line, col: at - lineStart + 1 });
  const fail = (msg: string, at: number): never => {
    throw syntaxError(msg, pos(at));
  };
  const push = (k: string, at: number, v?: string | number | bigint): void => {
    const t: Token = { k, line, col: at - lineStart + 1 };
    if (v !== undefined) t.v = v;
    toks.push(t);
  };
  try {
    return run();
  } catch (e) {
    if (!lazy || !(e instanceof StarlarkError) || e.pos === null) throw e;
    toks.push({ k: "ERROR", line: e.pos.line, col: e.pos.col, v: e.message });
    return toks;
  }

  function run(): Token[] {

  while (true) {
    if (atLineStart && depth === 0) {
      // measure indentation; skip blank and comment-only lines
      let col = 0;
      let j = i;
      while (j < n) {
        const c = src.charCodeAt(j);
        if (c === 32) col++;
        else if (c === 9) col += 8 - (col % 8);
        else if (c === 12) col = 0;
        else break;
        j++;
      }
      const c = j < n ? src.charCodeAt(j) : -1;
      if (c === 35) {
        while (j < n && src.charCodeAt(j) !== 10) j++;
      }
      const c2 = j < n ? src.charCodeAt(j) : -1;
      if (c2 === 10 || c2 === 13) {
        i = c2 === 13 && src.charCodeAt(j + 1) === 10 ? j + 2 : j + 1;
        line++;
        lineStart = i;
        continue;
      }
      if (c2 === 92 && (src.charCodeAt(j + 1) === 10 || src.charCodeAt(j + 1) === 13)) {
        // line continuation at start of line: ignore
      }
      i = j;
      if (c2 === -1) break;
      atLineStart = false;
      const top = indents[indents.length - 1]!;
      if (col > top) {
        indents.push(col);
        push("INDENT", i);
      } else if (col < top) {
        while (col < indents[indents.length - 1]!) {
          indents.pop();
          push("OUTDENT", i);
        }
        if (col !== indents[indents.length - 1]) fail("unindent does not match any outer indentation level", i);
      }
    }
    if (i >= n) break;
    const c = src.charCodeAt(i);
    if (c === 32 || c === 9 || c === 12) {
      i++;
      continue;
    }
    if (c === 35) {
      while (i < n && src.charCodeAt(i) !== 10) i++;
      continue;
    }
    if (c === 10 || c === 13) {
      if (depth === 0) push("NEWLINE", i);
      i = c === 13 && src.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      line++;
      lineStart = i;
      if (depth === 0) atLineStart = true;
      continue;
    }
    if (c === 92) {
      const d = src.charCodeAt(i + 1);
      if (d === 10 || d === 13) {
        i = d === 13 && src.charCodeAt(i + 2) === 10 ? i + 3 : i + 2;
        line++;
        lineStart = i;
        continue;
      }
      fail("stray backslash in program", i);
    }
    // string and bytes literals, with optional r/b prefixes
    if (c === 34 || c === 39 || ((c === 114 || c === 82 || c === 98 || c === 66) && isQuoteAhead(src, i))) {
      i = lexString(i);
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentPart(src.charCodeAt(j))) j++;
      const word = src.slice(i, j);
      if (KEYWORDS.has(word)) push(word, i);
      else if (RESERVED.has(word)) push("ILLEGAL", i, word);
      else push("IDENT", i, word);
      i = j;
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(src.charCodeAt(i + 1)))) {
      i = lexNumber(i);
      continue;
    }
    let matched = "";
    for (const p of PUNCT) {
      if (src.startsWith(p, i)) {
        matched = p;
        break;
      }
    }
    if (!matched) fail(`unexpected input character ${JSON.stringify(String.fromCharCode(c))}`, i);
    if (matched === "(" || matched === "[" || matched === "{") depth++;
    else if (matched === ")" || matched === "]" || matched === "}") {
      if (depth === 0) fail(`unexpected '${matched}'`, i);
      depth--;
    }
    push(matched, i);
    i += matched.length;
  }
  if (depth === 0 && toks.length > 0 && toks[toks.length - 1]!.k !== "NEWLINE" && toks[toks.length - 1]!.k !== "OUTDENT") push("NEWLINE", i);
  while (indents.length > 1) {
    indents.pop();
    push("OUTDENT", i);
  }
  push("EOF", i);
  return toks;
  }

  function lexNumber(start: number): number {
    let j = start;
    const c0 = src.charCodeAt(j);
    const c1 = src.charCodeAt(j + 1) | 0x20;
    if (c0 === 48 && (c1 === 120 || c1 === 111 || c1 === 98)) {
      const base = c1 === 120 ? 16 : c1 === 111 ? 8 : 2;
      j += 2;
      const ds = j;
      while (j < n && isValidDigits(src[j]!, base)) j++;
      const digits = src.slice(ds, j);
      if (!digits) fail(`invalid ${base === 16 ? "hex" : base === 8 ? "octal" : "binary"} literal`, start);
      const prefix = base === 16 ? "0x" : base === 8 ? "0o" : "0b";
      push("INT", start, normInt(BigInt(prefix + digits)));
      return j;
    }
    while (j < n && isDigit(src.charCodeAt(j))) j++;
    let isFloat = false;
    if (src.charCodeAt(j) === 46) {
      isFloat = true;
      j++;
      while (j < n && isDigit(src.charCodeAt(j))) j++;
    }
    if ((src.charCodeAt(j) | 0x20) === 101) {
      const k = j + 1 + (src[j + 1] === "+" || src[j + 1] === "-" ? 1 : 0);
      if (!isDigit(src.charCodeAt(k))) fail("invalid float literal", start);
      isFloat = true;
      j = k;
      while (j < n && isDigit(src.charCodeAt(j))) j++;
    }
    const text = src.slice(start, j);
    if (isFloat) {
      const f = Number(text);
      if (!Number.isFinite(f)) fail("floating-point number too large", start);
      push("FLOAT", start, f);
    } else {
      if (text.length > 1 && text[0] === "0" && /[1-9]/.test(text)) fail("obsolete form of octal literal; use 0o" + text.slice(1), start);
      push("INT", start, normInt(BigInt(text)));
    }
    return j;
  }

  function lexString(start: number): number {
    let j = start;
    let raw = false;
    let bytes = false;
    while (src[j] !== '"' && src[j] !== "'") {
      const ch = src[j]!.toLowerCase();
      if (ch === "r") raw = true;
      if (ch === "b") bytes = true;
      j++;
    }
    const q = src[j]!;
    const triple = src.startsWith(q + q + q, j);
    j += triple ? 3 : 1;
    let out = "";
    const startLine = line;
    const startCol = start - lineStart + 1;
    while (true) {
      if (j >= n) throw syntaxError("unexpected EOF in string", { file, line: startLine, col: startCol });
      const c = src[j]!;
      if (c === q) {
        if (!triple) {
          j++;
          break;
        }
        if (src.startsWith(q + q + q, j)) {
          j += 3;
          break;
        }
        out += c;
        j++;
        continue;
      }
      if (c === "\n" || c === "\r") {
        if (!triple) throw syntaxError("unexpected newline in string", { file, line: startLine, col: startCol });
        j += c === "\r" && src[j + 1] === "\n" ? 2 : 1;
        out += "\n";
        line++;
        lineStart = j;
        continue;
      }
      if (c !== "\\") {
        out += c;
        j++;
        continue;
      }
      // backslash
      const d = src[j + 1];
      if (d === undefined) throw syntaxError("unexpected EOF in string", { file, line: startLine, col: startCol });
      if (raw) {
        if (d === "\n" || d === "\r") {
          out += "\\\n";
          j += d === "\r" && src[j + 2] === "\n" ? 3 : 2;
          line++;
          lineStart = j;
          continue;
        }
        if (d === q) {
          out += q;
          j += 2;
          continue;
        }
        out += "\\";
        j++;
        continue;
      }
      j += 2;
      switch (d) {
        case "\n":
          line++;
          lineStart = j;
          break;
        case "\r":
          if (src[j] === "\n") j++;
          line++;
          lineStart = j;
          break;
        case "a": out += "\x07"; break;
        case "b": out += "\b"; break;
        case "f": out += "\f"; break;
        case "n": out += "\n"; break;
        case "r": out += "\r"; break;
        case "t": out += "\t"; break;
        case "v": out += "\v"; break;
        case "\\": out += "\\"; break;
        case "'": out += "'"; break;
        case '"': out += '"'; break;
        case "x": {
          const h = src.slice(j, j + 2);
          if (!/^[0-9a-fA-F]{2}$/.test(h)) fail(`invalid escape sequence \\x${h}`, j - 2);
          out += String.fromCharCode(parseInt(h, 16));
          j += 2;
          break;
        }
        case "u":
        case "U": {
          const len = d === "u" ? 4 : 8;
          const h = src.slice(j, j + len);
          if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(h)) fail(`invalid escape sequence \\${d}${h}`, j - 2);
          const cp = parseInt(h, 16);
          if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) fail(`invalid Unicode code point \\${d}${h}`, j - 2);
          out += runeToUtf8(cp);
          j += len;
          break;
        }
        default: {
          if (d >= "0" && d <= "7") {
            let k = j - 1;
            let v = 0;
            let cnt = 0;
            while (cnt < 3 && src[k]! >= "0" && src[k]! <= "7") {
              v = v * 8 + (src.charCodeAt(k) - 48);
              k++;
              cnt++;
            }
            if (v > 255) fail(`invalid escape sequence \\${src.slice(j - 1, k)}`, j - 2);
            out += String.fromCharCode(v);
            j = k;
            break;
          }
          fail(`invalid escape sequence \\${d}`, j - 2);
        }
      }
    }
    toks.push({ k: bytes ? "BYTES" : "STRING", line: startLine, col: startCol, v: out });
    return j;
  }
}

function isQuoteAhead(src: string, i: number): boolean {
  const a = src[i + 1];
  if (a === '"' || a === "'") return true;
  const c = src[i]!.toLowerCase();
  const b = a?.toLowerCase();
  if ((c === "r" && b === "b") || (c === "b" && b === "r")) {
    const q = src[i + 2];
    return q === '"' || q === "'";
  }
  return false;
}

function isValidDigits(d: string, base: number): boolean {
  const re = base === 16 ? /^[0-9a-fA-F]+$/ : base === 8 ? /^[0-7]+$/ : /^[01]+$/;
  return re.test(d);
}

/** Returns a JS number when the bigint is a safe integer. */
export function normInt(b: bigint): number | bigint {
  return b >= -9007199254740991n && b <= 9007199254740991n ? Number(b) : b;
}
