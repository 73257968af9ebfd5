/**
 * Runs one agent as a Node process under the permission model: a fresh temp directory, the
 * code read-only, writes only to the temp directory, no child processes, no worker threads,
 * no addons, a heap cap, a timeout (SIGKILL) and capped stdout/stderr.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { LineSplitter } from "./lines";
import type { ExitLine, LogLine, RunRequest } from "./protocol";
import { BundleError, extractTarGz, safePath } from "./tar";

export interface RunOptions {
  /** Bytes kept per stream (stdout, stderr); the rest is dropped and marked truncated. */
  outputCap: number;
  /** Where the per-run temp directories are made. */
  workRoot?: string;
}

export interface RunHandle {
  readonly executionId: string;
  kill(reason: "cancel"): void;
  readonly done: Promise<ExitLine>;
}

const MAX_OUTPUT_FILE = 1024 * 1024;
const PERMISSION_FLAG = Number(process.versions.node.split(".")[0]) >= 22 ? "--permission" : "--experimental-permission";

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Writes the bundle into `codeDir`; returns the absolute entry path. */
function unpack(req: RunRequest, codeDir: string): string {
  const entry = safePath(req.entry);
  if (entry === "") throw new BundleError("the entry is empty");
  const bytes = Buffer.from(req.code, "base64");
  if (req.code_format === "js") {
    mkdirSync(dirname(join(codeDir, entry)), { recursive: true });
    writeFileSync(join(codeDir, entry), bytes);
  } else {
    extractTarGz(bytes, codeDir);
  }
  const path = join(codeDir, entry);
  if (!existsSync(path) || !statSync(path).isFile()) throw new BundleError(`the entry "${entry}" is not a file of the bundle`);
  return path;
}

function readOutput(tmpDir: string, lastLine: string): unknown {
  const file = join(tmpDir, "output.json");
  try {
    if (existsSync(file) && statSync(file).size <= MAX_OUTPUT_FILE) return parseJson(readFileSync(file, "utf8"));
  } catch {
    /* unreadable output file: fall back to stdout */
  }
  return lastLine.trim() === "" ? null : parseJson(lastLine.trim());
}

/**
 * Starts a run; `emit` receives each stdout/stderr line as it comes.
 *
 * @example const run = startRun(req, (line) => res.write(JSON.stringify(line) + "\n"), { outputCap: 1 << 20 });
 */
export function startRun(req: RunRequest, emit: (line: LogLine) => void, opts: RunOptions): RunHandle {
  const started = Date.now();
  const root = mkdtempSync(join(opts.workRoot ?? tmpdir(), "frameos-run-"));
  const codeDir = join(root, "code");
  const tmpDir = join(root, "tmp");
  mkdirSync(codeDir);
  mkdirSync(tmpDir);
  const cleanup = () => rmSync(root, { recursive: true, force: true });
  const finish = (partial: Partial<ExitLine>): ExitLine => ({
    type: "exit", exit_code: null, signal: null, timed_out: false, cancelled: false, output: null, error: null,
    duration_ms: Date.now() - started, truncated: { stdout: false, stderr: false }, ...partial,
  });

  let entry: string;
  try {
    entry = unpack(req, codeDir);
  } catch (err) {
    cleanup();
    const message = err instanceof BundleError ? err.message : `could not unpack the bundle: ${(err as Error).message}`;
    return { executionId: req.execution_id, kill: () => {}, done: Promise.resolve(finish({ error: message })) };
  }

  let seq = 0;
  const out = new LineSplitter(opts.outputCap, (data) => emit({ type: "stdout", seq: ++seq, data }));
  const err = new LineSplitter(opts.outputCap, (data) => emit({ type: "stderr", seq: ++seq, data }));
  const child = spawn(
    process.execPath,
    [
      PERMISSION_FLAG,
      `--allow-fs-read=${codeDir}`,
      `--allow-fs-read=${tmpDir}`,
      `--allow-fs-write=${tmpDir}`,
      `--max-old-space-size=${Math.max(16, Math.floor(req.memory_mb))}`,
      "--disable-warning=ExperimentalWarning",
      "--disallow-code-generation-from-strings",
      entry,
    ],
    {
      cwd: tmpDir,
      stdio: ["pipe", "pipe", "pipe"],
      env: {
        PATH: "/usr/local/bin:/usr/bin:/bin",
        HOME: tmpDir,
        TMPDIR: tmpDir,
        NODE_ENV: "production",
        FRAMEOS_EXECUTION_ID: req.execution_id,
        FRAMEOS_INPUTS: JSON.stringify(req.inputs ?? null),
        FRAMEOS_CONFIG: JSON.stringify(req.config ?? null),
        FRAMEOS_OUTPUT_FILE: join(tmpDir, "output.json"),
      },
    },
  );
  let timedOut = false;
  let cancelled = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, req.timeout_ms);
  child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
  child.stdin.on("error", () => {
    /* the agent did not read its stdin */
  });
  child.stdin.end(`${JSON.stringify(req.inputs ?? null)}\n`);

  const done = new Promise<ExitLine>((resolve) => {
    let spawnError: string | null = null;
    child.on("error", (e) => {
      spawnError = `could not start the agent: ${e.message}`;
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      out.end();
      err.end();
      const output = timedOut || cancelled ? null : readOutput(tmpDir, out.lastLine);
      cleanup();
      resolve(finish({
        exit_code: code, signal, timed_out: timedOut, cancelled, output, error: spawnError,
        truncated: { stdout: out.truncated, stderr: err.truncated },
      }));
    });
  });
  return {
    executionId: req.execution_id,
    kill: () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      cancelled = true;
      child.kill("SIGKILL");
    },
    done,
  };
}
