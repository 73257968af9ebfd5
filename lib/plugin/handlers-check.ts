import type { Param, Stmt } from "../starlark/ast.ts";
import { StarlarkError } from "../starlark/errors.ts";
import { parse } from "../starlark/parser.ts";
import { compileSource } from "../starlark/program.ts";
import { encodeUtf8 } from "../starlark/values/utf8.ts";
import type { Value } from "../starlark/values/value.ts";
import { SModule } from "../starlark/values/value.ts";

/** A fault in handlers.star at a 1-based line and column (0:0 when it has no place in the file). */
export interface HandlerProblem {
  line: number;
  col: number;
  message: string;
}

/** Names the host predeclares for handlers.star (see lib/plugin/README.md). */
export const HANDLER_PREDECLARED = ["math"] as const;

/** The parameters every command handler takes, in order. */
export const HANDLER_PARAMS = ["state", "params", "ctx"] as const;

export const HANDLERS_FILE = "handlers.star";

function describeParams(params: Param[]): string {
  return params.map((p) => (p.t === "plain" ? p.name : p.t === "star" ? `*${p.name ?? ""}` : `**${p.name}`)).join(", ");
}

function fromError(e: StarlarkError): HandlerProblem {
  return { line: e.pos?.line ?? 0, col: e.pos?.col ?? 0, message: e.message };
}

/**
 * Compiles handlers.star (syntax and name resolution, with the host's predeclared names) and checks
 * that every command's handler is a top-level `def name(state, params, ctx)`.
 * `commandHandlers` maps command name → handler function name.
 *
 * @example checkHandlers("def add(state, params, ctx):\n    return {}\n", { add_node: "add" }) // []
 */
export function checkHandlers(source: string, commandHandlers: Readonly<Record<string, string>>): HandlerProblem[] {
  const predeclared = new Map<string, Value>(HANDLER_PREDECLARED.map((n) => [n, new SModule(n, new Map())]));
  const compiled = compileSource(source, HANDLERS_FILE, { predeclared });
  if (!compiled.ok) return compiled.errors.map(fromError);

  let stmts: Stmt[];
  try {
    stmts = parse(encodeUtf8(source), HANDLERS_FILE).stmts;
  } catch (e) {
    return [e instanceof StarlarkError ? fromError(e) : { line: 0, col: 0, message: String(e) }];
  }
  const defs = new Map<string, Extract<Stmt, { t: "def" }>>();
  const others = new Map<string, { line: number; col: number }>();
  for (const s of stmts) {
    if (s.t === "def") defs.set(s.name, s);
    else if (s.t === "assign" && s.lhs.t === "ident") others.set(s.lhs.name, s);
  }

  const out: HandlerProblem[] = [];
  const checked = new Set<string>();
  for (const [command, handler] of Object.entries(commandHandlers)) {
    if (checked.has(handler)) continue;
    checked.add(handler);
    const def = defs.get(handler);
    if (def === undefined) {
      const other = others.get(handler);
      out.push(
        other
          ? { ...other, message: `${handler} (handler of command ${command}) must be a function defined with def, not a value` }
          : { line: 0, col: 0, message: `no top-level function ${handler} for command ${command}: add "def ${handler}(state, params, ctx):"` },
      );
      continue;
    }
    const plain = def.params.every((p) => p.t === "plain" && p.dflt === null);
    if (!plain || def.params.length !== HANDLER_PARAMS.length) {
      out.push({ line: def.line, col: def.col, message: `handler ${handler} must take (${HANDLER_PARAMS.join(", ")}); it takes (${describeParams(def.params)})` });
    }
  }
  return out;
}
