// str() and repr() of values.
import { SFunction } from "./function.ts";
import { formatFloat } from "./float.ts";
import { typeName } from "./ops-core.ts";
import { decodeRune } from "./utf8.ts";
import type { Value } from "./value.ts";
import { runtimeError } from "../errors.ts";
import { dictKey, SBuiltin, SBytes, SDict, SFloat, SHost, SList, SModule, SRange, SSet, SStringView, SStruct, STuple } from "./value.ts";

const PRINT_RE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

function hex2(n: number): string {
  return n.toString(16).padStart(2, "0");
}

/** Quotes a byte string like starlark-go (double quotes, Go escapes). */
export function quote(s: string, bytes = false): string {
  let out = bytes ? 'b"' : '"';
  for (let i = 0; i < s.length; ) {
    const b = s.charCodeAt(i);
    if (b < 0x80) {
      i++;
      switch (b) {
        case 34: out += '\\"'; continue;
        case 92: out += "\\\\"; continue;
        case 10: out += "\\n"; continue;
        case 9: out += "\\t"; continue;
        case 13: out += "\\r"; continue;
        case 7: out += "\\a"; continue;
        case 8: out += "\\b"; continue;
        case 12: out += "\\f"; continue;
        case 11: out += "\\v"; continue;
      }
      out += b < 0x20 || b === 0x7f ? "\\x" + hex2(b) : String.fromCharCode(b);
      continue;
    }
    const [c, w] = decodeRune(s, i);
    if (c === 0xfffd && w === 1) {
      out += "\\x" + hex2(b);
    } else if (PRINT_RE.test(String.fromCodePoint(c))) {
      out += s.slice(i, i + w);
    } else if (c < 0x10000) {
      out += "\\u" + c.toString(16).padStart(4, "0");
    } else {
      out += "\\U" + c.toString(16).padStart(8, "0");
    }
    i += w;
  }
  return out + '"';
}

/** Charges output size to a thread's allocation budget (or caps it when there is none). */
interface Sink {
  charge?: (n: number) => void;
}

const UNBUDGETED_LIMIT = 1 << 26;

/** Collects output pieces, charging their size as they are produced. */
class Out {
  private readonly parts: string[] = [];
  private n = 0;
  private charged = 0;
  constructor(private readonly sink: Sink | undefined) {}
  push(...xs: string[]): void {
    for (const x of xs) {
      this.parts.push(x);
      this.n += x.length;
    }
    if (this.n - this.charged > 4096) this.flush();
  }
  flush(): void {
    if (this.sink?.charge) this.sink.charge(this.n - this.charged);
    else if (this.n > UNBUDGETED_LIMIT) throw runtimeError("value too large to convert to string");
    this.charged = this.n;
  }
  text(): string {
    this.flush();
    return this.parts.join("");
  }
}

/** str(v): strings unquoted, everything else as repr. Pass a thread to charge the output. */
export function str(v: Value, th?: Sink): string {
  return typeof v === "string" ? v : repr(v, th);
}

/** repr(v). Pass a thread to charge the output to its allocation budget. */
export function repr(v: Value, th?: Sink): string {
  const out = new Out(th);
  write(out, v, []);
  return out.text();
}

function write(out: Out, v: Value, path: object[]): void {
  switch (typeof v) {
    case "string": out.push(quote(v)); return;
    case "number":
    case "bigint": out.push(String(v)); return;
    case "boolean": out.push(v ? "True" : "False"); return;
  }
  if (v === null) {
    out.push("None");
    return;
  }
  if (v instanceof SFloat) {
    out.push(formatFloat(v.v));
    return;
  }
  if (v instanceof SList || v instanceof STuple || v instanceof SDict || v instanceof SSet) {
    if (path.includes(v)) {
      out.push(v instanceof SList ? "[...]" : v instanceof SDict ? "{...}" : "(...)");
      return;
    }
    if (path.length > 200) {
      out.push("...");
      return;
    }
    path.push(v);
    if (v instanceof SDict) {
      out.push("{");
      let first = true;
      for (const [mk, x] of v.m) {
        if (!first) out.push(", ");
        first = false;
        write(out, dictKey(v, mk), path);
        out.push(": ");
        write(out, x, path);
      }
      out.push("}");
    } else if (v instanceof SSet) {
      out.push("set([");
      let first = true;
      for (const x of v.m.values()) {
        if (!first) out.push(", ");
        first = false;
        write(out, x, path);
      }
      out.push("])");
    } else {
      const isList = v instanceof SList;
      out.push(isList ? "[" : "(");
      const a = v.a;
      for (let i = 0; i < a.length; i++) {
        if (i > 0) out.push(", ");
        write(out, a[i]!, path);
      }
      if (!isList && a.length === 1) out.push(",");
      out.push(isList ? "]" : ")");
    }
    path.pop();
    return;
  }
  if (v instanceof SFunction) {
    out.push(`<function ${v.name}>`);
    return;
  }
  if (v instanceof SBuiltin) {
    out.push(v.recvType ? `<built-in method ${v.name} of ${v.recvType} value>` : `<built-in function ${v.name}>`);
    return;
  }
  if (v instanceof SRange) {
    out.push(v.step !== 1 ? `range(${v.start}, ${v.stop}, ${v.step})` : v.start !== 0 ? `range(${v.start}, ${v.stop})` : `range(${v.stop})`);
    return;
  }
  if (v instanceof SBytes) {
    out.push(quote(v.s, true));
    return;
  }
  if (v instanceof SModule) {
    out.push(`<module "${v.name}">`);
    return;
  }
  if (v instanceof SStruct) {
    out.push("struct(");
    let first = true;
    for (const [k, x] of [...v.fields].sort((p, q) => (p[0] < q[0] ? -1 : 1))) {
      if (!first) out.push(", ");
      first = false;
      out.push(k + " = ");
      write(out, x, path);
    }
    out.push(")");
    return;
  }
  if (v instanceof SStringView) {
    out.push(`${quote(v.s, v.bytes)}.${v.kind}()`);
    return;
  }
  if (v instanceof SHost) {
    out.push(v.repr());
    return;
  }
  out.push(`<${typeName(v)}>`);
}
