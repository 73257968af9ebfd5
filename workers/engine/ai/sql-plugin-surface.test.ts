import { describe, expect, it } from "vitest";
import { call, seedWorkspace, type Seeded } from "../../test/fixtures";
import { testPackage } from "../../test/plugin-package";

const HANDLERS = `
def add(state, params, ctx):
    s = dict(state)
    s["entries"] = list(state["entries"]) + [{"id": len(state["entries"]) + 1, "who": params["who"], "amount": params["amount"], "tags": params.get("tags", [])}]
    return {"state": s}

def open_account(state, params, ctx):
    s = dict(state)
    accounts = dict(state["accounts"])
    accounts[params["id"]] = {"owner": params["owner"], "balance": 0.0}
    s["accounts"] = accounts
    return {"state": s}
`;

const STATE = {
  type: "object",
  properties: {
    entries: {
      type: "array",
      default: [],
      items: { type: "object", properties: { id: { type: "integer" }, who: { type: "string" }, amount: { type: "number" }, tags: { type: "array", items: { type: "string" } } } },
    },
    accounts: { type: "object", default: {}, additionalProperties: { type: "object", properties: { owner: { type: "string" }, balance: { type: "number" } } } },
  },
  additionalProperties: false,
};

function ledgerPackage(surfaces: unknown[]) {
  const files = testPackage(
    HANDLERS,
    {
      add: { params: { type: "object", properties: { who: { type: "string" }, amount: { type: "number" }, tags: { type: "array", items: { type: "string" } } }, required: ["who", "amount"] }, example: { who: "ada", amount: 5 } },
      open_account: { params: { type: "object", properties: { id: { type: "string" }, owner: { type: "string" } }, required: ["id", "owner"] }, example: { id: "acc1", owner: "ada" } },
    },
    "ledger",
    STATE,
  );
  const manifest = JSON.parse(files["plugin.json"]);
  return { ...files, "plugin.json": JSON.stringify({ ...manifest, surfaces }), "ui.json": JSON.stringify({ type: "column", children: [{ type: "text", props: { text: "Ledger" } }] }) };
}

const SURFACES = [
  {
    name: "entries",
    lang: "sql",
    path: "entries",
    description: "Ledger entries.",
    recipes: [
      { description: "totals per person", query: "SELECT who, sum(amount) AS total, count(*) AS n FROM entries GROUP BY who ORDER BY total DESC" },
      { description: "entries with a tag", query: "SELECT e.id, t.value AS tag FROM entries e, json_each(e.tags) t ORDER BY e.id" },
    ],
  },
  { name: "accounts", lang: "sql", path: "accounts", description: "Accounts by id.", recipes: [{ description: "accounts", query: "SELECT key, owner FROM accounts ORDER BY key" }] },
  { name: "slim", lang: "sql", path: "entries", columns: { who: "TEXT", amount: "REAL" }, description: "Entries, two columns." },
];

