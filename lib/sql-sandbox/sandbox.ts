/**
 * Read-only SQL over one table, isolated by construction: the rows are loaded into a fresh
 * in-memory SQLite that holds nothing else, the caller's single statement runs there, and the
 * database is thrown away. Defence in depth on top: an authorizer that allows only SELECT, reads of
 * the surface's own table and harmless functions; `PRAGMA query_only`; tight SQLite limits and a
 * cap on the engine's memory (engine.ts) against memory bombs; a progress handler that stops runaway queries after a step budget.
 */
import { Connection, discardModule, SQLITE, sqliteModule, type CompiledWasm, type SqlValue } from "./engine";

export type ColumnType = "TEXT" | "INTEGER" | "REAL" | "JSON" | "ANY";

export interface SandboxColumn {
  name: string;
  type: ColumnType;
}

export interface SandboxTable {
  name: string;
  columns: SandboxColumn[];
  /** Row objects; a missing key is NULL, objects and arrays are stored as JSON text. */
  rows: readonly Record<string, unknown>[];
}

export interface SandboxOptions {
  /** VDBE operations the query may take before it is stopped. */
  steps?: number;
  /** Stop collecting rows once their JSON exceeds this many bytes. */
  outputBytes?: number;
  /** Told how many steps the query took (to the nearest thousand), however it ended. */
  onSteps?: (steps: number) => void;
}

export type SandboxRow = Record<string, SqlValue>;

export type SandboxResult =
  | { ok: true; columns: string[]; rows: SandboxRow[]; truncated?: { estimated_total: number | null } }
  | { ok: false; code: "invalid_query" | "read_only" | "budget_exceeded"; message: string };

/** ~0.2 s of SQLite work on a laptop core: plenty for queries over a few thousand rows. */
export const DEFAULT_STEPS = 2_000_000;
/** Rows past this many bytes are never collected, even when the caller sets no byte budget. */
export const ABSOLUTE_OUTPUT_BYTES = 16 * 1024 * 1024;
const PROGRESS_EVERY = 1_000;
const MAX_VALUE_BYTES = 1_000_000;
const MAX_SQL_BYTES = 100_000;

const IDENT = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
export const isIdentifier = (s: string) => IDENT.test(s);

// sqlite3_set_authorizer action codes that a read-only query needs.
const AUTH = { READ: 20, SELECT: 21, FUNCTION: 31, RECURSIVE: 33 } as const;
const ACTION_NAMES: Record<number, string> = {
  1: "CREATE INDEX", 2: "CREATE TABLE", 3: "CREATE INDEX", 4: "CREATE TABLE", 5: "CREATE TRIGGER", 6: "CREATE VIEW", 7: "CREATE TRIGGER", 8: "CREATE VIEW",
  9: "DELETE", 10: "DROP INDEX", 11: "DROP TABLE", 12: "DROP INDEX", 13: "DROP TABLE", 14: "DROP TRIGGER", 15: "DROP VIEW", 16: "DROP TRIGGER", 17: "DROP VIEW",
  18: "INSERT", 19: "PRAGMA", 22: "a transaction", 23: "UPDATE", 24: "ATTACH", 25: "DETACH", 26: "ALTER TABLE", 27: "REINDEX", 28: "ANALYZE",
  29: "CREATE VIRTUAL TABLE", 30: "DROP VIRTUAL TABLE", 32: "SAVEPOINT",
};
/** Functions that reach outside the database or exist only for debugging. */
const DENIED_FUNCTIONS = new Set(["load_extension", "readfile", "writefile", "edit", "fts3_tokenizer", "sqlite_dbpage", "sqlite_dbdata", "sqlite_compileoption_get"]);

const JSON_TABLES = new Set(["json_each", "json_tree"]);

const quote = (name: string) => `"${name}"`;
const SQL_TYPE: Record<ColumnType, string> = { TEXT: "TEXT", INTEGER: "INTEGER", REAL: "REAL", JSON: "TEXT", ANY: "" };

function schemaSql(t: SandboxTable): string {
  return `CREATE TABLE ${quote(t.name)} (${t.columns.map((c) => `${quote(c.name)} ${SQL_TYPE[c.type]}`.trim()).join(", ")})`;
}

/** A SQL literal for one JSON value: our own data, quoted here (SQLite strings escape only `'`). */
function literal(v: unknown): string {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "NULL";
  if (typeof v === "boolean") return v ? "1" : "0";
  const text = typeof v === "string" ? v : JSON.stringify(v);
  // A NUL would end the C string early: drop it.
  return `'${text.replaceAll("'", "''").replaceAll("\u0000", "")}'`;
}

