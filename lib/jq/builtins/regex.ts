import { runtimeError } from "../errors";
import type { Interp } from "../interp";
import { compileRegex, Matcher } from "../regex/vm";
import type { Regex } from "../regex/vm";
import { describe, newObject } from "../values";
import type { JqObject, Value } from "../values";
import { cartesian, gen, raw } from "./define";
import type { NativeTable } from "./define";

const cache = new Map<string, Regex>();

interface Flags {
  global: boolean;
  noEmpty: boolean;
  icase: boolean;
  extended: boolean;
}

function parseFlags(f: Value): Flags {
  if (f !== null && typeof f !== "string") throw runtimeError(`${describe(f)} is not a string`);
  const flags: Flags = { global: false, noEmpty: false, icase: false, extended: false };
  for (const c of f ?? "") {
    if (c === "g") flags.global = true;
    else if (c === "n") flags.noEmpty = true;
    else if (c === "i") flags.icase = true;
    else if (c === "x") flags.extended = true;
    else if (!"slp".includes(c)) throw runtimeError(`${f} is not a valid modifier string`);
  }
  return flags;
}

function getRegex(src: string, flags: Flags): Regex {
  const key = `${flags.icase ? "i" : ""}${flags.extended ? "x" : ""}/${src}`;
  let re = cache.get(key);
  if (!re) {
    re = compileRegex(src, flags.icase, flags.extended);
    if (cache.size > 256) cache.clear();
    cache.set(key, re);
  }
  return re;
}

/** All match objects of `re` in `input` (only the first unless the `g` flag is set). */
export function matches(it: Interp, input: Value, re: Value, flagsV: Value, testOnly = false): JqObject[] {
  if (typeof input !== "string") throw runtimeError(`${describe(input)} cannot be matched, as it is not a string`);
  if (typeof re !== "string") throw runtimeError(`${describe(re)} cannot be matched, as it is not a string`);
  const flags = parseFlags(flagsV);
  const regex = getRegex(re, flags);
  const cps = Array.from(input, (c) => c.codePointAt(0)!);
  const m = new Matcher(regex, cps, (n) => it.meter.tick(n));
  const out: JqObject[] = [];
  let start = 0;
  while (start <= cps.length) {
    const r = m.exec(start);
    if (!r) break;
    const [s, e] = r.caps as [number, number];
    if (!(flags.noEmpty && s === e)) {
      out.push(matchObject(cps, r.caps, regex));
      if (testOnly) return out;
    }
    if (!flags.global) break;
    start = e === s ? e + 1 : e;
  }
  return out;
}

function str(cps: number[], a: number, b: number): string {
  let s = "";
  for (let i = a; i < b; i++) s += String.fromCodePoint(cps[i]!);
  return s;
}

function matchObject(cps: number[], caps: number[], re: Regex): JqObject {
  const o = newObject();
  o["offset"] = caps[0]!;
  o["length"] = caps[1]! - caps[0]!;
  o["string"] = str(cps, caps[0]!, caps[1]!);
  const captures: Value[] = [];
  for (let g = 1; g <= re.groups; g++) {
    const c = newObject();
    const a = caps[g * 2]!;
    const b = caps[g * 2 + 1]!;
    const set = a >= 0 && b >= 0;
    c["offset"] = set ? a : -1;
    c["length"] = set ? b - a : 0;
    c["string"] = set ? str(cps, a, b) : null;
    c["name"] = re.names[g] ?? null;
    captures.push(c);
  }
  o["captures"] = captures;
  return o;
}

function captureObject(m: JqObject): JqObject {
  const o = newObject();
  for (const c of m["captures"] as JqObject[]) {
    if (c["name"] !== null) o[c["name"] as string] = c["string"]!;
  }
  return o;
}

/** Splits `(re)` or `([re, flags])` arguments. */
function reArgs(re: Value, flags: Value | undefined): [Value, Value] {
  if (flags !== undefined) return [re, flags];
  if (Array.isArray(re)) {
    if (re.length > 1) return [re[0]!, re[1]!];
    if (re.length > 0) return [re[0]!, null];
  }
  if (typeof re !== "string") throw runtimeError(`${describe(re).split(" ")[0]} not a string or array`);
  return [re, null];
}

function splitByRegex(it: Interp, input: Value, re: Value, flags: Value): Value[] {
  const ms = matches(it, input, re, "g" + (typeof flags === "string" ? flags : ""));
  const s = input as string;
  const cps = Array.from(s);
  const out: Value[] = [];
  let prev = 0;
  for (const m of ms) {
    const off = m["offset"] as number;
    out.push(cps.slice(prev, off).join(""));
    prev = off + (m["length"] as number);
  }
  out.push(cps.slice(prev).join(""));
  return out;
}

export function registerRegex(t: NativeTable): void {
  for (const arity of [1, 2]) {
    gen(t, "match", arity, (it, input, re, fl) => matches(it, input, ...reArgs(re!, fl)));
    gen(t, "test", arity, (it, input, re, fl) => [matches(it, input, ...reArgs(re!, fl), true).length > 0]);
    gen(t, "capture", arity, (it, input, re, fl) => matches(it, input, ...reArgs(re!, fl)).map(captureObject));
    gen(t, "scan", arity, (it, input, re, fl) => {
      const [r, f] = reArgs(re!, fl);
      return matches(it, input, r, "g" + (typeof f === "string" ? f : "")).map((m) => {
        const caps = m["captures"] as JqObject[];
        return caps.length ? caps.map((c) => c["string"]!) : m["string"]!;
      });
    });
    gen(t, "splits", arity, (it, input, re, fl) => splitByRegex(it, input, re!, fl ?? null));
  }
  gen(t, "split", 2, (it, input, re, fl) => [splitByRegex(it, input, re!, fl!)]);
  for (const [name, global] of [["sub", false], ["gsub", true]] as const) {
    for (const arity of [2, 3]) {
      raw(t, name, arity, function* (it, args, input, env) {
        const reArgsNodes = arity === 3 ? [args[0]!, args[2]!] : [args[0]!];
        for (const vals of cartesian(it, reArgsNodes, input, env)) {
          const flags = (global ? "g" : "") + (typeof vals[1] === "string" ? vals[1] : "");
          yield* substitute(it, input, vals[0]!, flags, args[1]!, env);
        }
      });
    }
  }
}

function* substitute(it: Interp, input: Value, re: Value, flags: string, repl: Parameters<Interp["eval"]>[0], env: Parameters<Interp["eval"]>[2]): Generator<Value, void, undefined> {
  const ms = matches(it, input, re, flags);
  const cps = Array.from(input as string);
  let results: string[] = [""];
  let prev = 0;
  for (const m of ms) {
    const off = m["offset"] as number;
    const gap = cps.slice(prev, off).join("");
    const reps: string[] = [];
    for (const r of it.eval(repl, captureObject(m), env)) {
      if (typeof r !== "string") throw runtimeError(`${describe(r)} cannot be added to a string`);
      reps.push(r);
    }
    const next: string[] = [];
    for (const acc of results) for (const r of reps) next.push(acc + gap + r);
    it.meter.tick(next.length);
    results = next;
    prev = off + (m["length"] as number);
  }
  const tail = cps.slice(prev).join("");
  for (const r of results) yield r + tail;
}
