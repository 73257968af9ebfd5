import { runtimeError } from "../errors";

/** Regex AST (Oniguruma/Ruby syntax subset used by jq). */
export type RNode =
  | { t: "char"; cp: number; icase: boolean }
  | { t: "any"; dotall: boolean }
  | { t: "class"; test: (cp: number) => boolean }
  | { t: "seq"; items: RNode[] }
  | { t: "alt"; alts: RNode[] }
  | { t: "group"; index: number | null; body: RNode }
  | { t: "repeat"; body: RNode; min: number; max: number; greedy: boolean }
  | { t: "assert"; kind: "bol" | "eol" | "begin" | "end" | "endnl" | "word" | "nonword" }
  | { t: "backref"; index: number; icase: boolean }
  | { t: "look"; body: RNode; negate: boolean; behind: boolean }
  | { t: "atomic"; body: RNode };

export interface ParsedRegex {
  node: RNode;
  groups: number;
  names: (string | null)[]; // names[i] for group i (1-based; index 0 unused)
}

interface Flags {
  icase: boolean;
  extended: boolean;
  dotall: boolean;
}

const MAX_REPEAT = 1000;

function fold(cp: number): number {
  if (cp < 128) return cp >= 65 && cp <= 90 ? cp + 32 : cp;
  const s = String.fromCodePoint(cp).toLowerCase();
  return s.length <= 2 ? s.codePointAt(0)! : cp;
}
export { fold };

const isWord = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || (c > 127 && /[\p{L}\p{N}_]/u.test(String.fromCodePoint(c)));
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || c === 0x85 || c === 0xa0 || (c > 255 && /\s/u.test(String.fromCodePoint(c)));
const isHex = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
export { isWord };

const POSIX: Record<string, (c: number) => boolean> = {
  alpha: (c) => /\p{L}/u.test(String.fromCodePoint(c)),
  digit: isDigit,
  alnum: (c) => /[\p{L}\p{N}]/u.test(String.fromCodePoint(c)),
  upper: (c) => /\p{Lu}/u.test(String.fromCodePoint(c)),
  lower: (c) => /\p{Ll}/u.test(String.fromCodePoint(c)),
  space: isSpace,
  punct: (c) => /[\p{P}\p{S}]/u.test(String.fromCodePoint(c)),
  xdigit: isHex,
  word: isWord,
  blank: (c) => c === 32 || c === 9,
  cntrl: (c) => c < 32 || c === 127,
  print: (c) => c >= 32 && c !== 127,
  graph: (c) => c > 32 && c !== 127,
};

/** Parses a pattern given as code points. */
export function parseRegex(src: string, icase: boolean, extended: boolean): ParsedRegex {
  const p = new RParser(Array.from(src, (c) => c.codePointAt(0)!), src);
  const node = p.alt({ icase, extended, dotall: false });
  if (p.i < p.s.length) p.fail("unmatched close parenthesis");
  return { node, groups: p.groups, names: p.names };
}

class RParser {
  i = 0;
  groups = 0;
  names: (string | null)[] = [null];
  depth = 0;
  constructor(readonly s: number[], readonly src: string) {}

  fail(msg: string): never {
    throw runtimeError(`${this.src} (at offset ${this.i}) is not a valid regex: ${msg}`);
  }
  peek(): number | undefined {
    return this.s[this.i];
  }
  eat(c: string): boolean {
    if (this.s[this.i] === c.codePointAt(0)) {
      this.i++;
      return true;
    }
    return false;
  }

  alt(f: Flags): RNode {
    if (++this.depth > 200) this.fail("nested too deeply");
    const alts: RNode[] = [this.seq(f)];
    while (this.eat("|")) alts.push(this.seq(f));
    this.depth--;
    return alts.length === 1 ? alts[0]! : { t: "alt", alts };
  }

