import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { MAX_WASM_BYTES, sqliteModule } from "./engine";
import { runSandboxed, type SandboxTable } from "./sandbox";

const { WebAssembly: WA } = globalThis as unknown as { WebAssembly: { Module: new (bytes: Uint8Array) => object } };
const wasm = new WA.Module(readFileSync(createRequire(import.meta.url).resolve("wa-sqlite/dist/wa-sqlite.wasm")));

const table: SandboxTable = {
  name: "log",
  columns: [
    { name: "at", type: "TEXT" },
    { name: "level", type: "TEXT" },
    { name: "n", type: "INTEGER" },
    { name: "x", type: "REAL" },
    { name: "meta", type: "JSON" },
  ],
  rows: Array.from({ length: 50 }, (_, i) => ({ at: `2026-01-01T00:00:${String(i).padStart(2, "0")}Z`, level: i % 5 ? "info" : "error", n: i, x: i / 2, meta: { i, tags: ["a"] } })),
};

const run = (sql: string, opts = {}) => runSandboxed(wasm, table, sql, opts);

describe("runSandboxed", () => {
  it("answers a SELECT with row objects and typed values", async () => {
    const r = await run("SELECT level, count(*) AS c, max(n) AS top, sum(x) AS sx FROM log GROUP BY level ORDER BY level");
    expect(r).toEqual({ ok: true, columns: ["level", "c", "top", "sx"], rows: [{ level: "error", c: 10, top: 45, sx: 112.5 }, { level: "info", c: 40, top: 49, sx: 500 }] });
    const j = await run("SELECT meta ->> '$.tags[0]' AS tag, json_extract(meta, '$.i') AS i FROM log WHERE n = 7");
    expect(j.ok && j.rows).toEqual([{ tag: "a", i: 7 }]);
    const each = await run("SELECT l.n, t.value AS tag FROM log l, json_each(l.meta, '$.tags') t WHERE l.n < 2");
    expect(each.ok && each.rows).toEqual([{ n: 0, tag: "a" }, { n: 1, tag: "a" }]);
    const dup = await run("SELECT 1 AS a, 2 AS a, NULL AS z, x'ff00' AS b, 9007199254740993 AS big");
    expect(dup.ok && dup.rows).toEqual([{ a: 1, "a:2": 2, z: null, b: "ff00", big: "9007199254740993" }]);
  });

  it("refuses every write and every way out of the table, in-band", async () => {
    const cases: [string, string][] = [
      ["INSERT INTO log (level) VALUES ('x')", "read_only"],
      ["UPDATE log SET level = 'x'", "read_only"],
      ["DELETE FROM log", "read_only"],
      ["DROP TABLE log", "read_only"],
      ["CREATE TABLE t (a)", "read_only"],
      ["CREATE TEMP VIEW v AS SELECT 1", "read_only"],
      ["ATTACH DATABASE ':memory:' AS other", "read_only"],
      ["DETACH DATABASE main", "read_only"],
      ["PRAGMA query_only = 0", "read_only"],
      ["PRAGMA table_info(log)", "read_only"],
      ["SELECT * FROM sqlite_master", "read_only"],
      ["SELECT * FROM sqlite_schema", "read_only"],
      ["SELECT * FROM temp.sqlite_master", "read_only"],
      ["SELECT * FROM pragma_table_info('log')", "read_only"],
      ["BEGIN", "read_only"],
      ["SAVEPOINT s", "read_only"],
      ["VACUUM", "read_only"],
      ["REINDEX", "read_only"],
      ["ANALYZE", "read_only"],
      ["SELECT load_extension('/lib/x.so')", "invalid_query"], // not compiled in; denied by the authorizer if it were
      ["SELECT * FROM network", "invalid_query"],
      ["SELECT 1; DELETE FROM log", "invalid_query"],
      ["SELECT 1; SELECT 2", "invalid_query"],
      ["SELEC 1", "invalid_query"],
      ["", "invalid_query"],
      ["-- nothing", "invalid_query"],
      ["SELECT ?1", "invalid_query"],
    ];
    for (const [sql, code] of cases) {
      const r = await run(sql);
      expect(r.ok, sql).toBe(false);
      expect(!r.ok && r.code, `${sql} → ${JSON.stringify(r)}`).toBe(code);
    }
    const after = await run("SELECT count(*) AS c FROM log");
    expect(after.ok && after.rows).toEqual([{ c: 50 }]);
  });

  it("answers budget_exceeded when a surface's rows do not fit the engine's memory", async () => {
    const big: SandboxTable = { name: "big", columns: [{ name: "s", type: "TEXT" }], rows: Array.from({ length: 80 }, (_, i) => ({ s: `${i}`.padEnd(900_000, "x") })) };
    const r = await runSandboxed(wasm, big, "SELECT count(*) FROM big");
    expect(!r.ok && r.code).toBe("budget_exceeded");
    const after = await run("SELECT count(*) AS c FROM log");
    expect(after.ok && after.rows).toEqual([{ c: 50 }]);
  });

  it("loads hostile values as plain data", async () => {
    const nasty = ["'); DROP TABLE log; --", "a'b\"c", "nul\u0000byte", "ünïcødé 🚀", "x".repeat(10_000)];
    const t: SandboxTable = { name: "t", columns: [{ name: "s", type: "TEXT" }, { name: "n", type: "ANY" }], rows: nasty.map((s, i) => ({ s, n: [1e21, -0, Number.NaN, true, null][i] as unknown })) };
    const r = await runSandboxed(wasm, t, "SELECT s, n FROM t");
    expect(r.ok && r.rows).toEqual([
      { s: "'); DROP TABLE log; --", n: 1e21 },
      { s: "a'b\"c", n: 0 },
      { s: "nulbyte", n: null },
      { s: "ünïcødé 🚀", n: 1 },
      { s: "x".repeat(10_000), n: null },
    ]);
  });

  it("accepts a trailing semicolon and comment", async () => {
    const r = await run("SELECT count(*) AS c FROM log; -- done");
    expect(r.ok && r.rows).toEqual([{ c: 50 }]);
  });

  it("stops runaway queries and memory bombs with budget_exceeded", async () => {
    const bombs = [
      "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c",
      "SELECT count(*) FROM log a, log b, log c, log d, log e",
      "SELECT randomblob(1000000000)",
      "SELECT length(zeroblob(1e9))",
      "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c LIMIT 200) SELECT count(*) FROM (SELECT randomblob(900000) AS b FROM c ORDER BY b)",
      "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c LIMIT 200) SELECT count(DISTINCT randomblob(900000)) FROM c",
      "WITH RECURSIVE c(x) AS (SELECT 'x' UNION ALL SELECT x || x FROM c) SELECT length(x) FROM c",
      "SELECT group_concat(a.meta || b.meta || c.meta) FROM log a, log b, log c",
    ];
    for (const sql of bombs) {
      const r = await run(sql);
      expect(!r.ok && r.code, `${sql} → ${JSON.stringify(r).slice(0, 200)}`).toBe("budget_exceeded");
    }
    expect((await sqliteModule(wasm)).HEAPU8.length).toBeLessThanOrEqual(MAX_WASM_BYTES * 1.2);
    // SQLite's printf gives NULL rather than a string over the length limit.
    const printf = await run("SELECT printf('%.*c', 1000000000, 'x') AS s");
    expect(printf.ok && printf.rows).toEqual([{ s: null }]);
    const after = await run("SELECT count(*) AS c FROM log");
    expect(after.ok && after.rows).toEqual([{ c: 50 }]);
  });

  it("stops collecting rows past outputBytes and counts the rest", async () => {
    const r = await run("SELECT a.n, b.n AS m FROM log a, log b", { outputBytes: 200 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(r.rows).length).toBeLessThanOrEqual(200);
    expect(r.truncated).toEqual({ estimated_total: 2500 });
  });

  it("refuses deep nesting without trapping the module", async () => {
    const deep = `SELECT ${"(".repeat(5000)}1${")".repeat(5000)}`;
    const r = await run(deep);
    expect(r.ok).toBe(false);
    const nested = `SELECT * FROM ${"(SELECT * FROM ".repeat(300)}log${")".repeat(300)}`;
    expect((await run(nested)).ok).toBe(false);
    const after = await run("SELECT count(*) AS c FROM log");
    expect(after.ok && after.rows).toEqual([{ c: 50 }]);
  });
});
