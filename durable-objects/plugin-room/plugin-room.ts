import { DurableObject } from "cloudflare:workers";
import { applyPatch, type Operation } from "fast-json-patch";
import { diff } from "../../lib/history/diff";
import { type ExportRecord } from "../../lib/history/fast-import";
import { anyOverlap, touchedPaths } from "../../lib/history/paths";
import { commitMessage } from "../../lib/history/fast-import";
import type { ChangesSince, JsonValue, PatchOp, RoomEvent } from "../../lib/protocol/events";
import { roomName } from "../../lib/protocol/events";
import type { Env } from "../../workers/env";
import type { WorkspaceHub } from "../workspace-hub/workspace-hub";
import { checkEffects, checkResult, type Effect } from "./command-result";
import type { Value } from "../../lib/starlark";
import { runHandler } from "./handler-runtime";
import type { Budgets } from "../../lib/protocol/plugin";
import { History, type HistoryFilter, type HistoryRecord } from "./history";
import { META_COMMANDS, runMetaCommand, type FileChange } from "./meta-commands";
import { parseRoomFiles, type RoomFiles } from "./room-files";
import { Blobs, Meta, ensureSchema } from "./storage";
import type { RoomCommand, RoomKey, RoomOutcome } from "./types";

/** Patches kept for `?since=N` and resume. */
export const CHANGELOG_SIZE = 1000;
const ERROR_RING = 100;
/** Largest state a room keeps, in JSON characters. */
export const MAX_STATE_CHARS = 8 * 1024 * 1024;

/** The events one version produced: its state event, and the file event of a meta-command. */
type VersionEvent = Extract<RoomEvent, { type: "state" | "ui" | "styles" | "bindings" }>;

/** What a successful transaction needs written. */
interface Commit {
  cmd: RoomCommand;
  dispatchId: number;
  state: JsonValue;
  patch: PatchOp[];
  inverse: PatchOp[];
  files: FileChange | null;
}

