/** What the room reads from R2 before a run and writes to R2 and D1 after it. */
import type { ExitLine, RunEvent, RunRequest } from "../../containers/agent-runtime/protocol";
import { entryOf } from "../../workers/engine/marketplace/run-output";
import { markFinal, type RunRecord } from "../../workers/engine/marketplace/run-records";
import type { Env } from "../../workers/env";
import { ndjson, sha256Hex, toBase64 } from "./ndjson";
import { getMeta, streamText, tail, type RunState, type StoredLine } from "./storage";

export type CodeResult = { ok: true; bytes: Uint8Array } | { ok: false; integrity: string };

/**
 * Fetches a version's bundle from R2 and checks it against the published sha256.
 * Throws when R2 cannot be read (an infrastructure failure, retried).
 */
export async function fetchVerifiedCode(env: Pick<Env, "BLOBS">, record: RunRecord): Promise<CodeResult> {
  const object = record.r2Key ? await env.BLOBS.get(record.r2Key) : null;
  if (!object) return { ok: false, integrity: `integrity check failed: the code bundle of ${record.agentId}@${record.version} is missing` };
  const bytes = new Uint8Array(await object.arrayBuffer());
  const actual = await sha256Hex(bytes);
  if (actual !== record.sha256.toLowerCase()) {
    return { ok: false, integrity: `integrity check failed: the code bundle's sha256 is ${actual}, the published version has ${record.sha256}; it was not run` };
  }
  return { ok: true, bytes };
}

const TEXT = { httpMetadata: { contentType: "text/plain; charset=utf-8" } };

/** Full logs to `executions/<id>/stdout.log` and `stderr.log`, then the final row (4 KB tails) to D1. */
export async function writeOutcome(env: Pick<Env, "BLOBS" | "DB">, sql: SqlStorage, s: RunState): Promise<void> {
  if (!s.executionId || !s.status) return;
  const stdout = streamText(sql, "stdout");
  const stderr = streamText(sql, "stderr");
  await env.BLOBS.put(`executions/${s.executionId}/stdout.log`, stdout, TEXT);
  await env.BLOBS.put(`executions/${s.executionId}/stderr.log`, stderr, TEXT);
  await markFinal(env, s.executionId, {
    status: s.status, outputs: JSON.parse(getMeta(sql, "outputs") ?? "null") as unknown, exitCode: s.exitCode, durationMs: s.durationMs,
    stdoutTail: stdout ? tail(stdout) : null, stderrTail: stderr ? tail(stderr) : null, errorMessage: s.errorMessage,
  });
}

/** The runtime request for a run; the runtime's own timer is a backstop 2 s after the room's alarm. */
export function runRequest(executionId: string, record: RunRecord, code: Uint8Array): RunRequest {
  return {
    execution_id: executionId, code: toBase64(code), code_format: record.codeFormat, entry: entryOf(record.manifest),
    inputs: record.inputs, config: record.config, timeout_ms: record.timeoutMs + 2_000, memory_mb: record.memoryMb,
  };
}

/**
 * Reads the runtime's NDJSON answer: each log line goes to `onLine` (numbered after
 * `seqBase`, so a retried attempt continues the numbering); returns the exit line, or null
 * when the stream ended without one.
 */
export async function followRun(body: ReadableStream<Uint8Array>, seqBase: number, onLine: (line: StoredLine) => void): Promise<ExitLine | null> {
  let exit: ExitLine | null = null;
  try {
    for await (const event of ndjson<RunEvent>(body)) {
      if (event.type === "exit") exit = event;
      else onLine({ seq: seqBase + event.seq, stream: event.type, data: event.data });
    }
  } catch (err) {
    console.error("execution-room: the runtime stream broke", err);
  }
  return exit;
}
