/**
 * The agent-runtime wire protocol, shared by the program and its callers (ExecutionRoom).
 * Pure types: no Node or Worker globals, so both sides can `import type` it.
 */

/** `POST /run` body. */
export interface RunRequest {
  execution_id: string;
  /** The bundle, base64. */
  code: string;
  code_format: "js" | "tar.gz";
  /** Entry file inside the bundle (for `js` the file is written under this name). */
  entry: string;
  inputs: unknown;
  config: unknown;
  timeout_ms: number;
  memory_mb: number;
}

/** One line of the NDJSON answer of `POST /run`. */
export type RunEvent = LogLine | ExitLine;

export interface LogLine {
  type: "stdout" | "stderr";
  /** Line sequence number, shared by both streams, from 1. */
  seq: number;
  /** The line without its newline. */
  data: string;
}

export interface ExitLine {
  type: "exit";
  exit_code: number | null;
  signal: string | null;
  timed_out: boolean;
  /** Killed by `DELETE /run/:id`. */
  cancelled: boolean;
  /** `/tmp/output.json` when written, else the last stdout line parsed as JSON, else null. */
  output: unknown;
  /** Why the run could not start (bad bundle, bad entry); the agent did not run. */
  error: string | null;
  duration_ms: number;
  truncated: { stdout: boolean; stderr: boolean };
}

/** Error body of the runtime's HTTP answers (same shape as the platform's). */
export interface RuntimeError {
  error: { code: string; message: string };
}