/** One per (workspace, plugin, instance): dispatch, state, changelog, history, fanout. */
export class PluginRoom extends DurableObject<Env> {
  #sql: SqlStorage;
  #meta: Meta;
  #blobs: Blobs;
  #history: History;
  #key: RoomKey | null = null;
  #files: RoomFiles | null = null;
  #state: JsonValue | null = null;
  /** The current state as the frozen Starlark value its last handler returned, to skip converting it again. */
  #stateValue: { json: JsonValue; value: Value } | null = null;
  #publishing: Promise<void> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    ensureSchema(this.#sql);
    this.#meta = new Meta(this.#sql);
    this.#blobs = new Blobs(this.#sql);
    this.#history = new History(this.#sql, this.#blobs);
  }

  /** Runs one command: validate, run the handler under budgets, commit atomically, publish. */
  async dispatch(key: RoomKey, cmd: RoomCommand): Promise<RoomOutcome> {
    const loaded = await this.#load(key);
    if (!loaded.ok) return loaded.outcome;
    const dispatchId = this.#meta.number("dispatch_seq") + 1;
    this.#meta.set("dispatch_seq", String(dispatchId));
    const version = this.#version();
    const failed = (status: 400 | 404 | 409 | 422, code: string, message: string, details?: JsonValue): RoomOutcome => {
      this.#recordError(dispatchId, cmd.command, code, message);
      return { ok: false, status, version, dispatch_id: dispatchId, error: details === undefined ? { code, message } : { code, message, details } };
    };
    if (cmd.expect_version !== undefined && cmd.expect_version !== version) {
      return failed(409, "version_mismatch", `expected version ${cmd.expect_version}, the room is at ${version}`, { expected: cmd.expect_version, actual: version });
    }
    if (META_COMMANDS.has(cmd.command)) {
      const meta = runMetaCommand(cmd.command, cmd.params, this.#files!.files);
      if (!meta.ok) return failed(422, meta.error.code, meta.error.message, meta.error.details);
      return this.#commit({ cmd, dispatchId, state: this.#currentState(), patch: [], inverse: [], files: meta.change }, null, [], []);
    }
    const spec = this.#files!.commands.get(cmd.command);
    if (!spec) return failed(404, "unknown_command", `${key.plugin} has no command ${cmd.command}`);
    const paramProblems = spec.validateParams(cmd.params);
    if (paramProblems.length) return failed(400, "invalid_params", `invalid params for ${cmd.command}`, paramProblems as unknown as JsonValue);

    const state = this.#currentState();
    const run = runHandler({
      source: this.#files!.files[spec.file]!,
      file: spec.file,
      handler: spec.handler,
      state,
      params: cmd.params,
      ctx: {
        identity: { id: cmd.author.id, name: cmd.author.name, type: cmd.author.type },
        source: cmd.source,
        author: cmd.author.name,
        dispatch_id: dispatchId,
        batch_id: cmd.batch_id,
        changeset: cmd.changeset,
        timestamp: new Date().toISOString(),
        plugin: key.plugin,
        instance: key.instance,
      },
      budgets: this.#budgets(),
      stateValue: this.#stateValue?.json === state ? this.#stateValue.value : undefined,
    });
    if (!run.ok) return failed(422, run.code, run.message, run.details);
    const checked = checkResult(run.value);
    if (!checked.ok) return failed(422, "bad_result", checked.message);
    const effects = checkEffects(checked.value.effects);
    if (!effects.ok) return failed(422, "bad_effect", effects.message);

    const next = (checked.value.state ?? state) as JsonValue;
    const stateProblems = this.#files!.validateState(next);
    if (stateProblems.length) return failed(422, "invalid_state", `${cmd.command} returned a state that breaks the schema`, stateProblems as unknown as JsonValue);
    const { patch, inverse } = diff(state, next);
    if (patch.length && JSON.stringify(next).length > MAX_STATE_CHARS) return failed(422, "state_too_large", `the state would exceed ${MAX_STATE_CHARS} characters`);
    const extra: RoomEvent[] = [];
    const room = roomName(key.plugin, key.instance);
    const r = checked.value;
    if (r.toast) extra.push({ type: "toast", room, message: r.toast.message, level: r.toast.level });
    for (const a of r.animate === undefined ? [] : Array.isArray(r.animate) ? r.animate : [r.animate]) extra.push({ type: "animate", room, target: a.target, animation: a.animation });
    if (r.tokens_changed) extra.push({ type: "tokens", room, value: r.tokens_changed as JsonValue });
    const outcome = this.#commit({ cmd, dispatchId, state: next, patch, inverse, files: null }, r.result ?? null, extra, effects.value, r.broadcast_full_state);
    if (outcome.ok && run.stateValue && checked.value.state) this.#stateValue = { json: next, value: run.stateValue };
    if (outcome.ok) outcome.sub_commands = r.sub_commands.map((s) => ({ ...s, plugin: s.plugin ?? key.plugin }));
    return outcome;
  }

  /** Full state with its version. */
  async getState(key: RoomKey): Promise<{ version: number; state: JsonValue } | { error: { code: string; message: string } }> {
    const loaded = await this.#load(key);
    if (!loaded.ok) return { error: loaded.outcome.ok ? { code: "internal", message: "" } : loaded.outcome.error };
    return { version: this.#version(), state: this.#currentState() };
  }

  /** Patches after `since` from the changelog ring, or the full state when the ring no longer covers them. */
  async changesSince(key: RoomKey, since: number): Promise<ChangesSince> {
    await this.#load(key);
    const version = this.#version();
    const oldest = Number(this.#sql.exec<{ v: number | null }>(`SELECT min(version) AS v FROM _sys_changelog`).one().v ?? version + 1);
    if (since < oldest - 1 || since > version) return { kind: "full", version, state: this.#currentState(), reason: "too_old" };
    const events = this.#sql
      .exec<{ event: string }>(`SELECT event FROM _sys_changelog WHERE version > ? ORDER BY version`, since)
      .toArray()
      .flatMap((row) => JSON.parse(row.event) as VersionEvent[]);
    return { kind: "patches", version, events };
  }

  /** The plugin files this room runs from. */
  async files(key: RoomKey): Promise<Record<string, string> | null> {
    const loaded = await this.#load(key);
    return loaded.ok ? this.#files!.files : null;
  }

  async history(key: RoomKey, filter: HistoryFilter): Promise<HistoryRecord[]> {
    await this.#load(key);
    return this.#history.list(filter);
  }

  async errors(key: RoomKey): Promise<{ at: string; dispatch_id: number; command: string; code: string; message: string }[]> {
    await this.#load(key);
    return this.#sql.exec<{ at: string; dispatch_id: number; command: string; code: string; message: string }>(`SELECT at, dispatch_id, command, code, message FROM _sys_errors ORDER BY id DESC`).toArray();
  }

  /** Saves the current state under a name (replacing an older snapshot of that name). */
  async saveSnapshot(key: RoomKey, name: string, author: string): Promise<{ name: string; version: number; at: string }> {
    await this.#load(key);
    const row = { name, version: this.#version(), at: new Date().toISOString() };
    this.ctx.storage.transactionSync(() => {
      this.#blobs.put(`snapshot:${name}`, this.#currentState());
      this.#sql.exec(`INSERT OR REPLACE INTO _sys_snapshots (name, version, at, author) VALUES (?, ?, ?, ?)`, name, row.version, row.at, author);
    });
    return row;
  }

  async snapshots(key: RoomKey): Promise<{ name: string; version: number; at: string; author: string }[]> {
    await this.#load(key);
    return this.#sql.exec<{ name: string; version: number; at: string; author: string }>(`SELECT name, version, at, author FROM _sys_snapshots ORDER BY at DESC`).toArray();
  }

  /** Restores a snapshot as a recorded command, so it can itself be reverted. */
  async restoreSnapshot(key: RoomKey, name: string, cmd: RoomCommand): Promise<RoomOutcome> {
    const loaded = await this.#load(key);
    if (!loaded.ok) return loaded.outcome;
    const snapshot = this.#blobs.get(`snapshot:${name}`);
    if (snapshot === undefined) return { ok: false, status: 404, version: this.#version(), error: { code: "not_found", message: `no snapshot named ${name}` } };
    return this.#applyState({ ...cmd, command: "restore_snapshot", params: { name } }, snapshot);
  }

  /**
   * Applies the inverse of a changeset's records in reverse order as one new recorded command.
   * If later records touched the same paths it refuses with the list, unless `force`.
   */
  async revert(key: RoomKey, changeset: string, force: boolean, cmd: RoomCommand): Promise<RoomOutcome> {
    const loaded = await this.#load(key);
    if (!loaded.ok) return loaded.outcome;
    const version = this.#version();
    const records = this.#history.byChangeset(changeset);
    if (!records.length) return { ok: false, status: 404, version, error: { code: "not_found", message: `no changes in changeset ${changeset}` } };
    const paths = records.flatMap((r) => touchedPaths(r.patch));
    const later = [...this.#history.after(records.at(-1)!.seq)].filter((r) => r.changeset !== changeset && anyOverlap(paths, touchedPaths(r.patch)));
    if (later.length && !force) {
      const details = later.map((r) => ({ seq: r.seq, command: r.command, changeset: r.changeset, paths: touchedPaths(r.patch) }));
      return { ok: false, status: 409, version, error: { code: "revert_conflict", message: `${later.length} later change(s) touched the same paths; pass force: true to revert anyway`, details } };
    }
    let state = structuredClone(this.#currentState());
    try {
      for (const r of [...records].reverse()) state = applyPatch(state as object, structuredClone(r.inverse) as Operation[], false, false).newDocument as JsonValue;
    } catch (err) {
      return { ok: false, status: 409, version, error: { code: "revert_conflict", message: `the changeset no longer applies cleanly: ${String(err)}` } };
    }
    return this.#applyState({ ...cmd, command: "revert", params: { changeset, force }, trailers: [["Reverts", changeset]] }, state);
  }

  /** Every history record with the full tree after it, oldest first, for `git fast-import`. */
  async exportRecords(key: RoomKey): Promise<ExportRecord[]> {
    await this.#load(key);
    let files = { ...((this.#blobs.get("initial_files") ?? {}) as Record<string, string>) };
    let state = structuredClone(this.#files!.initialState);
    const out: ExportRecord[] = [];
    for (const r of this.#history.after(0)) {
      state = applyPatch(state as object, structuredClone(r.patch) as Operation[], false, false).newDocument as JsonValue;
      if (r.files) files = applyFileChange(files, r.files);
      out.push({ seq: r.seq, at: r.at, author: r.author, message: r.message, files, state: structuredClone(state) });
    }
    return out;
  }

  /** True once for the newest schedule under `name`; an older or repeated delivery gets false. */
  async claimSchedule(key: RoomKey, name: string, token: string): Promise<boolean> {
    await this.#load(key);
    if (this.#meta.get(`schedule:${name}`) !== token) return false;
    this.#sql.exec(`DELETE FROM _sys_meta WHERE key = ?`, `schedule:${name}`);
    return true;
  }

  /** Forgets everything (the plugin was uninstalled). */
  async destroy(): Promise<void> {
    await this.ctx.storage.deleteAll();
    this.#key = this.#files = this.#state = this.#stateValue = null;
    ensureSchema(this.#sql);
  }

  // -- private helpers --------------------------------------------------------------------

  #version(): number {
    return this.#meta.number("version");
  }

  #currentState(): JsonValue {
    this.#state ??= this.#blobs.get("state") ?? {};
    return this.#state;
  }

  #budgets(): Partial<Budgets> | undefined {
    return (this.#files!.manifest as { budgets?: Partial<Budgets> }).budgets;
  }

  /** Loads the room's files on first use, from the workspace's installed package in D1. */
  async #load(key: RoomKey): Promise<{ ok: true } | { ok: false; outcome: RoomOutcome }> {
    if (this.#files && this.#key) return { ok: true };
    const stored = this.#blobs.get("files") as Record<string, string> | undefined;
    let files = stored;
    if (!files) {
      const row = await this.env.DB.prepare(`SELECT files FROM installed_plugins WHERE workspace_id = ? AND name = ?`).bind(key.workspace, key.plugin).first<{ files: string }>();
      if (!row) return { ok: false, outcome: { ok: false, status: 404, version: 0, error: { code: "not_installed", message: `${key.plugin} is not installed` } } };
      files = JSON.parse(row.files) as Record<string, string>;
      const parsed = parseRoomFiles(files);
      const initial = parsed.initialState;
      this.ctx.storage.transactionSync(() => {
        this.#blobs.put("files", files!);
        this.#blobs.put("initial_files", files!);
        this.#blobs.put("state", initial);
        this.#meta.set("key", JSON.stringify(key));
        this.#meta.set("version", "0");
      });
      await this.env.DB.prepare(`INSERT OR IGNORE INTO plugin_instances (workspace_id, plugin, instance) VALUES (?, ?, ?)`).bind(key.workspace, key.plugin, key.instance).run();
      this.#files = parsed;

    } else {
      this.#files = parseRoomFiles(files);
    }
    this.#key = JSON.parse(this.#meta.get("key") ?? JSON.stringify(key)) as RoomKey;
    return { ok: true };
  }

  #recordError(dispatchId: number, command: string, code: string, message: string): void {
    this.#sql.exec(`INSERT INTO _sys_errors (at, dispatch_id, command, code, message) VALUES (?, ?, ?, ?, ?)`, new Date().toISOString(), dispatchId, command, code, message);
    this.#sql.exec(`DELETE FROM _sys_errors WHERE id <= (SELECT max(id) FROM _sys_errors) - ?`, ERROR_RING);
    const room = roomName(this.#key!.plugin, this.#key!.instance);
    this.#publish([
      { type: "error", room, command, error: { code, message } },
      { type: "toast", room, message: `${command} failed: ${message}`, level: "error" },
    ]);
  }

  /** Commits a state computed by the framework itself (restore, revert) through the same checks. */
  #applyState(cmd: RoomCommand, next: JsonValue): RoomOutcome {
    const dispatchId = this.#meta.number("dispatch_seq") + 1;
    this.#meta.set("dispatch_seq", String(dispatchId));
    const problems = this.#files!.validateState(next);
    if (problems.length) {
      this.#recordError(dispatchId, cmd.command, "invalid_state", "the resulting state breaks the schema");
      return { ok: false, status: 422, version: this.#version(), dispatch_id: dispatchId, error: { code: "invalid_state", message: "the resulting state breaks the schema", details: problems as unknown as JsonValue } };
    }
    const { patch, inverse } = diff(this.#currentState(), next);
    return this.#commit({ cmd, dispatchId, state: next, patch, inverse, files: null }, null, [], []);
  }

  /** Writes state, version, changelog and history in one transaction, then publishes and enqueues effects. */
  #commit(c: Commit, result: JsonValue, extra: RoomEvent[], effects: Effect[], fullState = false): RoomOutcome {
    const key = this.#key!;
    const room = roomName(key.plugin, key.instance);
    const version = this.#version() + 1;
    const seq = this.#history.lastSeq() + 1;
    const stateEvent: Extract<RoomEvent, { type: "state" }> = {
      type: "state", room, version, dispatch_id: c.dispatchId, batch_id: c.cmd.batch_id, source: c.cmd.source, patch: c.patch, rendering: c.cmd.rendering,
    };
    const trailers: [string, string][] = [["Source", c.cmd.source], ["Command", c.cmd.command], ["Changeset", c.cmd.changeset], ...(c.cmd.trailers ?? [])];
    const files = c.files ? applyFileChange(this.#files!.files, c.files.files) : null;
    const versionEvents: VersionEvent[] = [stateEvent];
    if (c.files && c.files.event !== "commands") versionEvents.push({ type: c.files.event, room, version, value: c.files.value });
    this.ctx.storage.transactionSync(() => {
      if (c.patch.length) this.#blobs.put("state", c.state);
      if (files) this.#blobs.put("files", files);
      this.#meta.set("version", String(version));
      this.#sql.exec(`INSERT INTO _sys_changelog (version, event) VALUES (?, ?)`, version, JSON.stringify(versionEvents));
      this.#sql.exec(`DELETE FROM _sys_changelog WHERE version <= ?`, version - CHANGELOG_SIZE);
      this.#history.append({
        seq, version, at: new Date().toISOString(), author: c.cmd.author, source: c.cmd.source, command: c.cmd.command, params: c.cmd.params,
        changeset: c.cmd.changeset, batch_id: c.cmd.batch_id, dispatch_id: c.dispatchId, message: commitMessage(c.cmd.command, c.cmd.params, trailers),
        trailers, patch: c.patch, inverse: c.inverse, files: c.files?.files ?? null,
      });
    });
    this.#state = c.state;
    if (files) this.#files = parseRoomFiles(files);
    const events: RoomEvent[] = [...versionEvents];
    if (fullState) events.push({ type: "full_state", room, version, state: c.state, reason: "broadcast" });
    this.#publish([...events, ...extra]);
    this.#enqueue(effects, c, version);
    return { ok: true, version, dispatch_id: c.dispatchId, result, patch: c.patch, sub_commands: [] };
  }

  /** Hands events to the workspace hub in order, without making the caller wait for the fanout. */
  #publish(events: RoomEvent[]): void {
    const hub = this.env.WORKSPACE_HUB.get(this.env.WORKSPACE_HUB.idFromName(this.#key!.workspace));
    const workspace = this.#key!.workspace;
    this.#publishing = this.#publishing.then(() => publishTo(hub, workspace, events)).catch(() => undefined);
    this.ctx.waitUntil(this.#publishing);
  }

  #enqueue(effects: Effect[], c: Commit, version: number): void {
    if (!effects.length) return;
    const messages = effects.map((effect, index) => {
      const token = `${c.dispatchId}`;
      if (effect.type === "schedule" && effect.key) this.#meta.set(`schedule:${effect.key}`, token);
      return {
        // `author` and `index` let agent.execute run as the dispatcher and start one run per effect.
        body: { kind: "effect", room: this.#key, effect, token, changeset: c.cmd.changeset, batch_id: c.cmd.batch_id, version, author: c.cmd.author, index },
        ...(effect.type === "schedule" ? { delaySeconds: Math.ceil(effect.delay_ms / 1000) } : {}),
      };
    });
    this.ctx.waitUntil(this.env.EVENTS.sendBatch(messages));
  }
}

async function publishTo(hub: DurableObjectStub<WorkspaceHub>, workspace: string, events: RoomEvent[]): Promise<void> {
  await (hub as unknown as { publish(ws: string, events: RoomEvent[]): Promise<unknown> }).publish(workspace, events);
}

function applyFileChange(files: Record<string, string>, change: Record<string, string | null>): Record<string, string> {
  const next = { ...files };
  for (const [path, content] of Object.entries(change)) {
    if (content === null) delete next[path];
    else next[path] = content;
  }
  return next;
}