  seq(f: Flags): RNode {
    const items: RNode[] = [];
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === 124 /* | */ || c === 41 /* ) */) break;
      if (f.extended) {
        if (c === 32 || c === 9 || c === 10 || c === 13) {
          this.i++;
          continue;
        }
        if (c === 35) {
          while (this.i < this.s.length && this.s[this.i] !== 10) this.i++;
          continue;
        }
      }
      // inline flags (?i) apply to the rest of the sequence
      if (c === 40 && this.s[this.i + 1] === 63 && this.isFlagGroup()) {
        const nf = this.flagGroup(f);
        if (nf) {
          f = nf;
          continue;
        }
      }
      let atom = this.atom(f);
      atom = this.quantifier(atom);
      items.push(atom);
    }
    return items.length === 1 ? items[0]! : { t: "seq", items };
  }

  isFlagGroup(): boolean {
    let j = this.i + 2;
    while (j < this.s.length && /[imx-]/.test(String.fromCodePoint(this.s[j]!))) j++;
    return j > this.i + 2 && (this.s[j] === 41 || this.s[j] === 58);
  }

  /** Parses `(?imx-imx)` (returns new flags) or `(?imx-imx:...)` (returns null; caller handles as atom). */
  flagGroup(f: Flags): Flags | null {
    let j = this.i + 2;
    const nf = { ...f };
    let on = true;
    while (this.s[j] !== 41 && this.s[j] !== 58) {
      const ch = String.fromCodePoint(this.s[j]!);
      if (ch === "-") on = false;
      else if (ch === "i") nf.icase = on;
      else if (ch === "x") nf.extended = on;
      else if (ch === "m") nf.dotall = on;
      j++;
    }
    if (this.s[j] === 58) return null;
    this.i = j + 1;
    return nf;
  }

  quantifier(atom: RNode): RNode {
    for (;;) {
      const c = this.peek();
      let min: number;
      let max: number;
      if (c === 42) [min, max] = [0, Infinity];
      else if (c === 43) [min, max] = [1, Infinity];
      else if (c === 63) [min, max] = [0, 1];
      else if (c === 123) {
        const m = /^\{(\d*)(,(\d*))?\}/.exec(String.fromCodePoint(...this.s.slice(this.i, this.i + 24)));
        if (!m || (m[1] === "" && m[3] === undefined)) return atom;
        min = m[1] === "" ? 0 : Number(m[1]);
        max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
        if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) this.fail("repetition count too large");
        if (max < min) this.fail("upper bound must be greater than lower bound");
        this.i += m[0].length - 1;
      } else return atom;
      this.i++;
      let greedy = true;
      if (this.eat("?")) greedy = false;
      else if (this.eat("+")) {
        atom = { t: "atomic", body: { t: "repeat", body: atom, min, max, greedy: true } };
        continue;
      }
      atom = { t: "repeat", body: atom, min, max, greedy };
    }
  }

  atom(f: Flags): RNode {
    const c = this.s[this.i++]!;
    switch (c) {
      case 46: return { t: "any", dotall: f.dotall };
      case 94: return { t: "assert", kind: "bol" };
      case 36: return { t: "assert", kind: "eol" };
      case 91: return this.cls(f);
      case 92: return this.escape(f, false) as RNode;
      case 40: return this.group(f);
      case 42: case 43: case 63: this.fail("target of repeat operator is not specified");
      // falls through
      default:
        return { t: "char", cp: f.icase ? fold(c) : c, icase: f.icase };
    }
  }

  group(f: Flags): RNode {
    if (this.eat("?")) {
      if (this.eat(":")) return this.close({ t: "group", index: null, body: this.alt(f) });
      if (this.eat("=")) return this.close({ t: "look", body: this.alt(f), negate: false, behind: false });
      if (this.eat("!")) return this.close({ t: "look", body: this.alt(f), negate: true, behind: false });
      if (this.eat(">")) return this.close({ t: "atomic", body: this.alt(f) });
      if (this.eat("#")) {
        while (this.i < this.s.length && this.s[this.i] !== 41) this.i++;
        this.i++;
        return { t: "seq", items: [] };
      }
      if (this.peek() === 60 && (this.s[this.i + 1] === 61 || this.s[this.i + 1] === 33)) {
        this.i++;
        const negate = this.s[this.i++] === 33;
        return this.close({ t: "look", body: this.alt(f), negate, behind: true });
      }
      if (this.eat("<") || this.eat("P") && this.eat("<")) {
        let name = "";
        while (this.i < this.s.length && this.s[this.i] !== 62) name += String.fromCodePoint(this.s[this.i++]!);
        if (!this.eat(">") || !/^[A-Za-z_]\w*$/.test(name)) this.fail("invalid group name");
        const index = ++this.groups;
        this.names[index] = name;
        return this.close({ t: "group", index, body: this.alt(f) });
      }
      const m = /^([imx]*)(?:-([imx]*))?:/.exec(String.fromCodePoint(...this.s.slice(this.i, this.i + 12)));
      if (m) {
        this.i += m[0].length;
        const nf = { ...f };
        for (const ch of m[1] ?? "") this.setFlag(nf, ch, true);
        for (const ch of m[2] ?? "") this.setFlag(nf, ch, false);
        return this.close({ t: "group", index: null, body: this.alt(nf) });
      }
      this.fail("undefined group option");
    }
    const index = ++this.groups;
    this.names[index] = null;
    return this.close({ t: "group", index, body: this.alt(f) });
  }

  setFlag(f: Flags, ch: string, on: boolean): void {
    if (ch === "i") f.icase = on;
    else if (ch === "x") f.extended = on;
    else if (ch === "m") f.dotall = on;
  }

  close(n: RNode): RNode {
    if (!this.eat(")")) this.fail("end pattern with unmatched parenthesis");
    return n;
  }

  /** Parses an escape after `\`; inside a class returns a predicate-capable node. */
  escape(f: Flags, inClass: boolean): RNode {
    const c = this.s[this.i++];
    if (c === undefined) this.fail("end pattern at escape");
    const ch = String.fromCodePoint(c);
    const cls = (test: (cp: number) => boolean): RNode => ({ t: "class", test });
    switch (ch) {
      case "d": return cls(isDigit);
      case "D": return cls((x) => !isDigit(x));
      case "w": return cls(isWord);
      case "W": return cls((x) => !isWord(x));
      case "s": return cls(isSpace);
      case "S": return cls((x) => !isSpace(x));
      case "h": return cls(isHex);
      case "H": return cls((x) => !isHex(x));
      case "n": return { t: "char", cp: 10, icase: false };
      case "t": return { t: "char", cp: 9, icase: false };
      case "r": return { t: "char", cp: 13, icase: false };
      case "f": return { t: "char", cp: 12, icase: false };
      case "v": return { t: "char", cp: 11, icase: false };
      case "e": return { t: "char", cp: 27, icase: false };
      case "a": return { t: "char", cp: 7, icase: false };
      case "p": case "P": {
        const m = /^\{\^?([A-Za-z_ ]+)\}/.exec(String.fromCodePoint(...this.s.slice(this.i, this.i + 40)));
        if (!m) this.fail("invalid character property name");
        this.i += m![0].length;
        let re: RegExp;
        try {
          re = new RegExp(`\\p{${m![1]}}`, "u");
        } catch {
          const posix = POSIX[m![1]!.toLowerCase()];
          if (!posix) this.fail(`invalid character property name {${m![1]}}`);
          re = { test: (s: string) => posix!(s.codePointAt(0)!) } as RegExp;
        }
        const neg = (ch === "P") !== m![0].startsWith("{^");
        return cls((x) => re.test(String.fromCodePoint(x)) !== neg);
      }
      case "x": {
        const m = /^(\{[0-9a-fA-F]{1,8}\}|[0-9a-fA-F]{1,2})/.exec(String.fromCodePoint(...this.s.slice(this.i, this.i + 10)));
        if (!m) this.fail("invalid hex escape");
        this.i += m![0].length;
        return this.lit(parseInt(m![0].replace(/[{}]/g, ""), 16), f);
      }
      case "u": {
        const m = /^[0-9a-fA-F]{4}/.exec(String.fromCodePoint(...this.s.slice(this.i, this.i + 4)));
        if (!m) this.fail("invalid unicode escape");
        this.i += 4;
        return this.lit(parseInt(m[0], 16), f);
      }
      case "0": return this.lit(0, f);
      default: break;
    }
    if (!inClass) {
      switch (ch) {
        case "b": return { t: "assert", kind: "word" };
        case "B": return { t: "assert", kind: "nonword" };
        case "A": return { t: "assert", kind: "begin" };
        case "z": return { t: "assert", kind: "end" };
        case "Z": return { t: "assert", kind: "endnl" };
        case "G": return { t: "seq", items: [] };
        case "k": {
          const m = /^<([A-Za-z_]\w*|\d+)>/.exec(String.fromCodePoint(...this.s.slice(this.i, this.i + 40)));
          if (!m) this.fail("invalid backref");
          this.i += m![0].length;
          const idx = /^\d+$/.test(m![1]!) ? Number(m![1]) : this.names.indexOf(m![1]!);
          if (idx <= 0) this.fail("undefined name reference");
          return { t: "backref", index: idx, icase: f.icase };
        }
        default:
          if (c >= 49 && c <= 57) return { t: "backref", index: c - 48, icase: f.icase };
      }
    } else if (ch === "b") return this.lit(8, f);
    return this.lit(c, f);
  }

  lit(cp: number, f: Flags): RNode {
    return { t: "char", cp: f.icase ? fold(cp) : cp, icase: f.icase };
  }

  cls(f: Flags): RNode {
    const negate = this.eat("^");
    const parts: ((cp: number) => boolean)[] = [];
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.fail("premature end of char-class");
      if (c === 93 && !first) {
        this.i++;
        break;
      }
      first = false;
      if (c === 91 && this.s[this.i + 1] === 58) {
        const m = /^\[:(\^?)([a-z]+):\]/.exec(String.fromCodePoint(...this.s.slice(this.i, this.i + 20)));
        if (m && POSIX[m[2]!]) {
          this.i += m[0].length;
          const t = POSIX[m[2]!]!;
          parts.push(m[1] ? (x) => !t(x) : t);
          continue;
        }
      }
      if (c === 91) {
        this.i++;
        const inner = this.cls(f) as { t: "class"; test: (cp: number) => boolean };
        parts.push(inner.test);
        continue;
      }
      let lo: number;
      if (c === 92) {
        this.i++;
        const e = this.escape(f, true);
        if (e.t === "class") {
          parts.push(e.test);
          continue;
        }
        lo = (e as { cp: number }).cp;
      } else {
        lo = c;
        this.i++;
      }
      if (this.peek() === 45 && this.s[this.i + 1] !== 93 && this.s[this.i + 1] !== undefined) {
        this.i++;
        let hi = this.s[this.i++]!;
        if (hi === 92) {
          const e = this.escape(f, true);
          if (e.t !== "char") this.fail("invalid range");
          hi = e.cp;
        }
        if (hi < lo) this.fail("empty range in char class");
        const l = lo;
        parts.push(f.icase ? (x) => (x >= l && x <= hi) || (fold(x) >= l && fold(x) <= hi) || (up(x) >= l && up(x) <= hi) : (x) => x >= l && x <= hi);
      } else {
        const l = lo;
        parts.push(f.icase ? (x) => fold(x) === fold(l) : (x) => x === l);
      }
    }
    const test = (x: number): boolean => parts.some((p) => p(x)) !== negate;
    return { t: "class", test };
  }
}

function up(cp: number): number {
  const s = String.fromCodePoint(cp).toUpperCase();
  return s.length <= 2 ? s.codePointAt(0)! : cp;
}
