import type { Expression, Loc, Node } from "./ast.ts";
import { budgetError, ExpressionError, typeError } from "./errors.ts";
import type { CallContext } from "./functions.ts";
import { FUNCTIONS } from "./functions.ts";
import { parseExpression } from "./parser.ts";
import type { JsonValue } from "./values.ts";
import { asJson, deepEqual, getOwn, toText, truthy, typeName } from "./values.ts";

/** Names visible to an expression. Values must be plain JSON data. */
export interface Scope {
  state?: unknown;
  /** The current item inside a list, table or tree-view. */
  item?: unknown;
  /** The current item's position inside a list, table or tree-view. */
  index?: unknown;
  /** The gesture or input event that triggered an action. */
  event?: unknown;
  /** The params of the command being built. */
  params?: unknown;
}

export interface EvalOptions {
  /** Steps allowed (one per AST node visited, plus per item copied or compared). Default 10,000. */
  budget?: number;
  /** Shared step counter, so several expressions (a template) draw on one budget. */
  meter?: { used: number };
}

export type EvalResult = { ok: true; value: JsonValue } | { ok: false; error: ExpressionError };

export const DEFAULT_BUDGET = 10_000;

/**
 * Evaluates an expression (source text or a parsed Expression) against a scope.
 * Never throws for bad input: syntax, type and budget failures come back as `{ok:false, error}`.
 *
 * @example evaluate("len(state.nodes) + 1", { state: { nodes: [1, 2] } }) // {ok:true, value:3}
 */
export function evaluate(expr: Expression | string, scope: Scope, options: EvalOptions = {}): EvalResult {
  let expression: Expression;
  if (typeof expr === "string") {
    const parsed = parseExpression(expr);
    if (!parsed.ok) return parsed;
    expression = parsed.expression;
  } else {
    expression = expr;
  }
  const budget = options.budget ?? DEFAULT_BUDGET;
  const meter = options.meter ?? { used: 0 };
  const ev = new Evaluator(expression.source, scope, budget, meter);
  try {
    return { ok: true, value: ev.run(expression.ast) };
  } catch (error) {
    if (error instanceof ExpressionError) return { ok: false, error };
    if (error instanceof RangeError) return { ok: false, error: budgetError(expression.source, expression.ast.loc, budget) };
    throw error;
  }
}

class Evaluator {
  constructor(
    readonly source: string,
    readonly scope: Scope,
    readonly budget: number,
    readonly meter: { used: number },
  ) {}

  #at: Loc = { offset: 0, length: 0 };
  readonly charge = (n: number): void => {
    this.meter.used += n;
    if (this.meter.used > this.budget) throw budgetError(this.source, this.#at, this.budget);
  };

  #fail(loc: Loc, message: string): never {
    throw typeError(this.source, loc, message);
  }

  run(node: Node): JsonValue {
    this.#at = node.loc;
    this.charge(1);
    switch (node.kind) {
      case "literal":
        return node.value;
      case "array":
        return node.items.map((n) => this.run(n));
      case "root":
        return Object.hasOwn(this.scope, node.name) ? asJson(this.scope[node.name]) : null;
      case "member":
        return getOwn(this.run(node.object), node.name);
      case "index": {
        const object = this.run(node.object);
        const key = this.run(node.index);
        if (typeof key !== "number" && typeof key !== "string") this.#fail(node.index.loc, `an index must be a number or string, got ${typeName(key)}`);
        return getOwn(object, key);
      }
      case "unary": {
        const v = this.run(node.operand);
        if (node.op === "not") return !truthy(v);
        if (typeof v !== "number") this.#fail(node.loc, `cannot negate ${typeName(v)}`);
        return -v;
      }
      case "logical": {
        const left = truthy(this.run(node.left));
        if (node.op === "and") return left ? truthy(this.run(node.right)) : false;
        return left ? true : truthy(this.run(node.right));
      }
      case "binary":
        return this.#binary(node.op, this.run(node.left), this.run(node.right), node.loc);
      case "call":
        return this.#call(node.name, node.args, node.loc);
    }
  }

  #binary(op: string, l: JsonValue, r: JsonValue, loc: Loc): JsonValue {
    switch (op) {
      case "==":
        return deepEqual(l, r, this.charge);
      case "!=":
        return !deepEqual(l, r, this.charge);
      case "<":
      case "<=":
      case ">":
      case ">=": {
        if (!((typeof l === "number" && typeof r === "number") || (typeof l === "string" && typeof r === "string"))) {
          this.#fail(loc, `cannot compare ${typeName(l)} with ${typeName(r)}`);
        }
        return op === "<" ? l < r : op === "<=" ? l <= r : op === ">" ? l > r : l >= r;
      }
      case "+": {
        if (typeof l === "string" || typeof r === "string") {
          const s = toText(l, this.charge) + toText(r, this.charge);
          this.charge(Math.ceil(s.length / 64));
          return s;
        }
        if (Array.isArray(l) && Array.isArray(r)) {
          this.charge(l.length + r.length);
          return [...l, ...r];
        }
        return this.#arith(op, l, r, loc);
      }
      default:
        return this.#arith(op, l, r, loc);
    }
  }

  #arith(op: string, l: JsonValue, r: JsonValue, loc: Loc): number {
    if (typeof l !== "number" || typeof r !== "number") {
      const verb = op === "+" ? "add" : op === "-" ? "subtract" : op === "*" ? "multiply" : "divide";
      return this.#fail(loc, `cannot ${verb} ${typeName(l)} and ${typeName(r)}`);
    }
    if ((op === "/" || op === "%") && r === 0) this.#fail(loc, "division by zero");
    const v = op === "+" ? l + r : op === "-" ? l - r : op === "*" ? l * r : op === "/" ? l / r : l % r;
    if (!Number.isFinite(v)) this.#fail(loc, "number out of range");
    return v;
  }

  #call(name: string, args: Node[], loc: Loc): JsonValue {
    const spec = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
    if (!spec) return this.#fail(loc, `unknown function "${name}()"`);
    if (name === "if") return truthy(this.run(args[0]!)) ? this.run(args[1]!) : this.run(args[2]!);
    if (name === "default" || name === "coalesce") {
      for (const arg of args) {
        const v = this.run(arg);
        if (v !== null) return v;
      }
      return null;
    }
    const values = args.map((a) => this.run(a));
    this.#at = loc;
    const cx: CallContext = { charge: this.charge, fail: (message) => this.#fail(loc, message) };
    const out = spec.call ? spec.call(values, cx) : null;
    return typeof out === "number" && !Number.isFinite(out) ? this.#fail(loc, "number out of range") : out;
  }
}
