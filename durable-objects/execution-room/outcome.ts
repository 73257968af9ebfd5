/** Turns the runtime's exit line into the execution's final outcome. */
import type { ExitLine } from "../../containers/agent-runtime/protocol";
import { checkOutput } from "../../workers/engine/marketplace/run-output";
import type { FinalStatus } from "./storage";

export interface Outcome {
  status: FinalStatus;
  outputs: unknown;
  exitCode: number | null;
  durationMs: number | null;
  errorMessage: string | null;
}

export interface Requested {
  cancelRequested: boolean;
  timeoutRequested: boolean;
  timeoutMs: number;
}

/** An outcome for a run that never produced an exit line (cancelled in line, refused, lost). */
export function outcomeWithoutExit(status: FinalStatus, errorMessage: string | null, durationMs: number | null = null): Outcome {
  return { status, outputs: null, exitCode: null, durationMs, errorMessage };
}

/**
 * success needs exit code 0 and an output that matches the manifest's output schema;
 * a kill we asked for is `cancelled` or `timeout`; anything else is `failed` with a reason.
 */
export function outcomeOf(exit: ExitLine, requested: Requested, manifest: Record<string, unknown>): Outcome {
  const base = { outputs: null, exitCode: exit.exit_code, durationMs: exit.duration_ms };
  if (requested.cancelRequested) return { ...base, status: "cancelled", errorMessage: "cancelled by request" };
  if (requested.timeoutRequested || exit.timed_out) {
    return { ...base, status: "timeout", errorMessage: `the agent ran longer than its time limit of ${requested.timeoutMs} ms` };
  }
  if (exit.cancelled) return { ...base, status: "failed", errorMessage: "the runtime stopped the agent" };
  if (exit.error) return { ...base, status: "failed", errorMessage: exit.error };
  if (exit.exit_code !== 0) {
    const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.exit_code}`;
    return { ...base, status: "failed", errorMessage: `the agent ${how}` };
  }
  const problems = checkOutput(manifest, exit.output);
  if (problems.length > 0) {
    return { ...base, status: "failed", outputs: exit.output, errorMessage: `the output does not match the manifest's output schema: ${problems.join("; ")}` };
  }
  return { ...base, status: "success", outputs: exit.output, errorMessage: null };
}
