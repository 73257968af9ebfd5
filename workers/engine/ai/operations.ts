/**
 * The three AI operations — manual, query, dispatch — shared by `/ai/*` and the MCP server so
 * both doors behave the same.
 */
import type { QueryEntry, QueryEnvelope } from "../../../lib/protocol/ai";
import type { Rendering } from "../../../lib/protocol/events";
import type { CommandRequest } from "../../../lib/protocol/dispatch";
import type { Identity, WorkspaceAccess } from "../../context";
import type { Env } from "../../env";
import { AppError } from "../../middleware/errors";
import { dispatchBatch } from "../dispatch";
import { roomStub } from "../rooms";
import { awaitRender, type Ack } from "./acks";
import { composeManual, manualEtag } from "./manual";
import { runEntry } from "./query";
import type { Resolved } from "./surface";
import { workspaceSurfaces } from "./surfaces";

const DEFAULT_GLOBAL_HARD_BYTES = 4 * 1024 * 1024;
export const DEFAULT_ACK_TIMEOUT_MS = 2000;

export async function manual(env: Env, access: WorkspaceAccess): Promise<{ etag: string; text: string }> {
  const { plugins, surfaces } = await workspaceSurfaces(env, access);
  return { etag: await manualEtag(plugins), text: composeManual(plugins, surfaces) };
}

/** Runs entries in order within the byte budgets; past the global limit it throws a 413. */
export async function query(env: Env, access: WorkspaceAccess, entries: QueryEntry[], onEntry?: (e: QueryEnvelope) => Promise<void>, live = false, agent: Pick<Identity, "id" | "name"> | null = null): Promise<QueryEnvelope[]> {
  const { surfaces } = await workspaceSurfaces(env, access);
  const resolved = new Map<string, Promise<Resolved>>();
  const me = agent && { id: agent.id, name: agent.name };
  const out: QueryEnvelope[] = [];
  if (onEntry) {
    for (const entry of entries) await onEntry(await runEntry(env, access, surfaces, entry, { unbudgeted: true, resolved, live, agent: me }));
    return out;
  }
  const limit = Number(env.AI_QUERY_GLOBAL_HARD_BYTES) || DEFAULT_GLOBAL_HARD_BYTES;
  let total = 0;
  for (const entry of entries) {
    const envelope = await runEntry(env, access, surfaces, entry, { resolved, live, agent: me });
    total += envelope.meta.bytes;
    if (total > limit) throw new AppError(413, "payload_too_large", `the whole reply would exceed ${limit} bytes; ask for fewer or narrower entries`, { limit });
    out.push(envelope);
  }
  return out;
}

export interface AiDispatchInput {
  commands: CommandRequest[];
  changeset?: string;
  rendering?: Rendering;
  ack_timeout_ms?: number;
}

/** Dispatches as the AI identity (`Source: ai`), then waits for browsers to render the last change. */
export async function aiDispatch(env: Env, access: WorkspaceAccess, me: Identity, input: AiDispatchInput) {
  const { ack_timeout_ms = DEFAULT_ACK_TIMEOUT_MS, ...batch } = input;
  const { status, ...reply } = await dispatchBatch({ env, access, author: { id: me.id, name: me.name, type: me.type }, source: "ai" }, batch);
  const state: Record<string, unknown> = {};
  for (const room of Object.keys(reply.versions)) {
    const [plugin, instance] = room.split(":") as [string, string];
    const key = { workspace: access.id, plugin, instance };
    const got = await roomStub(env, key).getState(key);
    if (!("error" in got)) state[room] = got.state;
  }
  const last = [...reply.results].reverse().find((r) => r.ok);
  const ack: Ack = last ? await awaitRender(env, access.id, `${last.plugin}:${last.instance}`, last.version, ack_timeout_ms) : { rendered_by: 0, version: null, timed_out: false };
  const failed = reply.results.find((r) => !r.ok);
  return { status, error: status !== 200 && failed && !failed.ok ? failed.error : undefined, reply: { ...reply, state, ack } };
}
