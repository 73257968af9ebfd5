import type { Node, Pattern } from "./ast";
import { compileError } from "./errors";
import type { JqError } from "./errors";
import type { Library } from "./interp";
import { describe } from "./values";
import type { Value } from "./values";

interface Scope {
  vars: Set<string>;
  funcs: Set<string>;
  labels: Set<string>;
}

const GLOBAL_VARS = new Set(["ENV", "__prog_args", "__loc__"]);

/** Static checks: undefined variables, functions and labels, and constant non-string object keys. */
export function check(root: Node, lib: Library): JqError[] {
  const errors: JqError[] = [];
  const fail = (msg: string, n: { span: Node["span"] }): void => {
    errors.push(compileError(msg, n.span.pos));
  };
  const hasFunc = (key: string, s: Scope): boolean => s.funcs.has(key) || lib.prelude.has(key) || lib.natives.has(key);

  const constKey = (k: Node): void => {
    if (k.kind === "literal" && typeof k.value !== "string") fail(`Cannot use ${describe(k.value as Value)} as object key`, k);
  };

  const patternVars = (p: Pattern, s: Scope, out: Set<string>): void => {
    if (p.kind === "pvar") out.add(p.name);
    else if (p.kind === "parray") p.elems.forEach((e) => patternVars(e, s, out));
    else
      for (const e of p.entries) {
        if (e.keyVar === undefined) {
          constKey(e.key);
          walk(e.key, { ...s, vars: new Set([...s.vars, ...out]) });
        }
        if (e.keyVar !== undefined) out.add(e.keyVar);
        if (e.value) patternVars(e.value, s, out);
      }
  };

  const bindPatterns = (ps: Pattern[], s: Scope): Scope => {
    const vars = new Set<string>();
    for (const p of ps) patternVars(p, s, vars);
    return { ...s, vars: new Set([...s.vars, ...vars]) };
  };

  const walk = (n: Node, s: Scope): void => {
    switch (n.kind) {
      case "identity": case "recurse": case "literal": case "format": case "loc":
        return;
      case "str":
        for (const p of n.parts) if (typeof p !== "string") walk(p, s);
        return;
      case "index":
        walk(n.target, s);
        walk(n.index, s);
        return;
      case "slice":
        walk(n.target, s);
        if (n.from) walk(n.from, s);
        if (n.to) walk(n.to, s);
        return;
      case "iterate":
        walk(n.target, s);
        return;
      case "try":
        walk(n.body, s);
        if (n.handler) walk(n.handler, s);
        return;
      case "pipe": case "comma": case "and": case "or": case "alt": case "binop":
        walk(n.left, s);
        walk(n.right, s);
        return;
      case "neg":
        walk(n.operand, s);
        return;
      case "assign":
        walk(n.lhs, s);
        walk(n.rhs, s);
        return;
      case "if":
        walk(n.cond, s);
        walk(n.then, s);
        if (n.else) walk(n.else, s);
        return;
      case "reduce":
      case "foreach": {
        walk(n.source, s);
        walk(n.init, s);
        const inner = bindPatterns(n.patterns, s);
        walk(n.update, inner);
        if (n.kind === "foreach" && n.extract) walk(n.extract, inner);
        return;
      }
      case "as":
        walk(n.source, s);
        walk(n.body, bindPatterns(n.patterns, s));
        return;
      case "def": {
        const key = `${n.def.name}/${n.def.params.length}`;
        const withSelf: Scope = { ...s, funcs: new Set([...s.funcs, key]) };
        const body: Scope = { vars: new Set(s.vars), funcs: new Set(withSelf.funcs), labels: new Set(s.labels) };
        for (const p of n.def.params) {
          if (p.startsWith("$")) {
            body.vars.add(p.slice(1));
            body.funcs.add(`${p.slice(1)}/0`);
          } else body.funcs.add(`${p}/0`);
        }
        walk(n.def.body, body);
        walk(n.rest, withSelf);
        return;
      }
      case "call":
        if (!hasFunc(`${n.name}/${n.args.length}`, s)) fail(`${n.name}/${n.args.length} is not defined`, n);
        else if (!s.funcs.has(`${n.name}/${n.args.length}`)) n.global = true;
        for (const a of n.args) walk(a, s);
        return;
      case "var":
        if (!s.vars.has(n.name) && !GLOBAL_VARS.has(n.name)) fail(`$${n.name} is not defined`, n);
        return;
      case "array":
        if (n.body) walk(n.body, s);
        return;
      case "object":
        for (const e of n.entries) {
          constKey(e.key);
          walk(e.key, s);
          walk(e.value, s);
        }
        return;
      case "label":
        walk(n.body, { ...s, labels: new Set([...s.labels, n.name]) });
        return;
      case "break":
        if (!s.labels.has(n.name)) fail(`$*label-${n.name} is not defined`, n);
        return;
    }
  };
  walk(root, { vars: new Set(), funcs: new Set(), labels: new Set() });
  return errors;
}
