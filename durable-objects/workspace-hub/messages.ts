import type { RoomName } from "../../lib/protocol/events";
import { parseRooms, ROOM_PATTERN, type Cursor, type Parsed } from "./rooms";

/**
 * What a WebSocket client may send (text frames, JSON):
 * `{"type":"follow","rooms":["graphist:main"],"since":{"graphist:main":12}}` adds rooms (a room
 * with a `since` version is replayed from there, as on connect);
 * `{"type":"unfollow","rooms":["graphist:main"]}` removes them. The plain text `ping` is
 * answered `pong` without waking the hub.
 */
export type ClientMessage = { type: "follow"; rooms: RoomName[]; since: Cursor } | { type: "unfollow"; rooms: RoomName[] };

const MAX_MESSAGE_CHARS = 16_384;

export function parseClientMessage(message: string | ArrayBuffer): Parsed<ClientMessage> {
  if (typeof message !== "string") return bad("send JSON text frames");
  if (message.length > MAX_MESSAGE_CHARS) return bad(`messages are at most ${MAX_MESSAGE_CHARS} characters`);
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return bad("the message is not JSON");
  }
  if (typeof value !== "object" || value === null) return bad("the message must be a JSON object");
  const { type, rooms, since } = value as { type?: unknown; rooms?: unknown; since?: unknown };
  if (type !== "follow" && type !== "unfollow") return bad('type must be "follow" or "unfollow"');
  if (!Array.isArray(rooms)) return bad("rooms must be an array of room names");
  const names = parseRooms(rooms);
  if (!names.ok) return names;
  if (type === "unfollow") return { ok: true, value: { type, rooms: names.value } };
  const cursor: Cursor = new Map();
  if (since !== undefined) {
    if (typeof since !== "object" || since === null || Array.isArray(since)) return bad("since must map room names to versions");
    for (const [room, version] of Object.entries(since)) {
      if (!ROOM_PATTERN.test(room)) return bad(`invalid room ${JSON.stringify(room)} in since`);
      if (!Number.isSafeInteger(version) || (version as number) < 0) return bad(`since.${room} must be a non-negative integer`);
      if (names.value.includes(room)) cursor.set(room, version as number);
    }
  }
  return { ok: true, value: { type, rooms: names.value, since: cursor } };
}

function bad(message: string): { ok: false; message: string } {
  return { ok: false, message };
}
