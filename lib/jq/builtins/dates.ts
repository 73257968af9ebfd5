import { runtimeError } from "../errors";
import type { Value } from "../values";
import { fn } from "./define";
import type { NativeTable } from "./define";

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

type Tm = [number, number, number, number, number, number, number, number];

function gmtime(v: Value): Tm {
  if (typeof v !== "number") throw runtimeError("gmtime() requires a number");
  const d = new Date(Math.floor(v) * 1000);
  if (Number.isNaN(d.getTime())) throw runtimeError("gmtime() requires a valid time");
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  const yday = Math.floor((d.getTime() - start) / 86400000);
  return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds() + (v - Math.floor(v)), d.getUTCDay(), yday];
}

function toTm(v: Value, who: string): Tm {
  if (typeof v === "number") return gmtime(v);
  if (!Array.isArray(v) || v.some((x) => typeof x !== "number")) throw runtimeError(`${who} requires parsed datetime inputs`);
  const n = v as number[];
  const [y = 1900, mo = 0, d = 0, h = 0, mi = 0, s = 0] = n;
  const ms = Date.UTC(y, mo, d || 1, h, mi, Math.floor(s));
  const date = new Date(ms);
  const yday = Math.floor((ms - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86400000);
  return [y, mo, d, h, mi, s, n[6] ?? date.getUTCDay(), n[7] ?? yday];
}

function mktime(v: Value): number {
  if (!Array.isArray(v) || v.length < 1 || v.some((x) => typeof x !== "number")) throw runtimeError("mktime requires parsed datetime inputs");
  const [y = 1900, mo = 0, d = 1, h = 0, mi = 0, s = 0] = v as number[];
  return Math.floor(Date.UTC(y, mo, d, h, mi, Math.floor(s)) / 1000);
}

const p2 = (n: number): string => String(Math.floor(n)).padStart(2, "0");

function strftime(v: Value, fmt: Value, who: string): string {
  if (typeof fmt !== "string") throw runtimeError(`${who} requires a string format`);
  const tm = toTm(v, who);
  const [y, mo, d, h, mi, s, wd, yd] = tm;
  const epoch = Math.floor(Date.UTC(y, mo, d, h, mi, Math.floor(s)) / 1000);
  return fmt.replace(/%([a-zA-Z%])/g, (_m, c: string) => {
    switch (c) {
      case "Y": return String(y);
      case "C": return p2(y / 100);
      case "y": return p2(y % 100);
      case "m": return p2(mo + 1);
      case "d": return p2(d);
      case "e": return String(d).padStart(2, " ");
      case "H": return p2(h);
      case "I": return p2(h % 12 || 12);
      case "M": return p2(mi);
      case "S": return p2(s);
      case "j": return String(yd + 1).padStart(3, "0");
      case "Z": return "UTC";
      case "z": return "+0000";
      case "a": return DAYS[wd]!.slice(0, 3);
      case "A": return DAYS[wd]!;
      case "b": case "h": return MONTHS[mo]!.slice(0, 3);
      case "B": return MONTHS[mo]!;
      case "p": return h < 12 ? "AM" : "PM";
      case "c": return `${DAYS[wd]!.slice(0, 3)} ${MONTHS[mo]!.slice(0, 3)} ${String(d).padStart(2, " ")} ${p2(h)}:${p2(mi)}:${p2(s)} ${y}`;
      case "D": return `${p2(mo + 1)}/${p2(d)}/${p2(y % 100)}`;
      case "F": return `${y}-${p2(mo + 1)}-${p2(d)}`;
      case "T": return `${p2(h)}:${p2(mi)}:${p2(s)}`;
      case "R": return `${p2(h)}:${p2(mi)}`;
      case "s": return String(epoch);
      case "u": return String(wd || 7);
      case "w": return String(wd);
      case "n": return "\n";
      case "t": return "\t";
      case "%": return "%";
      default: return `%${c}`;
    }
  });
}

function strptime(v: Value, fmt: Value): Tm {
  if (typeof v !== "string") throw runtimeError(`strptime/1 requires string inputs and arguments`);
  if (typeof fmt !== "string") throw runtimeError(`strptime/1 requires string inputs and arguments`);
  let y = 1900, mo = 0, d = 1, h = 0, mi = 0, s = 0;
  let off = 0;
  let i = 0;
  const fail = (): never => {
    throw runtimeError(`date "${v}" does not match format "${fmt}"`);
  };
  const int = (max: number): number => {
    const m = /^[+-]?\d+/.exec(v.slice(i, i + max + (v[i] === "-" || v[i] === "+" ? 1 : 0)));
    if (!m) fail();
    i += m![0].length;
    return Number(m![0]);
  };
  const name = (list: string[]): number => {
    const rest = v.slice(i).toLowerCase();
    for (let k = 0; k < list.length; k++) {
      const full = list[k]!.toLowerCase();
      if (rest.startsWith(full)) {
        i += full.length;
        return k;
      }
      if (rest.startsWith(full.slice(0, 3))) {
        i += 3;
        return k;
      }
    }
    return fail();
  };
  for (let f = 0; f < fmt.length; f++) {
    const c = fmt[f]!;
    if (c !== "%") {
      if (c === " ") {
        while (v[i] === " ") i++;
      } else if (v[i++] !== c) fail();
      continue;
    }
    const k = fmt[++f];
    switch (k) {
      case "Y": y = int(4); break;
      case "m": mo = int(2) - 1; break;
      case "d": case "e": d = int(2); break;
      case "H": h = int(2); break;
      case "M": mi = int(2); break;
      case "S": s = int(2); break;
      case "y": { const yy = int(2); y = yy < 69 ? 2000 + yy : 1900 + yy; break; }
      case "j": { const j = int(3); mo = 0; d = j; break; }
      case "a": case "A": name(DAYS); break;
      case "b": case "B": case "h": mo = name(MONTHS); break;
      case "Z": while (i < v.length && /[A-Za-z]/.test(v[i]!)) i++; break;
      case "z": {
        const m = /^([+-])(\d\d):?(\d\d)|^Z/.exec(v.slice(i));
        if (!m) fail();
        i += m![0].length;
        if (m![1]) off = (m![1] === "-" ? -1 : 1) * (Number(m![2]) * 3600 + Number(m![3]) * 60);
        break;
      }
      case "T": h = int(2); if (v[i++] !== ":") fail(); mi = int(2); if (v[i++] !== ":") fail(); s = int(2); break;
      case "F": y = int(4); if (v[i++] !== "-") fail(); mo = int(2) - 1; if (v[i++] !== "-") fail(); d = int(2); break;
      case "s": { const e = int(20); const tm = gmtime(e); return tm; }
      case "%": if (v[i++] !== "%") fail(); break;
      default: fail();
    }
  }
  if (i !== v.length) fail();
  void off;
  return toTm([y, mo, d, h, mi, s], "strptime/1");
}

export function registerDates(t: NativeTable): void {
  fn(t, "gmtime", 0, gmtime);
  fn(t, "localtime", 0, gmtime);
  fn(t, "mktime", 0, mktime);
  fn(t, "strftime", 1, (v, f) => strftime(v, f, "strftime/1"));
  fn(t, "strflocaltime", 1, (v, f) => strftime(v, f, "strflocaltime/1"));
  fn(t, "strptime", 1, strptime);
}
