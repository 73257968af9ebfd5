// `npm run conformance -- jq [file]`: runs a file in jq's test format (default: the shared jq.test)
// against lib/jq and prints failures per section, then a final line `N passed, M failed`.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { compile, run } from "../../lib/jq/index";
import type { JsonValue } from "../../lib/jq/index";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const file = resolve(root, process.argv[2] ?? "../shared/conformance/jq/jq.test");
const verbose = process.argv.includes("-v");

interface Test {
  line: number;
  section: string;
  program: string;
  fail?: { ignoreMsg: boolean; message: string };
  input?: string;
  expected?: string[];
}

function parseFile(text: string): Test[] {
  const lines = text.split(/\r?\n/);
  const tests: Test[] = [];
  let section = "(top)";
  let i = 0;
  while (i < lines.length) {
    const l = lines[i]!;
    if (l.trim() === "") {
      i++;
      continue;
    }
    if (l.startsWith("#")) {
      const t = l.replace(/^#+/, "").trim();
      if (t) section = t;
      i++;
      continue;
    }
    if (l.startsWith("%%FAIL")) {
      const ignoreMsg = l.includes("IGNORE MSG");
      const program = lines[i + 1] ?? "";
      const msg: string[] = [];
      i += 2;
      while (i < lines.length && lines[i]!.trim() !== "") msg.push(lines[i++]!);
      tests.push({ line: i, section, program, fail: { ignoreMsg, message: msg[0] ?? "" } });
      continue;
    }
    const start = i + 1;
    const program = l;
    const input = lines[i + 1] ?? "null";
    const expected: string[] = [];
    i += 2;
    while (i < lines.length && lines[i]!.trim() !== "") {
      if (!lines[i]!.startsWith("#")) expected.push(lines[i]!);
      i++;
    }
    tests.push({ line: start, section, program, input, expected });
  }
  return tests;
}

/** JSON.parse that also accepts jq's nan/NaN/Infinity literals and a leading byte order mark. */
function parseJsonLoose(text: string): JsonValue {
  const s = text.replace(/^\uFEFF/, "");
  let out = "";
  let inStr = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (inStr) {
      out += c;
      if (c === "\\") out += s[++i] ?? "";
      else if (c === '"') inStr = false;
      continue;
    }
    if (c === '"') {
      inStr = true;
      out += c;
      continue;
    }
    const m = /^(-?)(nan|NaN|Infinity)/.exec(s.slice(i));
    if (m) {
      out += m[2] === "Infinity" ? (m[1] ? "-1.7976931348623157e308" : "1.7976931348623157e308") : '"__jq_NaN__"';
      i += m[0].length - 1;
      continue;
    }
    out += c;
  }
  return normalize(JSON.parse(out, (_k, v: unknown) => (v === "__jq_NaN__" ? NaN : v)) as JsonValue);
}

function normalize(v: JsonValue): JsonValue {
  if (typeof v === "number") return v === Infinity ? Number.MAX_VALUE : v === -Infinity ? -Number.MAX_VALUE : v;
  if (Array.isArray(v)) return v.map(normalize);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalize(x)]));
  return v;
}

function same(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (typeof a === "number" && typeof b === "number") return a === b || (Number.isNaN(a) && Number.isNaN(b));
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]!));
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && same(a[k]!, b[k]!));
  }
  return false;
}

function core(msg: string): string {
  return msg.replace(/^jq: error: /, "").replace(/ at <top-level>, line \d+, column \d+:?$/, "").replace(/ at line \d+, column \d+$/, "").trim().toLowerCase();
}

function runTest(t: Test): string | null {
  const c = compile(t.program);
  if (t.fail) {
    if (c.ok) return "expected a compile error, got none";
    if (t.fail.ignoreMsg) return null;
    const exp = core(t.fail.message);
    const got = core(String(c.errors[0]!.value));
    if (exp === got || exp.includes(got) || got.includes(exp) || (exp.startsWith("syntax error") && got.startsWith("syntax error"))) return null;
    return `error message: expected ${JSON.stringify(exp)}, got ${JSON.stringify(got)}`;
  }
  if (!c.ok) return `compile error: ${c.errors.map((e) => e.message).join("; ")}`;
  let input: JsonValue;
  let expected: JsonValue[];
  try {
    input = parseJsonLoose(t.input!);
    expected = t.expected!.map(parseJsonLoose);
  } catch (e) {
    return `harness cannot parse test data: ${(e as Error).message}`;
  }
  const got: JsonValue[] = [];
  const start = Date.now();
  try {
    for (const v of run(c.query, input, { steps: 200_000_000, deadlineMs: 20_000, now: () => Date.now(), maxDepth: 2000 })) got.push(v);
  } catch (e) {
    const err = e as Error & { code?: string };
    if (got.length === expected.length && got.every((g, i) => same(g, expected[i]!)) && err.code === "runtime") return null;
    return `${err.code ?? "raw"} error after ${got.length} outputs: ${err.message}${err.code ? "" : " (raw exception!)"}`;
  }
  void start;
  if (got.length !== expected.length || !got.every((g, i) => same(g, expected[i]!))) {
    return `expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`;
  }
  return null;
}

const tests = parseFile(readFileSync(file, "utf8"));
let passed = 0;
let failed = 0;
const bySection = new Map<string, string[]>();
for (const t of tests) {
  let why: string | null;
  try {
    why = runTest(t);
  } catch (e) {
    why = `raw exception: ${(e as Error).stack ?? String(e)}`;
  }
  if (why === null) passed++;
  else {
    failed++;
    const list = bySection.get(t.section) ?? [];
    list.push(`  line ${t.line}: ${t.program}\n    ${why.length > 300 && !verbose ? why.slice(0, 300) + "..." : why}`);
    bySection.set(t.section, list);
  }
}
for (const [section, fails] of bySection) {
  console.log(`# ${section} (${fails.length} failed)`);
  for (const f of fails) console.log(f);
}
console.log(`${passed} passed, ${failed} failed`);
