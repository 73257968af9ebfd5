/**
 * Consumer of the `events` queue: performs handler effects outside the handler, then dispatches
 * the handler's `then` command as a `system` command in the same changeset, with the outcome
 * merged into its params as `{ok: true, value}` or `{ok: false, error}`. `agent.execute` starts
 * a run here; its `then` follows when the run ends (./agent-effect.ts).
 */
import { and, eq } from "drizzle-orm";
import type { Effect } from "../../durable-objects/plugin-room/command-result";
import type { Author, RoomKey } from "../../durable-objects/plugin-room/types";
import type { JsonValue } from "../../lib/protocol/events";
import { database } from "../db/client";
import { httpAllowlist } from "../db/schema";
import { dispatchBatch } from "../engine/dispatch";
import { roomStub } from "../engine/rooms";
import type { Env } from "../env";
import { performAgentExecute } from "./agent-effect";

export interface EffectMessage {
  kind: "effect";
  room: RoomKey;
  effect: Effect;
  token: string;
  changeset: string;
  batch_id: string;
  /** Who dispatched the command that returned the effect, and the effect's index in its list. */
  author?: Author;
  index?: number;
}

export const HTTP_FETCH_LIMITS = { timeoutMs: 10_000, maxResponseBytes: 256 * 1024 };
const SYSTEM: Author = { id: "system", name: "FrameOS", type: "system" };

type Outcome = { ok: true; value: JsonValue } | { ok: false; error: { code: string; message: string } };

async function readCapped(res: Response, max: number): Promise<string | null> {
  const reader = res.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) all.set(c, (at += c.byteLength) - c.byteLength);
  return new TextDecoder().decode(all);
}

/** Performs `http.fetch` for a workspace whose allowlist names the host; anything else is an error outcome. */
export async function performFetch(env: Env, workspaceId: string, effect: Extract<Effect, { type: "http.fetch" }>, fetcher: typeof fetch = fetch): Promise<Outcome> {
  const url = new URL(effect.url);
  const [allowed] = await database(env).select().from(httpAllowlist).where(and(eq(httpAllowlist.workspaceId, workspaceId), eq(httpAllowlist.host, url.host))).limit(1);
  if (!allowed) return { ok: false, error: { code: "host_not_allowed", message: `${url.host} is not on this workspace's http.fetch allowlist` } };
  try {
    const res = await fetcher(url, { method: effect.method, headers: effect.headers, body: effect.body, signal: AbortSignal.timeout(HTTP_FETCH_LIMITS.timeoutMs), redirect: "manual" });
    const text = await readCapped(res, HTTP_FETCH_LIMITS.maxResponseBytes);
    if (text === null) return { ok: false, error: { code: "response_too_large", message: `the response exceeds ${HTTP_FETCH_LIMITS.maxResponseBytes} bytes` } };
    return { ok: true, value: { status: res.status, headers: Object.fromEntries(res.headers), body: text } };
  } catch (err) {
    return { ok: false, error: { code: "fetch_failed", message: err instanceof Error ? err.message : String(err) } };
  }
}

async function handle(env: Env, msg: EffectMessage): Promise<void> {
  const { room, effect } = msg;
  // agent.execute answers later, when the run ends (workers/engine/marketplace/callbacks.ts).
  if (effect.type === "agent.execute") return void (await performAgentExecute(env, { ...msg, effect, author: msg.author ?? SYSTEM }));
  let outcome: Outcome;
  if (effect.type === "schedule") {
    if (effect.key && !(await roomStub(env, room).claimSchedule(room, effect.key, msg.token))) return;
    outcome = { ok: true, value: null };
  } else {
    outcome = await performFetch(env, room.workspace, effect);
  }
  await dispatchBatch(
    { env, access: { id: room.workspace, name: "", role: "owner" }, author: SYSTEM, source: "system" },
    { commands: [{ plugin: room.plugin, instance: room.instance, command: effect.then.command, params: { ...effect.then.params, ...outcome } }], changeset: msg.changeset },
  );
}

/** One message at a time: acknowledged when handled, retried with backoff on an infrastructure failure. */
export async function consumeEvents(batch: MessageBatch<EffectMessage>, env: Env): Promise<void> {
  for (const message of batch.messages) {
    try {
      if (message.body?.kind === "effect") await handle(env, message.body);
      message.ack();
    } catch (err) {
      console.error(JSON.stringify({ level: "error", queue: "events", id: message.id, error: String(err) }));
      message.retry({ delaySeconds: Math.min(60, 2 ** message.attempts) });
    }
  }
}
