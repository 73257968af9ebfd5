/**
 * The lifecycle of one execution inside its ExecutionRoom: idempotent start, the
 * concurrency slot, the sha256 check, the runtime call, live logs, the time limit, retries
 * after infrastructure failures, and the final outcome (D1, R2, live clients, settlement).
 */
import { notifyCallback } from "../../workers/engine/marketplace/callbacks";
import { settleExecution } from "../../workers/engine/marketplace/settlement";
import { suspendedRunMessage } from "../../workers/engine/marketplace/suspension";
import { executionScheduler, MAX_ATTEMPTS, retryDelaySeconds } from "../../workers/engine/marketplace/runner";
import { isFinal, loadRun, markAttempt, markRequeued, markRunning, type RunRecord } from "../../workers/engine/marketplace/run-records";
import type { RuntimeTransport } from "../../workers/engine/marketplace/run-transport";
import type { Env } from "../../workers/env";
import { LogFanout, resumeFrom } from "./log-stream";
import { fetchVerifiedCode, followRun, runRequest, writeOutcome, type CodeResult } from "./records";
import { outcomeOf, outcomeWithoutExit, type Outcome } from "./outcome";
import type { Grant } from "./scheduler";
import { appendLine, elapsedMs, lastSeq, publicStatus, statusEventOf, linesAfter, loadState, saveState, setMeta, type RunState } from "./storage";

export type StartResult =
  | { ok: true; status: string; position?: number; duplicate?: boolean }
  | { ok: false; code: string; message: string; retryable: boolean };

export type CancelResult = { ok: true; status: string } | { ok: false; code: string; message: string };

