/**
 * The one command system: a click, an AI dispatch, a sub-command and an effect's follow-up all
 * run here, each command in its room, sub-commands after it through the same pipeline.
 */
import { META_COMMANDS } from "../../durable-objects/plugin-room/meta-commands";
import type { RoomCommand, RoomKey, RoomOutcome } from "../../durable-objects/plugin-room/types";
import { newId } from "../../lib/auth/secrets";
import type { CommandRequest, DispatchReply, Source, StepResult, SubCommand } from "../../lib/protocol/dispatch";
import type { Rendering } from "../../lib/protocol/events";
import { roomName } from "../../lib/protocol/events";
import type { WorkspaceAccess } from "../context";
import { database } from "../db/client";
import { atLeast } from "../db/roles";
import type { Env } from "../env";
import { describeInstalled, findInstalled } from "./plugins";
import { roomStub } from "./rooms";

/** Who dispatches, and through which door. */
export interface DispatchContext {
  env: Env;
  access: WorkspaceAccess;
  author: { id: string; name: string; type: string };
  source: Source;
}

export interface Batch {
  commands: (CommandRequest | SubCommand)[];
  changeset?: string;
  rendering?: Rendering;
  /** Extra history trailers for the batch's top-level commands (e.g. `Agent-Execution`). */
  trailers?: [string, string][];
}

/** Sub-commands nest at most this deep, so a handler cannot recurse forever through them. */
const MAX_SUB_DEPTH = 8;
const MAX_STEPS = 200;

export function sourceOf(identityType: string): Source {
  return identityType === "ai" || identityType === "human" || identityType === "system" ? identityType : "unknown";
}

type Step = StepResult & { status?: number };

export async function dispatchBatch(dc: DispatchContext, batch: Batch): Promise<DispatchReply & { status: number }> {
  const batch_id = newId("bat");
  const changeset = batch.changeset ?? batch_id;
  const rendering = batch.rendering ?? "progressive";
  const versions: Record<string, number> = {};
  const results: (StepResult & { steps?: StepResult[] })[] = [];
  let executed = 0;
  let status = 200;
  const budget = { steps: 0 };

  const runOne = async (original: CommandRequest | SubCommand, depth: number, trailers?: [string, string][]): Promise<{ step: Step; steps: Step[] }> => {
    const req = retarget(original);
    if ("error" in req) return { step: { ok: false, plugin: original.plugin, instance: original.instance ?? "main", command: original.command, version: 0, error: req.error, status: 400 }, steps: [] };
    if (req.plugin === "pe" && req.command === "animate") return { step: await animate(dc, req), steps: [] };
    const plugin = req.plugin;
    const instance = req.instance ?? "main";
    const base = { plugin, instance, command: req.command };
    const refuse = (s: number, code: string, message: string): Step => ({ ok: false, ...base, version: versions[roomName(plugin, instance)] ?? 0, error: { code, message }, status: s });
    if (++budget.steps > MAX_STEPS) return { step: refuse(422, "too_many_steps", `a dispatch may run at most ${MAX_STEPS} commands including sub-commands`), steps: [] };
    if (META_COMMANDS.has(req.command) && !atLeast(dc.access.role, "admin")) return { step: refuse(403, "forbidden", `${req.command} needs the admin role`), steps: [] };
    const installed = await findInstalled(database(dc.env), dc.access.id, plugin);
    if (!installed) return { step: refuse(404, "not_installed", `${plugin} is not installed in this workspace`), steps: [] };
    if (describeInstalled(installed).instances === "single" && instance !== "main") return { step: refuse(400, "invalid_instance", `${plugin} has one instance per workspace: use "main"`), steps: [] };

    const key: RoomKey = { workspace: dc.access.id, plugin, instance };
    const cmd: RoomCommand = {
      command: req.command,
      params: req.params ?? {},
      expect_version: "expect_version" in req ? req.expect_version : undefined,
      author: dc.author,
      source: dc.source,
      batch_id,
      changeset,
      rendering,
      trailers,
    };
    const outcome: RoomOutcome = await roomStub(dc.env, key).dispatch(key, cmd);
    versions[roomName(plugin, instance)] = outcome.version;
    if (!outcome.ok) return { step: { ok: false, ...base, version: outcome.version, dispatch_id: outcome.dispatch_id, error: outcome.error, status: outcome.status }, steps: [] };
    executed++;
    const step: Step = { ok: true, ...base, version: outcome.version, dispatch_id: outcome.dispatch_id, result: outcome.result, patch: outcome.patch };
    const steps: Step[] = [];
    if (depth >= MAX_SUB_DEPTH && outcome.sub_commands.length) {
      steps.push(refuse(422, "too_deep", `sub-commands nest at most ${MAX_SUB_DEPTH} deep`));
      return { step, steps };
    }
    for (const sub of outcome.sub_commands) {
      const child = await runOne({ ...sub, instance: sub.instance ?? (sub.plugin === plugin ? instance : "main") }, depth + 1);
      steps.push(child.step, ...child.steps);
      if (!child.step.ok || child.steps.some((s) => !s.ok)) break;
    }
    return { step, steps };
  };

  for (const req of batch.commands) {
    const { step, steps } = await runOne(req, 0, batch.trailers);
    const { status: stepStatus, ...plain } = step;
    results.push(steps.length ? { ...plain, steps: steps.map(({ status: _s, ...rest }) => rest) } : plain);
    if (!step.ok) {
      if (executed === 0) status = stepStatus ?? 422;
      break;
    }
  }
  return { results, batch_id, changeset, commands_executed: executed, versions, rendering, status };
}

/**
 * The framework plugin `pe` names meta-commands as `pe.<command>` with the target in
 * `params.plugin` (and `params.instance`); they run in the target's room like any meta-command.
 */
function retarget(req: CommandRequest | SubCommand): (CommandRequest | SubCommand) | { error: { code: string; message: string } } {
  if (req.plugin !== "pe" || !META_COMMANDS.has(req.command)) return req;
  const { plugin, instance, ...params } = req.params ?? {};
  if (typeof plugin !== "string") return { error: { code: "invalid_params", message: `pe.${req.command} needs params.plugin, the plugin to change` } };
  return { ...req, plugin, instance: typeof instance === "string" ? instance : req.instance, params };
}

/** `pe.animate`: no state change; broadcasts an emphasis animation for an element id. */
async function animate(dc: DispatchContext, req: CommandRequest | SubCommand): Promise<Step> {
  const p = req.params ?? {};
  const base = { plugin: "pe", instance: "main", command: "animate", version: 0 };
  if (typeof p.target !== "string" || !p.target) return { ok: false, ...base, error: { code: "invalid_params", message: "pe.animate needs params.target, an element id" }, status: 400 };
  const room = typeof p.room === "string" ? p.room : "pe:main";
  const event = { type: "animate" as const, room, target: p.target, animation: p.animation ?? { emphasis: "pulse" } };
  const hub = dc.env.WORKSPACE_HUB.get(dc.env.WORKSPACE_HUB.idFromName(dc.access.id)) as unknown as { publish(ws: string, events: unknown[]): Promise<unknown> };
  await hub.publish(dc.access.id, [event]);
  return { ok: true, ...base, dispatch_id: 0, result: { broadcast: event }, patch: [] };
}