async function ledger(): Promise<Seeded> {
  const s = await seedWorkspace();
  const r = await call(`/api/w/${s.workspace.id}/plugins`, { token: s.owner.token, body: { files: ledgerPackage(SURFACES) } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return s;
}

const dispatch = (s: Seeded, command: string, params: unknown, instance = "main") =>
  call("/ai/dispatch", { token: s.owner.token, body: { commands: [{ plugin: "ledger", instance, command, params }], ack_timeout_ms: 0 } });
const query = (s: Seeded, surface: string, q: string, instance?: string) => call("/ai/query", { token: s.owner.token, body: [{ plugin: "ledger", surface, query: q, instance }] });

describe("plugin SQL surfaces", () => {
  it("expose an array of objects at a state path as a table, with columns from the state schema", async () => {
    const s = await ledger();
    for (const [who, amount, tags] of [["ada", 5, ["x"]], ["bob", 2.5, []], ["ada", 1, ["x", "y"]]] as const) expect((await dispatch(s, "add", { who, amount, tags })).status).toBe(200);
    const r = await query(s, "entries", "SELECT who, sum(amount) AS total, count(*) AS n FROM entries GROUP BY who ORDER BY total DESC");
    expect(r.body[0].result).toEqual([{ who: "ada", total: 6, n: 2 }, { who: "bob", total: 2.5, n: 1 }]);
    const tags = await query(s, "entries", "SELECT e.id, t.value AS tag FROM entries e, json_each(e.tags) t ORDER BY e.id, tag");
    expect(tags.body[0].result).toEqual([{ id: 1, tag: "x" }, { id: 3, tag: "x" }, { id: 3, tag: "y" }]);
    const slim = await query(s, "slim", "SELECT * FROM slim LIMIT 1");
    expect(slim.body[0].result).toEqual([{ who: "ada", amount: 5 }]);
  });

  it("give a map of objects a key column, per instance", async () => {
    const s = await ledger();
    await dispatch(s, "open_account", { id: "acc1", owner: "ada" });
    await dispatch(s, "open_account", { id: "acc9", owner: "zoe" }, "doc-2");
    expect((await query(s, "accounts", "SELECT key, owner, balance FROM accounts")).body[0].result).toEqual([{ key: "acc1", owner: "ada", balance: 0 }]);
    expect((await query(s, "accounts", "SELECT key, owner FROM accounts", "doc-2")).body[0].result).toEqual([{ key: "acc9", owner: "zoe" }]);
  });

  it("are in the manual with their table, and their recipes run", async () => {
    const s = await ledger();
    await dispatch(s, "add", { who: "ada", amount: 5 });
    const md = (await call("/ai/manual", { token: s.owner.token })).body as string;
    expect(md).toContain("## Surface `ledger.entries`");
    expect(md).toContain("Table `entries`(id INTEGER, who TEXT, amount REAL, tags JSON); a query is one read-only SQLite SELECT over it.");
    expect(md).toContain("Table `accounts`(key TEXT, owner TEXT, balance REAL)");
    expect(md).toContain("## Surface `pe.changelog`");
    const examples = [...md.matchAll(/```ai-query\n([\s\S]*?)\n```/g)].map((m) => JSON.parse(m[1]!));
    const sqlOnes = examples.filter((e) => ["changelog", "log", "network", "console", "mutations", "entries", "accounts"].includes(e[0].surface));
    expect(sqlOnes.length).toBeGreaterThanOrEqual(12);
    for (const e of sqlOnes) {
      const r = await call("/ai/query", { token: s.owner.token, body: e });
      expect(r.body[0].error, JSON.stringify(e)).toBeUndefined();
    }
  });

  it("reach only their own table and change nothing", async () => {
    const s = await ledger();
    await dispatch(s, "add", { who: "ada", amount: 5 });
    const cases: [string, string][] = [
      ["SELECT * FROM accounts", "invalid_query"],
      ["DELETE FROM entries", "read_only"],
      ["UPDATE entries SET amount = 0", "read_only"],
      ["INSERT INTO entries (who) VALUES ('eve')", "read_only"],
    ];
    for (const [sql, code] of cases) expect((await query(s, "entries", sql)).body[0].error.code, sql).toBe(code);
    const state = await call(`/api/w/${s.workspace.id}/p/ledger/state`, { token: s.owner.token });
    expect(state.body.state.entries).toEqual([{ id: 1, who: "ada", amount: 5, tags: [] }]);
  });

  it("refuse a manifest whose SQL surface has no path, or columns on a jq surface", async () => {
    const s = await seedWorkspace();
    for (const surfaces of [[{ name: "t", lang: "sql", description: "no path" }], [{ name: "t", lang: "jq", path: "entries", columns: { a: "TEXT" }, description: "jq" }], [{ name: "t", lang: "sql", path: "entries", columns: { "a b": "TEXT" }, description: "bad column" }], [{ name: "t", lang: "sql", path: "nope", description: "no such path" }]]) {
      const r = await call(`/api/w/${s.workspace.id}/plugins`, { token: s.owner.token, body: { files: ledgerPackage(surfaces) } });
      expect(r.status, JSON.stringify(surfaces)).toBe(400);
      expect(r.body.error.code).toBe("invalid_plugin");
      expect(JSON.stringify(r.body.error.details)).toMatch(/surfaces/);
    }
  });
});
