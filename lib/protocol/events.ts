/**
 * Events a plugin room pushes to browsers and agents. A room is named `plugin:instance` inside a
 * workspace; versions are per room and gap-free, so a client that knows its last version per room
 * can ask for exactly what it missed.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** RFC 6902 operation. */
export interface PatchOp {
  op: "add" | "remove" | "replace" | "move" | "copy" | "test";
  path: string;
  from?: string;
  value?: JsonValue;
}

export type Rendering = "progressive" | "atomic" | "grouped";

/** `plugin:instance`, e.g. `graphist:main`. */
export type RoomName = string;

export type RoomEvent =
  | { type: "state"; room: RoomName; version: number; dispatch_id: number; batch_id: string; source: string; patch: PatchOp[]; rendering: Rendering }
  | { type: "full_state"; room: RoomName; version: number; state: JsonValue; reason?: "too_old" | "broadcast" | "restore" }
  | { type: "ui" | "styles" | "bindings"; room: RoomName; version: number; value: JsonValue }
  | { type: "toast"; room: RoomName; message: string; level: "info" | "success" | "warning" | "error" }
  | { type: "animate"; room: RoomName; target: string; animation: JsonValue }
  | { type: "error"; room: RoomName; command: string; error: { code: string; message: string } }
  | { type: "tokens"; room: RoomName; value: JsonValue };

/** What a room answers to "what happened after version N". */
export type ChangesSince =
  | { kind: "patches"; version: number; events: Extract<RoomEvent, { type: "state" | "ui" | "styles" | "bindings" }>[] }
  | { kind: "full"; version: number; state: JsonValue; reason: "too_old" };

/** A browser tab's id (`client`): on its event stream (`?client=`), its render acks and its perception posts. */
export const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;

export const roomName = (plugin: string, instance: string): RoomName => `${plugin}:${instance}`;