/** Margin on top of a run's time limit before its concurrency slot is taken back. */
const LEASE_MARGIN_MS = 120_000;
/** How long a kill may take before the room records the outcome without the runtime's word. */
const KILL_WAIT_MS = 5_000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** One execution's state machine: idle → starting → waiting → running → final (or retry_wait). */
export class Lifecycle {
  #state: RunState;
  #logs = new LogFanout();
  #record: RunRecord | null = null;
  #code: Uint8Array | null = null;
  /** The live run's stream consumer; null when no run is attached to this instance. */
  #run: Promise<void> | null = null;
  #bytes = { stdout: 0, stderr: 0 };
  #settling: Promise<void> | null = null;

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly env: Env,
    private readonly transport: RuntimeTransport,
  ) {
    this.#state = loadState(ctx.storage.sql);
  }

  get #sql(): SqlStorage {
    return this.ctx.storage.sql;
  }

  /**
   * Runs attempt `attempt` of an execution (called by the queue consumer). Idempotent: a
   * duplicate delivery, an older attempt or an already final execution changes nothing.
   * `{ok:false, retryable:true}` asks the consumer to retry the message later.
   */
  async start(executionId: string, attempt: number): Promise<StartResult> {
    const s = this.#state;
    if (s.executionId !== null && s.executionId !== executionId) return { ok: false, code: "wrong_room", message: "this room belongs to another execution", retryable: false };
    if (s.phase === "final") return { ok: true, status: s.status ?? "failed", duplicate: true };
    if (attempt <= s.attempt || (s.phase !== "idle" && s.phase !== "retry_wait")) return { ok: true, status: publicStatus(this.#state), duplicate: true };
    this.#update({ executionId, attempt, phase: "starting", cancelRequested: false, timeoutRequested: false });
    let record: RunRecord | null;
    try {
      record = await loadRun(this.env, executionId);
    } catch (err) {
      return this.#infraFailure(`could not read the execution: ${(err as Error).message}`, true);
    }
    if (!record) {
      this.#update({ executionId: null, attempt: 0, phase: "idle" });
      return { ok: false, code: "not_found", message: `execution ${executionId} does not exist`, retryable: false };
    }
    if (isFinal(record.status)) {
      this.#update({ phase: "final", status: record.status, settled: true, recorded: true });
      return { ok: true, status: record.status, duplicate: true };
    }
    if (this.#isFinal()) return { ok: true, status: publicStatus(this.#state) };
    this.#record = record;
    this.#update({ queue: record.queue, timeoutMs: record.timeoutMs });
    if (record.agentStatus === "suspended") return this.#refuseSuspended(record.agentReason);
    await markAttempt(this.env, executionId, attempt);
    const loaded = await this.#loadCode(true);
    if (loaded) return loaded;
    let grant: Grant;
    try {
      grant = await executionScheduler(this.env).acquire(executionId, record.queue, record.timeoutMs + LEASE_MARGIN_MS);
    } catch (err) {
      return this.#infraFailure(`the scheduler did not answer: ${(err as Error).message}`, true);
    }
    if (this.#isFinal()) return this.#releaseAfterFinal();
    if (!grant.granted) {
      this.#update({ phase: "waiting" });
      return { ok: true, status: "queued", position: grant.position };
    }
    return this.#launch(true);
  }

  /** queued → cancelled at once; running → the process is killed and the status is cancelled. */
  async cancel(executionId: string): Promise<CancelResult> {
    const s = this.#state;
    if (s.executionId !== null && s.executionId !== executionId) return { ok: false, code: "not_found", message: "this room belongs to another execution" };
    if (s.phase === "final") return { ok: false, code: "already_finished", message: `the execution already finished (${s.status})` };
    if (s.phase === "running") {
      this.#update({ cancelRequested: true });
      await this.#kill(executionId);
      if (!this.#isFinal()) await this.#finalize(outcomeWithoutExit("cancelled", "cancelled by request", elapsedMs(this.#state)));
      return { ok: true, status: this.#state.status ?? "cancelled" };
    }
    if (s.executionId === null) {
      const record = await loadRun(this.env, executionId);
      if (!record) return { ok: false, code: "not_found", message: `execution ${executionId} does not exist` };
      if (isFinal(record.status)) return { ok: false, code: "already_finished", message: `the execution already finished (${record.status})` };
      this.#update({ executionId });
    }
    this.#update({ cancelRequested: true });
    await this.#finalize(outcomeWithoutExit("cancelled", "cancelled by request"));
    return { ok: true, status: "cancelled" };
  }

  /** A slot freed for this waiting run; false = not waiting any more. */
  async grant(executionId: string): Promise<boolean> {
    if (this.#state.executionId !== executionId || this.#state.phase !== "waiting") return false;
    this.#update({ phase: "starting" });
    // The agent may have been suspended while this run waited in line; #launch uses the fresh record.
    const fresh = await loadRun(this.env, executionId).catch(() => null);
    if (fresh?.agentStatus === "suspended") {
      await this.#refuseSuspended(fresh.agentReason);
      return true;
    }
    if (fresh) this.#record = fresh;
    await this.#launch(false);
    return true;
  }

  /** `GET /logs`: SSE replay after Last-Event-ID, live lines, then the final `status` event. */
  async logs(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (this.#state.executionId === null) {
      const id = url.searchParams.get("execution") ?? request.headers.get("x-execution-id") ?? /\/executions\/([^/]+)\/logs$/.exec(url.pathname)?.[1] ?? null;
      const record = id ? await loadRun(this.env, id) : null;
      if (record && isFinal(record.status)) return this.#logs.open([], { status: record.status, exit_code: null, duration_ms: null, error_message: null });
    }
    const backlog = linesAfter(this.#sql, resumeFrom(request));
    return this.#logs.open(backlog, this.#isFinal() ? statusEventOf(this.#state) : null);
  }

  /** Alarm: the time limit of a running attempt, or a retry of recording and settling. */
  async alarm(): Promise<void> {
    const s = this.#state;
    if (s.phase === "running" && s.executionId) {
      if (!this.#run) return void (await this.#infraFailure("lost contact with the running agent", false));
      this.#update({ timeoutRequested: true });
      await this.#kill(s.executionId);
      if (!this.#isFinal()) await this.#finalize(outcomeWithoutExit("timeout", `the agent ran longer than its time limit of ${s.timeoutMs} ms`, elapsedMs(this.#state)));
    } else if (s.phase === "final") {
      await this.#record_();
      await this.#settle();
      await this.#notify();
    }
  }

  // -- private: the run --------------------------------------------------------------------

  /** Fetches the bundle and checks its sha256; returns a result to stop with, or null to go on. */
  async #loadCode(sync: boolean): Promise<StartResult | null> {
    const record = this.#record;
    if (!record) return this.#infraFailure("the execution record is not loaded", sync);
    let code: CodeResult;
    try {
      code = await fetchVerifiedCode(this.env, record);
    } catch (err) {
      return this.#infraFailure(`could not read the agent's code from R2: ${(err as Error).message}`, sync);
    }
    if (!code.ok) {
      await this.#finalize(outcomeWithoutExit("failed", code.integrity));
      return { ok: true, status: "failed" };
    }
    this.#code = code.bytes;
    return null;
  }

  /** Sends the run to the runtime and follows its output in the background. */
  async #launch(sync: boolean): Promise<StartResult> {
    const id = this.#state.executionId ?? "";
    if (!this.#record || !this.#code) {
      this.#record = this.#record ?? (await loadRun(this.env, id));
      const stop = await this.#loadCode(sync);
      if (stop) return this.#releaseAfterFinal(stop);
    }
    const record = this.#record;
    const code = this.#code;
    if (!record || !code) return this.#infraFailure("the execution could not be loaded", sync);
    const request = runRequest(id, record, code);
    let res: Response;
    try {
      res = await this.transport.fetch(id, "/run", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(request) });
    } catch (err) {
      return this.#infraFailure((err as Error).message, sync);
    }
    if (!res.ok || !res.body) {
      const text = await res.text().catch(() => "");
      return this.#infraFailure(`the agent runtime refused the run (${res.status}): ${text.slice(0, 300)}`, sync);
    }
    if (this.#isFinal()) {
      await res.body.cancel();
      await this.#kill(id);
      return this.#releaseAfterFinal();
    }
    const startedAt = Date.now();
    this.#update({ phase: "running", startedAt });
    this.#bytes = { stdout: 0, stderr: 0 };
    await this.ctx.storage.setAlarm(startedAt + record.timeoutMs);
    this.#run = this.#follow(res.body, lastSeq(this.#sql));
    await markRunning(this.env, id, new Date(startedAt).toISOString());
    return { ok: true, status: "running" };
  }

  async #follow(body: ReadableStream<Uint8Array>, seqBase: number): Promise<void> {
    const exit = await followRun(body, seqBase, (line) => {
      if (!appendLine(this.#sql, line, this.#bytes[line.stream])) return;
      this.#bytes[line.stream] += line.data.length + 1;
      this.#logs.line(line);
    });
    this.#run = null;
    const s = this.#state;
    if (s.phase !== "running") return;
    if (exit) return this.#finalize(outcomeOf(exit, s, this.#record?.manifest ?? {}));
    if (s.cancelRequested) return this.#finalize(outcomeWithoutExit("cancelled", "cancelled by request", elapsedMs(this.#state)));
    if (s.timeoutRequested) return this.#finalize(outcomeWithoutExit("timeout", `the agent ran longer than its time limit of ${s.timeoutMs} ms`, elapsedMs(this.#state)));
    await this.#infraFailure("the agent runtime stopped answering before the run ended", false);
  }

  /** Asks the runtime to kill the run and waits (bounded) for its stream to end. */
  async #kill(executionId: string): Promise<void> {
    await this.transport.fetch(executionId, `/run/${encodeURIComponent(executionId)}`, { method: "DELETE" }).then((r) => r.body?.cancel(), () => undefined);
    if (this.#run) await Promise.race([this.#run, sleep(KILL_WAIT_MS)]);
  }

  /**
   * An infrastructure failure: the slot goes back and the attempt is retried later — by the
   * consumer (`sync`: the answer says retryable) or by a new queue message — until
   * MAX_ATTEMPTS, after which the execution fails.
   */
  async #infraFailure(message: string, sync: boolean): Promise<StartResult> {
    const s = this.#state;
    const id = s.executionId ?? "";
    await executionScheduler(this.env).release(id).catch(() => undefined);
    if (s.attempt >= MAX_ATTEMPTS) {
      await this.#finalize(outcomeWithoutExit("failed", `infrastructure failure after ${s.attempt} attempts: ${message}`));
      return { ok: false, code: "infrastructure", message, retryable: false };
    }
    this.#update({ phase: "retry_wait" });
    await this.ctx.storage.deleteAlarm();
    await markRequeued(this.env, id, `attempt ${s.attempt} failed: ${message}; retrying`).catch(() => undefined);
    if (!sync) {
      const queue = s.queue === "paid" ? this.env.EXECUTIONS_PAID : this.env.EXECUTIONS_FREE;
      await queue.send({ execution_id: id, attempt: s.attempt + 1 }, { delaySeconds: retryDelaySeconds(s.attempt) });
    }
    return { ok: false, code: "infrastructure", message, retryable: true };
  }

  /** Records the final outcome once: room state, full logs in R2, D1 row, live clients, slot, settlement. */
  async #finalize(outcome: Outcome): Promise<void> {
    if (this.#isFinal()) return;
    this.#update({ phase: "final", status: outcome.status, durationMs: outcome.durationMs, exitCode: outcome.exitCode, errorMessage: outcome.errorMessage, recorded: false });
    setMeta(this.#sql, "outputs", JSON.stringify(outcome.outputs ?? null));
    await this.ctx.storage.deleteAlarm();
    await this.#record_();
    this.#logs.finish(statusEventOf(this.#state));
    await executionScheduler(this.env).release(this.#state.executionId ?? "").catch(() => undefined);
    await this.#settle();
  }

  /** Writes logs and the D1 row; on failure an alarm tries again. */
  async #record_(): Promise<void> {
    const s = this.#state;
    if (s.recorded || !s.executionId || !s.status) return;
    try {
      await writeOutcome(this.env, this.#sql, s);
      this.#update({ recorded: true });
    } catch (err) {
      console.error("execution-room: could not record the outcome; retrying", err);
      await this.ctx.storage.setAlarm(Date.now() + 10_000);
    }
  }

  /** Calls settleExecution once per final outcome (the `settled` flag survives restarts). */
  async #settle(): Promise<void> {
    const s = this.#state;
    if (s.settled || !s.recorded || !s.executionId || !s.status) return;
    if (this.#settling) return this.#settling;
    const { executionId, status, durationMs } = s;
    this.#settling = settleExecution(this.env, executionId, { status, duration_ms: durationMs })
      .then(() => this.#update({ settled: true }))
      .then(() => this.#notify())
      .catch(async (err: unknown) => {
        console.error("execution-room: settlement failed; retrying", err);
        await this.ctx.storage.setAlarm(Date.now() + 30_000);
      })
      .finally(() => {
        this.#settling = null;
      });
    return this.#settling;
  }

  /** Delivers the outcome to the plugin that started the run (agent.execute), once, after settlement. */
  async #notify(): Promise<void> {
    const s = this.#state;
    if (s.notified || !s.settled || !s.executionId) return;
    // A backstop first: if this instance stops midway, the alarm delivers (the callback row claims once).
    await this.ctx.storage.setAlarm(Date.now() + 30_000);
    try {
      await notifyCallback(this.env, s.executionId);
      this.#update({ notified: true });
      await this.ctx.storage.deleteAlarm();
    } catch (err) {
      console.error("execution-room: could not deliver the outcome to its plugin; the alarm retries", err);
    }
  }

  /** A run of a suspended agent ends `failed` before it starts, saying why. */
  async #refuseSuspended(reason: string | null): Promise<StartResult> {
    await this.#finalize(outcomeWithoutExit("failed", suspendedRunMessage(reason)));
    return { ok: true, status: "failed" };
  }

  // -- private: helpers --------------------------------------------------------------------

  #update(patch: Partial<RunState>): void {
    this.#state = { ...this.#state, ...patch };
    saveState(this.#sql, this.#state);
  }

  #isFinal(): boolean {
    return this.#state.phase === "final";
  }

  async #releaseAfterFinal(result?: StartResult): Promise<StartResult> {
    await executionScheduler(this.env).release(this.#state.executionId ?? "").catch(() => undefined);
    return result ?? { ok: true, status: publicStatus(this.#state) };
  }
}