const LOAD_CHUNK_ROWS = 500;
const LOAD_CHUNK_CHARS = 1_000_000;

/**
 * Loads the rows as multi-row INSERTs of literals, before any limit or the authorizer applies.
 * (Binding one JSON array and picking columns with json_each parses every row once per column:
 * seven times slower for 5,000 rows.)
 */
function load(conn: Connection, t: SandboxTable): void {
  const head = `INSERT INTO ${quote(t.name)} (${t.columns.map((c) => quote(c.name)).join(", ")}) VALUES `;
  let values: string[] = [];
  let chars = 0;
  for (const row of t.rows) {
    const v = `(${t.columns.map((c) => literal(row[c.name])).join(",")})`;
    values.push(v);
    chars += v.length;
    if (values.length >= LOAD_CHUNK_ROWS || chars >= LOAD_CHUNK_CHARS) {
      conn.exec(head + values.join(","));
      values = [];
      chars = 0;
    }
  }
  if (values.length) conn.exec(head + values.join(","));
}

function harden(conn: Connection): void {
  conn.exec(`PRAGMA temp_store=MEMORY; PRAGMA query_only=1; PRAGMA trusted_schema=0`);
  const limits: [number, number][] = [
    [SQLITE.LIMIT_LENGTH, MAX_VALUE_BYTES], [SQLITE.LIMIT_SQL_LENGTH, MAX_SQL_BYTES], [SQLITE.LIMIT_COLUMN, 200],
    [SQLITE.LIMIT_EXPR_DEPTH, 100], [SQLITE.LIMIT_COMPOUND_SELECT, 50], [SQLITE.LIMIT_VDBE_OP, 50_000], [SQLITE.LIMIT_FUNCTION_ARG, 32],
    [SQLITE.LIMIT_ATTACHED, 0], [SQLITE.LIMIT_LIKE_PATTERN_LENGTH, 1_000], [SQLITE.LIMIT_VARIABLE_NUMBER, 0], [SQLITE.LIMIT_TRIGGER_DEPTH, 1],
  ];
  for (const [id, value] of limits) conn.limit(id, value);
}

const byteLength = (s: string) => {
  let n = s.length;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) n += s.charCodeAt(i) > 0x7ff ? 2 : 1;
  return n;
};

/** Runs `sql` over `table` alone and returns its rows as objects, or an in-band error. */
export async function runSandboxed(wasm: CompiledWasm, table: SandboxTable, sql: string, opts: SandboxOptions = {}): Promise<SandboxResult> {
  if (!isIdentifier(table.name) || !table.columns.every((c) => isIdentifier(c.name))) throw new Error(`bad table or column name in ${table.name}`);
  if (new TextEncoder().encode(sql).length > MAX_SQL_BYTES) return { ok: false, code: "invalid_query", message: `the query is longer than ${MAX_SQL_BYTES} bytes` };
  const m = await sqliteModule(wasm);
  try {
    return runOn(new Connection(m), table, sql, opts);
  } catch (e) {
    // A trap inside the module (it should not happen: limits and the heap cap come first) leaves
    // it unusable; the next query instantiates a fresh one.
    discardModule();
    throw e;
  }
}

