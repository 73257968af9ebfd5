/**
 * SQLite compiled to WebAssembly (wa-sqlite's synchronous build), driven through a small
 * synchronous binding: one call runs start to finish with no `await`, so queries from concurrent
 * requests in one isolate cannot interleave on the shared module. Callbacks (the progress handler
 * and the authorizer) reach JS through the build's own imports, so nothing is compiled at run time:
 * the caller hands in the precompiled `WebAssembly.Module`.
 */
import Factory from "wa-sqlite/dist/wa-sqlite.mjs";

/** The Emscripten module, as far as this binding uses it. */
export interface SqliteModule {
  HEAPU8: Uint8Array;
  _malloc(n: number): number;
  _free(p: number): void;
  getValue(p: number, type: string): number;
  progressHandler(db: number, ops: number, handler: ((user: number) => number) | null, user: number): void;
  setAuthorizer(db: number, handler: ((user: number, action: number, a: string | null, b: string | null, c: string | null, d: string | null) => number) | null, user: number): number;
  [fn: `_sqlite3_${string}`]: (...args: number[]) => number;
}

export const SQLITE = {
  OK: 0, ERROR: 1, DENY: 1, INTERRUPT: 9, NOMEM: 7, TOOBIG: 18, ROW: 100, DONE: 101,
  OPEN_READWRITE: 0x2, OPEN_CREATE: 0x4, OPEN_MEMORY: 0x80,
  INTEGER: 1, FLOAT: 2, TEXT: 3, BLOB: 4, NULL: 5,
  LIMIT_LENGTH: 0, LIMIT_SQL_LENGTH: 1, LIMIT_COLUMN: 2, LIMIT_EXPR_DEPTH: 3, LIMIT_COMPOUND_SELECT: 4,
  LIMIT_VDBE_OP: 5, LIMIT_FUNCTION_ARG: 6, LIMIT_ATTACHED: 7, LIMIT_LIKE_PATTERN_LENGTH: 8, LIMIT_VARIABLE_NUMBER: 9, LIMIT_TRIGGER_DEPTH: 10,
} as const;

/** A compiled `WebAssembly.Module` (typed loosely: the Node type-check config has no WebAssembly lib). */
export type CompiledWasm = object;
const WA = (globalThis as unknown as { WebAssembly: { Instance: new (m: CompiledWasm, imports: unknown) => { exports: unknown } } }).WebAssembly;

let loading: Promise<SqliteModule> | null = null;

/**
 * The most WebAssembly memory the engine may grow to (Emscripten overshoots a request by at most
 * a fifth of the current size). Past it SQLite's allocations fail and the query ends with
 * SQLITE_NOMEM, instead of the isolate running out of memory. (`PRAGMA hard_heap_limit` does
 * nothing in this build: SQLite's memory statistics are compiled out.)
 */
export const MAX_WASM_BYTES = 48 * 1024 * 1024;

/**
 * Wraps the build's heap-resize import (found by its 2 GiB ceiling and its `grow` call, in
 * whatever spacing the bundler printed it: wrangler's esbuild writes `2147483648 < a`) so it
 * refuses to pass `MAX_WASM_BYTES`.
 */
export function capMemory(imports: unknown): void {
  for (const ns of Object.values(imports as Record<string, Record<string, unknown>>)) {
    for (const [name, fn] of Object.entries(ns)) {
      if (typeof fn !== "function" || !isHeapResize(String(fn))) continue;
      const grow = fn as (bytes: number) => unknown;
      ns[name] = (bytes: number) => ((bytes >>> 0) > MAX_WASM_BYTES ? false : grow(bytes));
      return;
    }
  }
  throw new Error("wa-sqlite: no heap-resize import to cap; refusing to run SQL without a memory cap");
}

