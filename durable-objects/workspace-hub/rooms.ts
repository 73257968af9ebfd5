import type { RoomName } from "../../lib/protocol/events";

/** `plugin:instance`: a lower-case plugin name and an instance id. */
export const ROOM_PATTERN = /^[a-z][a-z0-9_-]{1,39}:[A-Za-z0-9_.-]{1,64}$/;
/** Most rooms one stream (one SSE connection or one WebSocket) may follow. */
export const MAX_ROOMS = 50;

/**
 * A resume cursor: the last state version a client holds, per room. Its text form is the SSE
 * `id:` line and the `?since=` / `Last-Event-ID` value: `graphist:main=12,pe:main=3`.
 */
export type Cursor = Map<RoomName, number>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

/** Validates and de-duplicates room names, keeping their first-seen order. */
export function parseRooms(names: readonly unknown[]): Parsed<RoomName[]> {
  const rooms: RoomName[] = [];
  for (const name of names) {
    if (typeof name !== "string" || !ROOM_PATTERN.test(name)) {
      return fail(`invalid room ${JSON.stringify(name)}: expected plugin:instance matching ${ROOM_PATTERN.source}`);
    }
    if (!rooms.includes(name)) rooms.push(name);
  }
  if (rooms.length > MAX_ROOMS) return fail(`at most ${MAX_ROOMS} rooms per stream, got ${rooms.length}`);
  return { ok: true, value: rooms };
}

/** Parses a comma-separated `?rooms=` value; empty or missing is an empty list. */
export function parseRoomList(param: string | null | undefined): Parsed<RoomName[]> {
  return parseRooms(param ? param.split(",") : []);
}

/** Parses the text form of a cursor; empty or missing is an empty cursor. */
export function parseCursor(text: string | null | undefined): Parsed<Cursor> {
  const cursor: Cursor = new Map();
  if (!text) return { ok: true, value: cursor };
  const parts = text.split(",");
  if (parts.length > MAX_ROOMS) return fail(`a cursor holds at most ${MAX_ROOMS} rooms`);
  for (const part of parts) {
    const at = part.lastIndexOf("=");
    const room = part.slice(0, at);
    const digits = part.slice(at + 1);
    if (at < 0 || !ROOM_PATTERN.test(room) || !/^\d{1,15}$/.test(digits)) {
      return fail(`invalid cursor entry ${JSON.stringify(part)}: expected room=version`);
    }
    cursor.set(room, Number(digits));
  }
  return { ok: true, value: cursor };
}

/** The text form of a cursor, skipping rooms whose version is not known. */
export function formatCursor(versions: Iterable<readonly [RoomName, number | null]>): string {
  let text = "";
  for (const [room, version] of versions) {
    if (version === null) continue;
    text += `${text ? "," : ""}${room}=${version}`;
  }
  return text;
}

/** Header the events route uses to tell the hub which workspace a stream belongs to. */
export const HUB_WORKSPACE_HEADER = "x-frameos-workspace";
/** Header the agents' state stream sets (`agent`) so the hub does not count it as a browser. */
export const HUB_LISTENER_HEADER = "x-frameos-listener";
/** Header naming the browser tab (its render-ack `client` id) that opened a stream. */
export const HUB_RENDERER_HEADER = "x-frameos-renderer";

/** The hub's internal URL for a stream: `https://hub/<kind>?rooms=a,b&since=<cursor>`. */
export function hubUrl(kind: "events" | "ws", rooms: readonly RoomName[], since: Cursor): string {
  const params = new URLSearchParams({ rooms: rooms.join(",") });
  const cursor = formatCursor(since);
  if (cursor) params.set("since", cursor);
  return `https://hub/${kind}?${params}`;
}
