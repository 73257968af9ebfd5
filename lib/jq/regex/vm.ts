import { runtimeError } from "../errors";
import { fold, isWord, parseRegex } from "./parse";
import type { RNode } from "./parse";

type Ins =
  | { op: "char"; cp: number; icase: boolean }
  | { op: "any"; dotall: boolean }
  | { op: "class"; test: (cp: number) => boolean }
  | { op: "split"; x: number; y: number }
  | { op: "jmp"; x: number }
  | { op: "save"; n: number }
  | { op: "assert"; kind: string }
  | { op: "backref"; n: number; icase: boolean }
  | { op: "look"; prog: Ins[]; negate: boolean; behind: boolean }
  | { op: "atomic"; prog: Ins[] }
  | { op: "mark"; r: number }
  | { op: "check"; r: number }
  | { op: "match" };

const MAX_PROGRAM = 50_000;
const MAX_BACKTRACK = 2_000_000;

/** A compiled regex: a backtracking VM program over code points, with every step metered. */
export interface Regex {
  prog: Ins[];
  groups: number;
  names: (string | null)[];
  slots: number;
}

function canBeEmpty(n: RNode): boolean {
  switch (n.t) {
    case "char": case "any": case "class": return false;
    case "seq": return n.items.every(canBeEmpty);
    case "alt": return n.alts.some(canBeEmpty);
    case "group": case "atomic": return canBeEmpty(n.body);
    case "repeat": return n.min === 0 || canBeEmpty(n.body);
    default: return true;
  }
}

class Compiler {
  regs = 0;
  constructor(readonly base: number) {}

  compile(n: RNode, out: Ins[]): void {
    if (out.length > MAX_PROGRAM) throw runtimeError("regex too large");
    switch (n.t) {
      case "char": out.push({ op: "char", cp: n.cp, icase: n.icase }); return;
      case "any": out.push({ op: "any", dotall: n.dotall }); return;
      case "class": out.push({ op: "class", test: n.test }); return;
      case "seq": for (const x of n.items) this.compile(x, out); return;
      case "alt": {
        const jumps: Ins[] = [];
        n.alts.forEach((a, i) => {
          if (i < n.alts.length - 1) {
            const split: Ins = { op: "split", x: out.length + 1, y: 0 };
            out.push(split);
            this.compile(a, out);
            const j: Ins = { op: "jmp", x: 0 };
            out.push(j);
            jumps.push(j);
            (split as { y: number }).y = out.length;
          } else this.compile(a, out);
        });
        for (const j of jumps) (j as { x: number }).x = out.length;
        return;
      }
      case "group":
        if (n.index === null) {
          this.compile(n.body, out);
          return;
        }
        out.push({ op: "save", n: n.index * 2 });
        this.compile(n.body, out);
        out.push({ op: "save", n: n.index * 2 + 1 });
        return;
      case "assert": out.push({ op: "assert", kind: n.kind }); return;
      case "backref": out.push({ op: "backref", n: n.index, icase: n.icase }); return;
      case "look": out.push({ op: "look", prog: this.sub(n.body), negate: n.negate, behind: n.behind }); return;
      case "atomic": out.push({ op: "atomic", prog: this.sub(n.body) }); return;
      case "repeat": {
        for (let i = 0; i < n.min; i++) this.compile(n.body, out);
        if (n.max === Infinity) {
          const empty = canBeEmpty(n.body);
          const r = empty ? this.base + this.regs++ : -1;
          const top = out.length;
          const split: Ins = { op: "split", x: 0, y: 0 };
          out.push(split);
          const bodyStart = out.length;
          if (empty) out.push({ op: "mark", r });
          this.compile(n.body, out);
          if (empty) out.push({ op: "check", r });
          out.push({ op: "jmp", x: top });
          const s = split as { x: number; y: number };
          [s.x, s.y] = n.greedy ? [bodyStart, out.length] : [out.length, bodyStart];
          return;
        }
        const splits: { x: number; y: number }[] = [];
        for (let i = n.min; i < n.max; i++) {
          const split = { op: "split" as const, x: 0, y: 0 };
          out.push(split);
          const bodyStart = out.length;
          this.compile(n.body, out);
          split.x = bodyStart;
          splits.push(split);
        }
        for (const s of splits) {
          const end = out.length;
          if (n.greedy) s.y = end;
          else [s.x, s.y] = [end, s.x];
        }
        return;
      }
    }
  }

  sub(n: RNode): Ins[] {
    const out: Ins[] = [];
    this.compile(n, out);
    out.push({ op: "match" });
    return out;
  }
}

/** Compiles a jq regex with the given flags (i, x handled here; g, n, s, l handled by the caller). */
export function compileRegex(src: string, icase: boolean, extended: boolean): Regex {
  const parsed = parseRegex(src, icase, extended);
  const base = (parsed.groups + 1) * 2;
  const c = new Compiler(base);
  const prog = c.sub(parsed.node);
  return { prog, groups: parsed.groups, names: parsed.names, slots: base + c.regs };
}

