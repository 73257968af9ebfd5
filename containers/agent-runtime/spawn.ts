/**
 * Starts the agent-runtime program as a local process (used by `npm start`, the workerd
 * test setup, the benchmark and the contract tests) and stops it again.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join, resolve } from "node:path";

export interface LocalRuntime {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  outputCapBytes?: number;
  /** Forward the program's output to this process's stderr. */
  verbose?: boolean;
}

const ROOT = resolve(import.meta.dirname, "../..");

/** Spawns `node --import tsx containers/agent-runtime/main.ts` and waits for its URL. */
export function spawnRuntime(opts: SpawnOptions = {}): Promise<LocalRuntime> {
  const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "main.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(opts.port ?? 0),
      HOST: "127.0.0.1",
      ...(opts.outputCapBytes ? { OUTPUT_CAP_BYTES: String(opts.outputCapBytes) } : {}),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  return new Promise((resolvePromise, reject) => {
    let seen = "";
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`agent-runtime did not start within 20 s:\n${seen}`));
    }, 20_000);
    child.stderr?.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      if (opts.verbose) process.stderr.write(chunk);
    });
    child.stdout?.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      if (opts.verbose) process.stderr.write(text);
      seen += text;
      const match = /agent-runtime listening on (\S+)/.exec(seen);
      if (match?.[1]) {
        clearTimeout(timer);
        resolvePromise({ url: match[1], child, stop });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`agent-runtime exited with code ${code}:\n${seen}`));
    });
  });
}
