/**
 * Writes a room's history as a `git fast-import` stream: one commit per record whose tree is the
 * plugin files plus `state.json` at that point, authored by the record's identity, with the
 * commit message and its trailers (`Source`, `Command`, `Changeset`, …).
 */
import type { JsonValue } from "../protocol/events";

export interface ExportRecord {
  seq: number;
  at: string;
  author: { id: string; name: string; type: string };
  message: string;
  /** Full tree after this record: file path → content. */
  files: Record<string, string>;
  state: JsonValue;
}

const encoder = new TextEncoder();

function data(text: string): string {
  return `data ${encoder.encode(text).length}\n${text}\n`;
}

/** Keeps names git accepts in an ident (no angle brackets or newlines). */
const ident = (s: string) => s.replace(/[<>\n]/g, "").trim() || "unknown";

/** One commit of the stream, on `refs/heads/<branch>`. */
export function commitChunk(record: ExportRecord, branch = "main"): string {
  const when = Math.floor(Date.parse(record.at) / 1000);
  const email = `${ident(record.author.id)}@${ident(record.author.type)}.frameos`;
  const lines = [
    `commit refs/heads/${branch}\n`,
    `mark :${record.seq}\n`,
    `author ${ident(record.author.name)} <${email}> ${when} +0000\n`,
    `committer FrameOS <history@frameos> ${when} +0000\n`,
    data(record.message),
    `deleteall\n`,
  ];
  const tree: Record<string, string> = { ...record.files, "state.json": `${JSON.stringify(record.state, null, 2)}\n` };
  for (const path of Object.keys(tree).sort()) lines.push(`M 100644 inline ${path}\n`, data(tree[path]!));
  lines.push("\n");
  return lines.join("");
}

/** The whole stream for a sequence of records, ending with `done`. */
export function* fastImport(records: Iterable<ExportRecord>, branch = "main"): Generator<string> {
  yield "feature done\n";
  for (const record of records) yield commitChunk(record, branch);
  yield "done\n";
}

/** A commit message: `cmd: <command> <params as JSON>`, a blank line, then the trailers. */
export function commitMessage(command: string, params: JsonValue, trailers: [string, string][]): string {
  const head = `cmd: ${command} ${JSON.stringify(params)}`;
  return `${head}\n\n${trailers.map(([k, v]) => `${k}: ${v}`).join("\n")}\n`;
}