const isHeapResize = (source: string): boolean => /\b2147483648\b/.test(source) && /\.grow\(/.test(source);

/** The module for this isolate, instantiated once from the precompiled `wasm`. */
export function sqliteModule(wasm: CompiledWasm): Promise<SqliteModule> {
  loading ??= (Factory({
    locateFile: (p: string) => p,
    print: () => undefined,
    printErr: () => undefined,
    instantiateWasm(imports: unknown, done: (i: unknown, m: CompiledWasm) => void) {
      capMemory(imports);
      const instance = new WA.Instance(wasm, imports);
      done(instance, wasm);
      return instance.exports;
    },
  }) as Promise<SqliteModule>).catch((e: unknown) => {
    loading = null;
    throw e;
  });
  return loading;
}

/** Forgets the module after it trapped (an Emscripten abort leaves it unusable); the next call starts afresh. */
export function discardModule(): void {
  loading = null;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A NUL-terminated UTF-8 copy of `s` on the SQLite heap; free it with `_free`. */
function cString(m: SqliteModule, s: string): { ptr: number; bytes: number } {
  const bytes = encoder.encode(s);
  const ptr = m._malloc(bytes.length + 1);
  if (!ptr) throw new Error("sqlite heap exhausted");
  m.HEAPU8.set(bytes, ptr);
  m.HEAPU8[ptr + bytes.length] = 0;
  return { ptr, bytes: bytes.length };
}

/** Reads `len` bytes (or up to NUL when `len` is undefined) at `ptr` as UTF-8. */
function readString(m: SqliteModule, ptr: number, len?: number): string {
  if (!ptr) return "";
  const heap = m.HEAPU8;
  let end = len === undefined ? ptr : ptr + len;
  if (len === undefined) while (heap[end] !== 0) end++;
  return decoder.decode(heap.subarray(ptr, end));
}

/** One throwaway in-memory database. */
export class Connection {
  readonly db: number;
  constructor(readonly m: SqliteModule) {
    const out = m._malloc(8);
    if (!out) throw new Error("sqlite heap exhausted");
    const name = cString(m, ":memory:");
    try {
      const rc = m._sqlite3_open_v2(name.ptr, out, SQLITE.OPEN_READWRITE | SQLITE.OPEN_CREATE | SQLITE.OPEN_MEMORY, 0);
      this.db = m.getValue(out, "i32");
      if (rc !== SQLITE.OK) {
        const message = this.errmsg();
        this.close();
        throw new Error(`sqlite open failed: ${message}`);
      }
    } finally {
      m._free(out);
      m._free(name.ptr);
    }
  }

  errmsg(): string {
    return readString(this.m, this.m._sqlite3_errmsg(this.db));
  }

  limit(id: number, value: number): void {
    this.m._sqlite3_limit(this.db, id, value);
  }

  /** Runs trusted setup SQL (no results); throws on failure. */
  exec(sql: string): void {
    const text = cString(this.m, sql);
    try {
      const rc = this.m._sqlite3_exec(this.db, text.ptr, 0, 0, 0);
      if (rc !== SQLITE.OK) throw new Error(`sqlite setup failed: ${this.errmsg()}`);
    } finally {
      this.m._free(text.ptr);
    }
  }

  /**
   * Prepares the first statement of `sql`; `rest` is what follows it (empty, whitespace or
   * comments when `sql` holds one statement).
   */
  prepare(sql: string): { rc: number; stmt: Statement | null; rest: string } {
    const m = this.m;
    const text = cString(m, sql);
    const out = m._malloc(8);
    if (!out) {
      m._free(text.ptr);
      throw new Error("sqlite heap exhausted");
    }
    try {
      const rc = m._sqlite3_prepare_v2(this.db, text.ptr, text.bytes, out, out + 4);
      const stmt = m.getValue(out, "i32");
      const tail = m.getValue(out + 4, "i32");
      const rest = tail ? readString(m, tail, text.ptr + text.bytes - tail) : "";
      return { rc, stmt: stmt ? new Statement(m, stmt) : null, rest };
    } finally {
      m._free(out);
      m._free(text.ptr);
    }
  }

  close(): void {
    this.m.progressHandler(this.db, 0, null, 0);
    this.m.setAuthorizer(this.db, null, 0);
    this.m._sqlite3_close(this.db);
  }
}

export type SqlValue = number | string | null;

export class Statement {
  constructor(
    readonly m: SqliteModule,
    readonly ptr: number,
  ) {}

  step(): number {
    return this.m._sqlite3_step(this.ptr);
  }

  columnNames(): string[] {
    const n = this.m._sqlite3_column_count(this.ptr);
    return Array.from({ length: n }, (_, i) => readString(this.m, this.m._sqlite3_column_name(this.ptr, i)));
  }

  /** Column `i` of the current row as JSON: integers beyond 2^53 as decimal text, blobs as hex. */
  column(i: number): SqlValue {
    const m = this.m;
    switch (m._sqlite3_column_type(this.ptr, i)) {
      case SQLITE.INTEGER: {
        const v = m._sqlite3_column_double(this.ptr, i);
        return Number.isSafeInteger(v) ? v : this.#text(i);
      }
      case SQLITE.FLOAT: {
        const v = m._sqlite3_column_double(this.ptr, i);
        return Number.isFinite(v) ? v : null;
      }
      case SQLITE.TEXT:
        return this.#text(i);
      case SQLITE.BLOB: {
        const p = m._sqlite3_column_blob(this.ptr, i);
        const n = m._sqlite3_column_bytes(this.ptr, i);
        let hex = "";
        for (const b of m.HEAPU8.subarray(p, p + n)) hex += b.toString(16).padStart(2, "0");
        return hex;
      }
      default:
        return null;
    }
  }

  #text(i: number): string {
    const p = this.m._sqlite3_column_text(this.ptr, i);
    return readString(this.m, p, this.m._sqlite3_column_bytes(this.ptr, i));
  }

  finalize(): void {
    this.m._sqlite3_finalize(this.ptr);
  }
}
