import type { Binding, Expr, File, FnInfo, Param, Span, Stmt } from "./ast.ts";
import type { StarlarkError } from "./errors.ts";
import { resolveError } from "./errors.ts";
import { nearest } from "./spell.ts";

/** Dialect switches (names follow starlark-go's test options). */
export interface DialectOptions {
  /** enable the `set` builtin */
  set?: boolean;
  /** allow rebinding a global at top level */
  globalreassign?: boolean;
  /** `load` binds module globals rather than file-local names */
  loadbindsglobally?: boolean;
  /** allow recursive calls */
  recursion?: boolean;
}

export interface ResolvedModule {
  file: File;
  top: FnInfo;
  globals: string[];
}

type Block = Map<string, Binding>;

class Scope {
  blocks: Block[] = [];
  freeByName = new Map<string, Binding>();
  loopDepth = 0;
  constructor(
    readonly info: FnInfo,
    readonly parent: Scope | null,
  ) {}
  newLocal(): number {
    return this.info.numLocals++;
  }
}

function newInfo(name: string): FnInfo {
  return { name, numLocals: 0, cells: [], freevars: [], paramSlots: [], hasVarargs: false, hasKwargs: false, numPositional: 0, paramNames: [] };
}

/**
 * Resolves names in a parsed file, annotating identifiers with bindings.
 * Returns the errors found (empty on success).
 */