function runOn(conn: Connection, table: SandboxTable, sql: string, opts: SandboxOptions): SandboxResult {
  const steps = opts.steps ?? DEFAULT_STEPS;
  const outputBytes = Math.min(opts.outputBytes ?? ABSOLUTE_OUTPUT_BYTES, ABSOLUTE_OUTPUT_BYTES);
  let ticks = 0;
  try {
    conn.exec(schemaSql(table));
    try {
      load(conn, table);
    } catch (e) {
      if (/out of memory|too big|heap exhausted/.test(String(e))) return { ok: false, code: "budget_exceeded", message: `table ${table.name} is too large for the SQL engine's memory; query it with fewer rows` };
      throw e;
    }
    harden(conn);
    let denied = null as string | null;
    const own = table.name.toLowerCase();
    conn.m.setAuthorizer(conn.db, (_u, action, a, b, c) => {
      if (action === AUTH.SELECT || action === AUTH.RECURSIVE) return SQLITE.OK;
      // A read names its database, or none when it reads a CTE or no column (`count(*)`).
      // json_each/json_tree are table-valued functions over their argument only.
      if (action === AUTH.READ && a && (c === "main" || c === null) && !/^(sqlite|pragma)_/i.test(a) && (c === null || a.toLowerCase() === own || JSON_TABLES.has(a.toLowerCase()))) return SQLITE.OK;
      if (action === AUTH.FUNCTION && b && !DENIED_FUNCTIONS.has(b.toLowerCase())) return SQLITE.OK;
      denied ??= action === AUTH.READ ? `reading ${c && c !== "main" ? `${c}.` : ""}${a} is not allowed: this surface's query sees only table ${table.name}`
        : action === AUTH.FUNCTION ? `the function ${b} is not allowed here`
        : `${ACTION_NAMES[action] ?? `action ${action}`} is not allowed: SQL surfaces are read-only (one SELECT over table ${table.name})`;
      return SQLITE.DENY;
    }, 0);

    const first = conn.prepare(sql);
    if (first.rc !== SQLITE.OK || !first.stmt) {
      first.stmt?.finalize();
      if (denied) return { ok: false, code: "read_only", message: denied };
      if (first.rc === SQLITE.OK) return { ok: false, code: "invalid_query", message: "the query is empty: send one SELECT statement" };
      return { ok: false, code: first.rc === SQLITE.TOOBIG ? "budget_exceeded" : "invalid_query", message: conn.errmsg() };
    }
    const stmt = first.stmt;
    try {
      // Statements the authorizer never hears about (VACUUM, REINDEX) are refused by their keyword.
      if (!READ_ONLY_START.test(stripComments(sql))) return { ok: false, code: "read_only", message: `only SELECT (or WITH … SELECT, VALUES) is allowed: SQL surfaces are read-only over table ${table.name}` };
      if (first.rest.trim()) {
        const next = conn.prepare(first.rest);
        next.stmt?.finalize();
        if (next.rc !== SQLITE.OK || next.stmt) return { ok: false, code: "invalid_query", message: "only one statement per query (found more after the first `;`)" };
      }
      const budget = Math.ceil(steps / PROGRESS_EVERY);
      conn.m.progressHandler(conn.db, PROGRESS_EVERY, () => (++ticks > budget ? 1 : 0), 0);

      const columns = dedupe(stmt.columnNames());
      const rows: SandboxRow[] = [];
      let used = 2;
      let truncated = false;
      let total = 0;
      for (;;) {
        const rc = stmt.step();
        if (rc === SQLITE.DONE) break;
        if (rc !== SQLITE.ROW) {
          if (rc === SQLITE.INTERRUPT) {
            if (truncated) return { ok: true, columns, rows, truncated: { estimated_total: null } };
            return { ok: false, code: "budget_exceeded", message: `the query took more than ${steps} steps; add a WHERE or LIMIT, or aggregate` };
          }
          if (rc === SQLITE.NOMEM || rc === SQLITE.TOOBIG) return { ok: false, code: "budget_exceeded", message: `the query needs too much memory (${conn.errmsg()})` };
          if (denied) return { ok: false, code: "read_only", message: denied };
          return { ok: false, code: "invalid_query", message: conn.errmsg() };
        }
        total++;
        if (truncated) continue;
        const row: SandboxRow = {};
        columns.forEach((name, i) => (row[name] = stmt.column(i)));
        used += byteLength(JSON.stringify(row)) + 1;
        if (used > outputBytes) truncated = true;
        else rows.push(row);
      }
      return truncated ? { ok: true, columns, rows, truncated: { estimated_total: total } } : { ok: true, columns, rows };
    } finally {
      stmt.finalize();
    }
  } finally {
    conn.close();
    opts.onSteps?.(ticks * PROGRESS_EVERY);
  }
}

const READ_ONLY_START = /^\s*\(*\s*(SELECT|WITH|VALUES)\b/i;
/** Leading comments removed, so the first keyword can be checked. */
function stripComments(sql: string): string {
  let s = sql;
  for (;;) {
    const t = s.replace(/^\s+/, "");
    if (t.startsWith("--")) s = t.includes("\n") ? t.slice(t.indexOf("\n") + 1) : "";
    else if (t.startsWith("/*")) s = t.includes("*/") ? t.slice(t.indexOf("*/") + 2) : "";
    else return t;
  }
}

/** `SELECT a, a` gives columns `a` and `a:2`, so no value is lost in the row object. */
function dedupe(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const k = (seen.get(n) ?? 0) + 1;
    seen.set(n, k);
    return k === 1 ? n : `${n}:${k}`;
  });
}