export interface MatchResult {
  caps: number[]; // caps[2i], caps[2i+1]: start/end of group i (-1 when unset)
}

/** Runs a regex over code points; `tick(n)` meters steps and may throw to stop. */
export class Matcher {
  steps = 0;
  constructor(readonly re: Regex, readonly s: number[], readonly tick: (n: number) => void) {}

  run(prog: Ins[], start: number, caps0: number[], mustEnd: number): number[] | null {
    const s = this.s;
    const len = s.length;
    const stack: { pc: number; pos: number; caps: number[] }[] = [];
    let pc = 0;
    let pos = start;
    let caps = caps0;
    for (;;) {
      if (++this.steps >= 1024) {
        this.tick(this.steps);
        this.steps = 0;
      }
      const ins = prog[pc]!;
      let ok = true;
      switch (ins.op) {
        case "char":
          if (pos < len && (ins.icase ? fold(s[pos]!) : s[pos]) === ins.cp) {
            pos++;
            pc++;
          } else ok = false;
          break;
        case "any":
          if (pos < len && (ins.dotall || s[pos] !== 10)) {
            pos++;
            pc++;
          } else ok = false;
          break;
        case "class":
          if (pos < len && ins.test(s[pos]!)) {
            pos++;
            pc++;
          } else ok = false;
          break;
        case "split":
          if (stack.length >= MAX_BACKTRACK) throw runtimeError("regex backtracking limit exceeded");
          stack.push({ pc: ins.y, pos, caps });
          pc = ins.x;
          break;
        case "jmp":
          pc = ins.x;
          break;
        case "save":
        case "mark":
          caps = caps.slice();
          caps[ins.op === "save" ? ins.n : ins.r] = pos;
          pc++;
          break;
        case "check":
          if (caps[ins.r] === pos) ok = false;
          else pc++;
          break;
        case "assert": {
          const k = ins.kind;
          const before = pos > 0 ? s[pos - 1]! : -1;
          const at = pos < len ? s[pos]! : -1;
          ok =
            k === "bol" ? pos === 0 || before === 10 :
            k === "eol" ? pos === len || at === 10 :
            k === "begin" ? pos === 0 :
            k === "end" ? pos === len :
            k === "endnl" ? pos === len || (pos === len - 1 && at === 10) :
            k === "word" ? (before >= 0 && isWord(before)) !== (at >= 0 && isWord(at)) :
            (before >= 0 && isWord(before)) === (at >= 0 && isWord(at));
          if (ok) pc++;
          break;
        }
        case "backref": {
          const a = caps[ins.n * 2]!;
          const b = caps[ins.n * 2 + 1]!;
          if (a < 0 || b < 0) {
            ok = false;
            break;
          }
          const n = b - a;
          if (pos + n > len) {
            ok = false;
            break;
          }
          for (let i = 0; i < n; i++) {
            const x = s[a + i]!;
            const y = s[pos + i]!;
            if (ins.icase ? fold(x) !== fold(y) : x !== y) {
              ok = false;
              break;
            }
          }
          if (ok) {
            pos += n;
            pc++;
          }
          break;
        }
        case "look": {
          let r: number[] | null = null;
          if (ins.behind) {
            for (let j = pos; j >= 0 && !r; j--) r = this.run(ins.prog, j, caps, pos);
          } else r = this.run(ins.prog, pos, caps, -1);
          if (ins.negate ? r !== null : r === null) ok = false;
          else {
            if (r && !ins.negate) caps = r.slice(0, -1);
            pc++;
          }
          break;
        }
        case "atomic": {
          const r = this.run(ins.prog, pos, caps, -1);
          if (!r) ok = false;
          else {
            pos = r[r.length - 1]!;
            caps = r.slice(0, -1);
            pc++;
          }
          break;
        }
        case "match":
          if (mustEnd >= 0 && pos !== mustEnd) {
            ok = false;
            break;
          }
          return [...caps, pos];
      }
      if (!ok) {
        const e = stack.pop();
        if (!e) return null;
        pc = e.pc;
        pos = e.pos;
        caps = e.caps;
      }
    }
  }

  /** Leftmost match starting at or after `from`. */
  exec(from: number): MatchResult | null {
    const init = new Array<number>(this.re.slots).fill(-1);
    const first = this.re.prog[0]!;
    for (let start = from; start <= this.s.length; start++) {
      if (first.op === "char" && !first.icase && this.s[start] !== first.cp) continue;
      const r = this.run(this.re.prog, start, init, -1);
      if (r) {
        const end = r.pop()!;
        r[0] = start;
        r[1] = end;
        return { caps: r };
      }
    }
    return null;
  }
}
