import { describe, expect, it } from "vitest";
import { evaluate } from "./evaluator.ts";

const state = {
  count: 3,
  name: "Ada",
  nodes: [
    { id: "n1", label: "one", tags: ["a"] },
    { id: "n2", label: "two", tags: [] },
  ],
  map: { k: 1, "with space": 2 },
  empty: null,
};

function value(src: string, scope: object = { state }) {
  const r = evaluate(src, scope);
  if (!r.ok) throw new Error(`${src}: ${r.error.message}`);
  return r.value;
}

function failure(src: string, scope: object = { state }) {
  const r = evaluate(src, scope);
  if (r.ok) throw new Error(`${src}: expected an error, got ${JSON.stringify(r.value)}`);
  return r.error;
}

describe("evaluate", () => {
  it("reads state paths, indexes and scopes", () => {
    expect(value("state.count")).toBe(3);
    expect(value("state.nodes[1].label")).toBe("two");
    expect(value("state.nodes[-1].id")).toBe("n2");
    expect(value('state.map["with space"]')).toBe(2);
    expect(value("item.id", { item: { id: "x" } })).toBe("x");
    expect(value("event.value + 1", { event: { value: 41 } })).toBe(42);
    expect(value("params.a", { params: { a: [1] } })).toEqual([1]);
    expect(value("index * 2", { index: 4 })).toBe(8);
  });

  it("yields null for missing paths instead of failing", () => {
    expect(value("state.nope.deeper[3]")).toBe(null);
    expect(value("item.x")).toBe(null);
    expect(value("state.nodes[9]")).toBe(null);
    expect(value("state.empty.x")).toBe(null);
  });

  it("does arithmetic, comparison, logic and concatenation", () => {
    expect(value("1 + 2 * 3 - 4 / 2")).toBe(5);
    expect(value("(1 + 2) * 3 % 4")).toBe(1);
    expect(value("-state.count")).toBe(-3);
    expect(value('"Hi " + state.name + "!"')).toBe("Hi Ada!");
    expect(value('"n=" + 2')).toBe("n=2");
    expect(value("state.count >= 3 and state.name == 'Ada'")).toBe(true);
    expect(value("not state.empty or false")).toBe(true);
    expect(value("state.count != 3 || !true")).toBe(false);
    expect(value("state.nodes[0].tags == ['a']")).toBe(true);
    expect(value("'b' > 'a'")).toBe(true);
    expect(value("[1, 2] + [3]")).toEqual([1, 2, 3]);
    expect(value("1.5e2")).toBe(150);
  });

  it("short-circuits and, or and if", () => {
    expect(value("false and 1 / 0")).toBe(false);
    expect(value("true or 1 / 0")).toBe(true);
    expect(value("if(state.count > 1, 'many', 1 / 0)")).toBe("many");
  });

  it("calls the allowed functions", () => {
    expect(value("len(state.nodes)")).toBe(2);
    expect(value("len(state.name) + len(state.map) + len(null)")).toBe(5);
    expect(value("str(state.count) + str(null) + str([1])")).toBe("3[1]");
    expect(value("num('12.5') + num(true)")).toBe(13.5);
    expect(value("num('x')")).toBe(null);
    expect(value("round(2.345, 2)")).toBe(2.35);
    expect(value("floor(2.7) + ceil(2.1) + abs(-1)")).toBe(6);
    expect(value("min(3, 1, 2)")).toBe(1);
    expect(value("max([4, 9, 2])")).toBe(9);
    expect(value("lower('AbC') + upper('x')")).toBe("abcX");
    expect(value("join(['a', 1, true], '-')")).toBe("a-1-true");
    expect(value("contains(state.name, 'd') and contains(['x'], 'x') and contains(state.map, 'k')")).toBe(true);
    expect(value("keys(state.map)")).toEqual(["k", "with space"]);
    expect(value("default(state.missing, 'none')")).toBe("none");
    expect(value("coalesce(null, state.empty, 0, 1)")).toBe(0);
    expect(value("format_number(1234567.891, 2)")).toBe("1,234,567.89");
    expect(value("format_number(-999)")).toBe("-999");
  });

  it("reports type errors with the position of the fault", () => {
    const e = failure("state.count + \n  state.nodes * 2");
    expect(e.code).toBe("type");
    expect(e.span).toMatchObject({ line: 2, col: 3 });
    expect(e.message).toContain("cannot multiply list and number");
    expect(failure("1 / 0").message).toContain("division by zero");
    expect(failure("len(5)").message).toContain("len() expects");
    expect(failure("1 < 'a'").message).toContain("cannot compare");
    expect(failure("state.nodes[null]").message).toContain("index must be");
  });

  it("treats prototype names as plain missing keys", () => {
    expect(value("state.__proto__")).toBe(null);
    expect(value("state.constructor")).toBe(null);
    expect(value("state.constructor.constructor")).toBe(null);
    expect(value('state["constructor"]["constructor"]("return 1")'.replace('("return 1")', ""))).toBe(null);
    expect(value("state.nodes.length")).toBe(null);
    expect(value("state.name.length")).toBe(null);
    expect(value("state.toString")).toBe(null);
    expect(value("contains(state.map, 'hasOwnProperty')")).toBe(false);
    const own = JSON.parse('{"__proto__": {"x": 1}}') as unknown;
    expect(value("state.__proto__.x", { state: own })).toBe(1);
  });

  it("hides non-JSON host values", () => {
    expect(value("state.f", { state: { f: () => 1 } })).toBe(null);
    expect(value("state.n", { state: { n: Number.NaN } })).toBe(null);
  });

  it("stops huge work with a budget error", () => {
    const big = Array.from({ length: 50_000 }, (_, i) => i);
    const e = failure("state.big == state.copy", { state: { big, copy: [...big] } });
    expect(e.code).toBe("budget");
    expect(failure("str(state.big)", { state: { big } }).code).toBe("budget");
    const r = evaluate("1 + 1 + 1", {}, { budget: 3 });
    expect(r.ok).toBe(false);
  });

  it("evaluates long operator chains without overflowing the stack", () => {
    const src = Array.from({ length: 1500 }, () => "1").join("+");
    expect(evaluate(src, {}).ok).toBe(true);
    expect(value(src.slice(0, 199))).toBe(100);
  });

  it("turns a stack overflow on absurdly deep data into a budget error", () => {
    let deep: unknown = [];
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const r = evaluate("str(state)", { state: deep }, { budget: 1e9 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe("budget");
  });

  it("survives cyclic host data", () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(failure("str(state)", { state: a }).code).toBe("budget");
  });
});
