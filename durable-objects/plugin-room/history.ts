/** The room's commit-like history: one record per successful state or file change. */
import type { JsonValue, PatchOp } from "../../lib/protocol/events";
import type { Blobs } from "./storage";

export interface HistoryRecord {
  seq: number;
  version: number;
  at: string;
  author: { id: string; name: string; type: string };
  source: string;
  command: string;
  params: JsonValue;
  changeset: string;
  batch_id: string;
  dispatch_id: number;
  message: string;
  trailers: [string, string][];
  patch: PatchOp[];
  inverse: PatchOp[];
  /** Plugin files this record changed: path → new content, or null when removed. */
  files: Record<string, string | null> | null;
}

export interface HistoryFilter {
  source?: string;
  command?: string;
  author?: string;
  changeset?: string;
  since?: string;
  until?: string;
  limit?: number;
  before_seq?: number;
}

type Row = Record<string, string | number | null>;

/** Patches larger than this go to the blob store instead of the row. */
const INLINE_PATCH_CHARS = 400_000;

export class History {
  constructor(
    private readonly sql: SqlStorage,
    private readonly blobs: Blobs,
  ) {}

  append(r: HistoryRecord): void {
    this.sql.exec(
      `INSERT INTO _sys_history (seq, version, at, author_id, author_name, author_type, source, command, params, changeset, batch_id, dispatch_id, message, trailers, patch, inverse, files)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      r.seq, r.version, r.at, r.author.id, r.author.name, r.author.type, r.source, r.command, JSON.stringify(r.params),
      r.changeset, r.batch_id, r.dispatch_id, r.message, JSON.stringify(r.trailers),
      this.#storePatch(r.seq, "patch", r.patch), this.#storePatch(r.seq, "inverse", r.inverse), r.files ? JSON.stringify(r.files) : null,
    );
  }

  lastSeq(): number {
    return Number(this.sql.exec<{ s: number | null }>(`SELECT max(seq) AS s FROM _sys_history`).one().s ?? 0);
  }

  list(f: HistoryFilter): HistoryRecord[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    const add = (clause: string, value: string | number | undefined) => {
      if (value === undefined) return;
      where.push(clause);
      args.push(value);
    };
    add("source = ?", f.source);
    add("command = ?", f.command);
    if (f.author !== undefined) {
      where.push("(author_id = ? OR author_name = ?)");
      args.push(f.author, f.author);
    }
    add("changeset = ?", f.changeset);
    add("at >= ?", f.since);
    add("at <= ?", f.until);
    add("seq < ?", f.before_seq);
    const limit = Math.min(Math.max(f.limit ?? 100, 1), 1000);
    const sql = `SELECT * FROM _sys_history ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY seq DESC LIMIT ${limit}`;
    return this.sql.exec<Row>(sql, ...args).toArray().map((row) => this.#record(row));
  }

  /** Records with seq > `after`, oldest first. */
  *after(after: number): Generator<HistoryRecord> {
    for (const row of this.sql.exec<Row>(`SELECT * FROM _sys_history WHERE seq > ? ORDER BY seq`, after)) yield this.#record(row);
  }

  byChangeset(changeset: string): HistoryRecord[] {
    return this.sql.exec<Row>(`SELECT * FROM _sys_history WHERE changeset = ? ORDER BY seq`, changeset).toArray().map((row) => this.#record(row));
  }

  #storePatch(seq: number, kind: string, patch: PatchOp[]): string {
    const text = JSON.stringify(patch);
    if (text.length <= INLINE_PATCH_CHARS) return text;
    const key = `history:${seq}:${kind}`;
    this.blobs.put(key, patch as unknown as JsonValue);
    return JSON.stringify({ blob: key });
  }

  #loadPatch(text: string): PatchOp[] {
    const value = JSON.parse(text) as PatchOp[] | { blob: string };
    return Array.isArray(value) ? value : ((this.blobs.get(value.blob) ?? []) as unknown as PatchOp[]);
  }

  #record(row: Row): HistoryRecord {
    return {
      seq: Number(row.seq),
      version: Number(row.version),
      at: String(row.at),
      author: { id: String(row.author_id), name: String(row.author_name), type: String(row.author_type) },
      source: String(row.source),
      command: String(row.command),
      params: JSON.parse(String(row.params)) as JsonValue,
      changeset: String(row.changeset),
      batch_id: String(row.batch_id),
      dispatch_id: Number(row.dispatch_id),
      message: String(row.message),
      trailers: JSON.parse(String(row.trailers)) as [string, string][],
      patch: this.#loadPatch(String(row.patch)),
      inverse: this.#loadPatch(String(row.inverse)),
      files: row.files === null ? null : (JSON.parse(String(row.files)) as Record<string, string | null>),
    };
  }
}