export function resolve(
  file: File,
  isPredeclared: (name: string) => boolean,
  isUniversal: (name: string) => boolean,
  opts: DialectOptions,
): { module: ResolvedModule; errors: StarlarkError[] } {
  const errors: StarlarkError[] = [];
  const err = (msg: string, at: Span): void => {
    errors.push(resolveError(msg, { file: file.file, line: at.line, col: at.col }));
  };
  const globals = new Map<string, Binding & { scope: "global" }>();
  const globalNames: string[] = [];
  const globalDecl = new Map<string, Span>();
  const top = new Scope(newInfo("<toplevel>"), null);
  top.blocks.push(new Map());

  // Pass 1: top-level bindings become globals.
  const bindGlobal = (name: string, at: Span, isLoad: boolean): Binding => {
    let b = globals.get(name);
    if (b) {
      if (!opts.globalreassign) err(`cannot reassign ${b.local ? "local" : "global"} ${name} declared at ${file.file}:${globalDecl.get(name)!.line}:${globalDecl.get(name)!.col}`, at);
      return b;
    }
    b = { scope: "global", index: globalNames.length, local: isLoad && !opts.loadbindsglobally };
    globals.set(name, b);
    globalDecl.set(name, at);
    globalNames.push(name);
    return b;
  };

  const collectTargets = (x: Expr, out: { name: string; at: Span }[]): void => {
    switch (x.t) {
      case "ident": out.push({ name: x.name, at: x }); return;
      case "paren": collectTargets(x.x, out); return;
      case "tuple":
      case "list": for (const e of x.items) collectTargets(e, out); return;
      default: return;
    }
  };

  const collectTop = (stmts: Stmt[]): void => {
    for (const s of stmts) {
      switch (s.t) {
        case "assign": {
          const ts: { name: string; at: Span }[] = [];
          collectTargets(s.lhs, ts);
          for (const t of ts) bindGlobal(t.name, t.at, false);
          break;
        }
        case "def": s.b = bindGlobal(s.name, s, false); break;
        case "for": {
          const ts: { name: string; at: Span }[] = [];
          collectTargets(s.vars, ts);
          for (const t of ts) bindGlobal(t.name, t.at, false);
          collectTop(s.body);
          break;
        }
        case "if": collectTop(s.body); collectTop(s.orelse); break;
        case "while": collectTop(s.body); break;
        case "load": for (const n of s.names) n.b = bindGlobal(n.local, n.span, true); break;
        default: break;
      }
    }
  };
  collectTop(file.stmts);

  // Pass 2: resolve uses.
  const lookup = (sc: Scope, name: string): Binding | undefined => {
    for (let i = sc.blocks.length - 1; i >= 0; i--) {
      const b = sc.blocks[i]!.get(name);
      if (b) return b;
    }
    if (sc.parent === null) return undefined;
    const fb = sc.freeByName.get(name);
    if (fb) return fb;
    const outer = lookup(sc.parent, name);
    if (!outer) return undefined;
    if (outer.scope === "local" || outer.scope === "cell" || outer.scope === "free") {
      if (outer.scope === "local") {
        (outer as { scope: string }).scope = "cell";
        sc.parent.info.cells.push(outer.index);
      }
      const b: Binding = { scope: "free", index: sc.info.freevars.length };
      sc.info.freevars.push(outer);
      sc.freeByName.set(name, b);
      return b;
    }
    return outer;
  };

  const use = (sc: Scope, id: Expr & { t: "ident" }): void => {
    const b = lookup(sc, id.name);
    if (b) {
      id.b = b;
      return;
    }
    const g = globals.get(id.name);
    if (g) {
      id.b = g;
      return;
    }
    if (isPredeclared(id.name)) {
      id.b = { scope: "predeclared", name: id.name };
      return;
    }
    if (isUniversal(id.name) && (id.name !== "set" || opts.set !== false)) {
      id.b = { scope: "universal", name: id.name };
      return;
    }
    const cands = [...globals.keys()];
    for (let s: Scope | null = sc; s; s = s.parent) for (const b of s.blocks) cands.push(...b.keys());
    const hint = nearest(id.name, cands);
    err(`undefined: ${id.name}${hint ? ` (did you mean ${hint}?)` : ""}`, id);
    id.b = { scope: "universal", name: id.name };
  };

  const expr = (sc: Scope, x: Expr): void => {
    switch (x.t) {
      case "ident": use(sc, x); return;
      case "lit": return;
      case "list":
      case "tuple": for (const e of x.items) expr(sc, e); return;
      case "dict": for (const e of x.entries) { expr(sc, e.key); expr(sc, e.value); } return;
      case "paren": expr(sc, x.x); return;
      case "unary": expr(sc, x.x); return;
      case "binary": expr(sc, x.x); expr(sc, x.y); return;
      case "cond": expr(sc, x.cond); expr(sc, x.a); expr(sc, x.b); return;
      case "dot": expr(sc, x.x); return;
      case "index": expr(sc, x.x); expr(sc, x.y); return;
      case "slice": expr(sc, x.x); if (x.lo) expr(sc, x.lo); if (x.hi) expr(sc, x.hi); if (x.step) expr(sc, x.step); return;
      case "call": {
        expr(sc, x.fn);
        const seen = new Set<string>();
        let sawKw = false;
        let sawStar = false;
        let sawStarStar = false;
        for (const a of x.args) {
          if (a.t === "pos") {
            if (sawStarStar) err("positional argument may not follow **kwargs", a);
            else if (sawStar) err("positional argument may not follow *args", a);
            else if (sawKw) err("positional argument may not follow named", a);
          } else if (a.t === "kw") {
            if (sawStarStar) err("keyword argument may not follow **kwargs", a);
            if (seen.has(a.name)) err(`keyword argument ${a.name} repeated`, a);
            seen.add(a.name);
            sawKw = true;
          } else if (a.t === "star") {
            if (sawStarStar) err("*args may not follow **kwargs", a);
            else if (sawStar) err("multiple *args not allowed", a);
            sawStar = true;
          } else {
            if (sawStarStar) err("multiple **kwargs not allowed", a);
            sawStarStar = true;
          }
          expr(sc, a.x);
        }
        return;
      }
      case "lambda": x.fn = func(sc, "lambda", x.params, null, x.body, x); return;
      case "comp": {
        // the first iterable is resolved in the enclosing block
        const first = x.clauses[0] as { t: "for"; iter: Expr };
        expr(sc, first.iter);
        const block: Block = new Map();
        for (const c of x.clauses) {
          if (c.t !== "for") continue;
          const ts: { name: string; at: Span }[] = [];
          collectTargets(c.vars, ts);
          for (const t of ts) if (!block.has(t.name)) block.set(t.name, { scope: "local", index: sc.newLocal() });
        }
        sc.blocks.push(block);
        x.clauses.forEach((c, i) => {
          if (c.t === "for") {
            if (i > 0) expr(sc, c.iter);
            target(sc, c.vars);
          } else expr(sc, c.cond);
        });
        expr(sc, x.body);
        if (x.value) expr(sc, x.value);
        sc.blocks.pop();
        return;
      }
    }
  };

  const target = (sc: Scope, x: Expr): void => {
    switch (x.t) {
      case "ident": use(sc, x); return;
      case "paren": target(sc, x.x); return;
      case "tuple":
      case "list": for (const e of x.items) target(sc, e); return;
      case "index": expr(sc, x.x); expr(sc, x.y); return;
      case "dot": expr(sc, x.x); return;
      default: err(`cannot assign to ${x.t === "lit" ? "literal" : x.t + " expression"}`, x);
    }
  };

  const stmts = (sc: Scope, list: Stmt[]): void => {
    for (const s of list) stmt(sc, s);
  };

  const stmt = (sc: Scope, s: Stmt): void => {
    switch (s.t) {
      case "expr": expr(sc, s.x); return;
      case "assign":
        expr(sc, s.rhs);
        if (s.op !== "=" && s.lhs.t !== "ident" && s.lhs.t !== "index" && s.lhs.t !== "dot" && s.lhs.t !== "paren") {
          err(`cannot use ${s.op} with ${s.lhs.t} expression`, s.lhs);
        }
        target(sc, s.lhs);
        return;
      case "def": {
        s.fn = func(sc, s.name, s.params, s.body, null, s);
        if (sc.parent === null && sc.blocks.length === 1) return; // global binding from pass 1
        s.b = lookup(sc, s.name);
        return;
      }
      case "if": expr(sc, s.cond); stmts(sc, s.body); stmts(sc, s.orelse); return;
      case "for":
        expr(sc, s.iter);
        target(sc, s.vars);
        sc.loopDepth++;
        stmts(sc, s.body);
        sc.loopDepth--;
        return;
      case "while":
        expr(sc, s.cond);
        sc.loopDepth++;
        stmts(sc, s.body);
        sc.loopDepth--;
        return;
      case "return":
        if (sc.parent === null) err("return statement not within a function", s);
        if (s.x) expr(sc, s.x);
        return;
      case "break":
      case "continue":
        if (sc.loopDepth === 0) err(`${s.t} not in a loop`, s);
        return;
      case "pass": return;
      case "load":
        if (sc.parent !== null) err("load statement within a function", s);
        for (const n of s.names) {
          if (n.orig.startsWith("_")) err(`load: names with leading underscores are not exported: ${n.orig}`, n.span);
        }
        return;
    }
  };

  const collectLocals = (list: Stmt[], block: Block, sc: Scope): void => {
    const bind = (name: string): void => {
      if (!block.has(name)) block.set(name, { scope: "local", index: sc.newLocal() });
    };
    for (const s of list) {
      switch (s.t) {
        case "assign": {
          const ts: { name: string; at: Span }[] = [];
          collectTargets(s.lhs, ts);
          for (const t of ts) bind(t.name);
          break;
        }
        case "def": bind(s.name); break;
        case "for": {
          const ts: { name: string; at: Span }[] = [];
          collectTargets(s.vars, ts);
          for (const t of ts) bind(t.name);
          collectLocals(s.body, block, sc);
          break;
        }
        case "if": collectLocals(s.body, block, sc); collectLocals(s.orelse, block, sc); break;
        case "while": collectLocals(s.body, block, sc); break;
        default: break;
      }
    }
  };

  const func = (parent: Scope, name: string, params: Param[], body: Stmt[] | null, lambdaBody: Expr | null, _at: Span): FnInfo => {
    // defaults are evaluated in the enclosing scope
    for (const p of params) if (p.t === "plain" && p.dflt) expr(parent, p.dflt);
    const sc = new Scope(newInfo(name), parent);
    const block: Block = new Map();
    sc.blocks.push(block);
    const info = sc.info;
    let sawStar = false;
    let sawOptional = false;
    const seenNames = new Set<string>();
    for (let i = 0; i < params.length; i++) {
      const p = params[i]!;
      const nm = p.name;
      if (nm !== null && seenNames.has(nm)) err(`duplicate parameter: ${nm}`, p);
      if (nm !== null) seenNames.add(nm);
      if (p.t === "starstar") {
        if (i !== params.length - 1) err("** parameter must be last", p);
        info.hasKwargs = true;
      } else if (p.t === "star") {
        if (sawStar) err("multiple * parameters not allowed", p);
        sawStar = true;
        if (p.name !== null) info.hasVarargs = true;
        else if (i === params.length - 1 || params[i + 1]!.t === "starstar") err("bare * must be followed by keyword-only parameters", p);
      } else {
        if (info.hasKwargs) err("parameter may not follow **kwargs", p);
        if (!sawStar) {
          if (p.dflt) sawOptional = true;
          else if (sawOptional) err("required parameter may not follow optional", p);
          info.numPositional++;
        }
      }
    }
    // slot order: positional/kw-only named params, then *args, then **kwargs
    for (const p of params) {
      if (p.t === "plain" && !block.has(p.name)) {
        const slot = sc.newLocal();
        block.set(p.name, { scope: "local", index: slot });
        info.paramSlots.push(slot);
        info.paramNames.push(p.name);
      }
    }
    for (const p of params) {
      if ((p.t === "star" && p.name !== null) || p.t === "starstar") {
        if (block.has(p.name!)) continue;
        const slot = sc.newLocal();
        block.set(p.name!, { scope: "local", index: slot });
        info.paramSlots.push(slot);
      }
    }
    if (body) {
      collectLocals(body, block, sc);
      stmts(sc, body);
    } else if (lambdaBody) {
      expr(sc, lambdaBody);
    }
    return info;
  };

  stmts(top, file.stmts);
  return { module: { file, top: top.info, globals: globalNames }, errors };
}
