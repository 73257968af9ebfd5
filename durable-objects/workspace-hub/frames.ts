import type { RoomEvent, RoomName } from "../../lib/protocol/events";

/**
 * Frames the hub itself sends on a WebSocket, besides room events. `following` answers every
 * change of the follow set (on connect, follow, unfollow) with the whole set; `rejected` answers
 * a client message the hub could not apply (nothing changed).
 */
export type HubFrame =
  | { type: "following"; rooms: RoomName[] }
  | { type: "rejected"; code: "invalid_request" | "too_many_rooms"; message: string };

/** Event types whose version is the room's state version: they advance a client's cursor. */
const STATE_TYPES: ReadonlySet<RoomEvent["type"]> = new Set(["state", "full_state"]);

const encoder = new TextEncoder();

/**
 * One room event, serialized once and shared by every client it goes to: the JSON string is the
 * WebSocket text frame and the SSE `data:` line; the SSE bytes are encoded on first use.
 */
export class Frame {
  readonly room: RoomName;
  readonly type: RoomEvent["type"];
  /** The version an event carries (`state`, `full_state`, `ui`, `styles`, `bindings`). */
  readonly version: number | undefined;
  /** True for `state` and `full_state`: their version is the state version a cursor counts. */
  readonly advancesCursor: boolean;
  readonly json: string;
  #sse: Uint8Array | undefined;

  constructor(event: RoomEvent) {
    this.room = event.room;
    this.type = event.type;
    this.version = "version" in event ? event.version : undefined;
    this.advancesCursor = STATE_TYPES.has(event.type) && this.version !== undefined;
    this.json = JSON.stringify(event);
  }

  /** `type@version` for versioned events (to drop a replayed duplicate), else undefined. */
  get key(): string | undefined {
    return this.version === undefined ? undefined : `${this.type}@${this.version}`;
  }

  /** `data: <json>\n\n` as bytes; JSON.stringify never emits a raw line break. */
  get sseData(): Uint8Array {
    this.#sse ??= encoder.encode(`data: ${this.json}\n\n`);
    return this.#sse;
  }
}

/** A type name safe on an SSE `event:` line (no line breaks, no spaces). */
const EVENT_TYPE = /^[a-z][a-z0-9_.-]{0,39}$/;

/** True when a value is shaped like a RoomEvent closely enough to route and frame it. */
export function isRoomEvent(value: unknown): value is RoomEvent {
  if (typeof value !== "object" || value === null) return false;
  const { room, type, version } = value as { room?: unknown; type?: unknown; version?: unknown };
  return typeof room === "string" && typeof type === "string" && EVENT_TYPE.test(type) && (version === undefined || Number.isSafeInteger(version));
}
