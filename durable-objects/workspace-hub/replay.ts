import type { RoomName } from "../../lib/protocol/events";
import { roomStub } from "../../workers/engine/rooms";
import type { Env } from "../../workers/env";
import { Frame } from "./frames";
import { SocketSubscriber } from "./socket";
import type { Subscriber } from "./subscriber";

/** A room's answer to "what happened after version N", as frames ready to send. */
export interface Replay {
  frames: Frame[];
  /** The room's version the replay reaches; undefined when the room could not answer. */
  reached: number | undefined;
}

/**
 * Asks the PluginRoom `${workspace}:${room}` for its changes after `after`: the missed `state`
 * events in order, or a `full_state` (reason `too_old`) when its changelog no longer reaches back.
 * A failing room yields an `error` event (command `resume`, code `resume_failed`) so the client
 * knows to reload that room's state.
 */
export async function replayRoom(env: Env, workspace: string, room: RoomName, after: number): Promise<Replay> {
  const [plugin, instance] = room.split(":") as [string, string];
  const key = { workspace, plugin, instance };
  try {
    const answer = await roomStub(env, key).changesSince(key, after);
    const frames =
      answer.kind === "patches"
        ? answer.events.map((e) => new Frame(e))
        : [new Frame({ type: "full_state", room, version: answer.version, state: answer.state, reason: "too_old" })];
    return { frames, reached: answer.version };
  } catch (err) {
    const message = `could not replay ${room} after version ${after}: ${err instanceof Error ? err.message : String(err)}`;
    return { frames: [new Frame({ type: "error", room, command: "resume", error: { code: "resume_failed", message } })], reached: undefined };
  }
}

/**
 * Replays one room to several subscribers with one room call. From now until the answer, each
 * buffers the room's live frames; then each gets the replay (serialized once, shared) and the
 * buffered frames it did not cover, without duplicates.
 */
export async function catchUp(subs: readonly Subscriber[], room: RoomName, answer: () => Promise<Replay>): Promise<void> {
  const tokens = subs.map((sub) => [sub, sub.beginCatchUp(room)] as const);
  const replay = await answer();
  for (const [sub, token] of tokens) {
    sub.endCatchUp(token, replay.frames, replay.reached);
    if (sub instanceof SocketSubscriber) sub.persist();
  }
}
