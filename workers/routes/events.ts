import { Hono } from "hono";
import type { Context } from "hono";
import { HUB_RENDERER_HEADER, HUB_WORKSPACE_HEADER, hubUrl, parseCursor, parseRoomList } from "../../durable-objects/workspace-hub/rooms";
import { CLIENT_ID, type RoomName } from "../../lib/protocol/events";
import type { AppEnv } from "../context";
import { requireWorkspace } from "../middleware/auth";
import { AppError, forbidden, invalid, notFound } from "../middleware/errors";
import { doc } from "../openapi";

type Kind = "events" | "ws";

/**
 * Real-time streams of a workspace, mounted at `/api/w/:ws`. One multiplexed stream per client
 * carries the events of every room (`plugin:instance`) it follows; viewers and up may listen.
 *
 * `GET /events?rooms=graphist:main,pe:main[&since=<cursor>][&client=<tab id>]` — Server-Sent Events.
 * A browser names its tab (the `client` of its render acks): AI dispatches then wait for the tabs
 * whose streams are open, not for tabs that have gone. Each event:
 * ```
 * id: graphist:main=12,pe:main=3      (resume cursor: last state version per room)
 * event: state                         (the RoomEvent type)
 * data: {"type":"state","room":"graphist:main","version":12,...}
 * ```
 * plus a `: heartbeat` comment every 15 s. Reconnecting with `Last-Event-ID` (or `?since=`, the
 * same cursor) replays exactly what was missed per room before live events; with no cursor the
 * stream is live only (load state with GET .../state and pass its versions as `since`).
 *
 * `GET /ws?rooms=...[&since=<cursor>]` — a WebSocket with the same semantics: each RoomEvent is a
 * JSON text frame (the same JSON as SSE `data:`); the client may send `follow` / `unfollow`
 * messages and gets `{"type":"following","rooms":[...]}` after every change of its follow set.
 *
 * Up to 50 rooms per stream, each matching `^[a-z][a-z0-9_-]{1,39}:[A-Za-z0-9_.-]{1,64}$`;
 * anything else is a 400. A session-cookie caller must come from this origin.
 */
export const events = new Hono<AppEnv>()
  .get("/events", doc({ summary: "Server-Sent Events of the followed rooms, with Last-Event-ID resume (text/event-stream)", tags: ["realtime"] }), (c) => forward(c, "events"))
  .get("/ws", doc({ summary: "WebSocket carrying the followed rooms' events; follow/unfollow messages", tags: ["realtime"], status: 101 }), (c) => {
    if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
      throw new AppError(426, "upgrade_required", "this endpoint speaks WebSocket; send Upgrade: websocket");
    }
    return forward(c, "ws");
  });

async function forward(c: Context<AppEnv>, kind: Kind): Promise<Response> {
  const workspaceId = c.req.param("ws");
  if (!workspaceId) throw notFound("workspace");
  const access = await requireWorkspace(c, workspaceId, "viewer");
  assertSameOrigin(c);
  const rooms = parseRoomList(c.req.query("rooms"));
  if (!rooms.ok) throw invalid(rooms.message, [{ path: "rooms", message: rooms.message }]);
  if (kind === "events" && rooms.value.length === 0) {
    throw invalid("name the rooms to follow: ?rooms=plugin:instance,...", [{ path: "rooms", message: "required" }]);
  }
  const client = c.req.query("client");
  if (client !== undefined && !CLIENT_ID.test(client)) throw invalid("client is a browser tab's id: 8 to 64 of A-Z a-z 0-9 _ -", [{ path: "client", message: "invalid" }]);
  return openStream(c, access.id, kind, rooms.value, client === undefined ? {} : { [HUB_RENDERER_HEADER]: client });
}

/**
 * Opens the workspace hub's SSE or WebSocket stream for `rooms`, resuming from the request's cursor;
 * `hubHeaders` tell the hub more about the listener (an agent's stream is not a browser).
 */
export async function openStream(c: Context<AppEnv>, workspaceId: string, kind: Kind, rooms: RoomName[], hubHeaders: Record<string, string> = {}): Promise<Response> {
  const header = c.req.header("last-event-id");
  const since = parseCursor(header || c.req.query("since"));
  if (!since.ok) throw invalid(since.message, [{ path: header ? "Last-Event-ID" : "since", message: since.message }]);
  const access = { id: workspaceId };
  const hub = c.env.WORKSPACE_HUB.get(c.env.WORKSPACE_HUB.idFromName(access.id));
  const headers = new Headers({ ...hubHeaders, [HUB_WORKSPACE_HEADER]: access.id });
  if (kind === "ws") headers.set("upgrade", "websocket");
  const res = await hub.fetch(hubUrl(kind, rooms, since.value), { headers });
  if (res.webSocket) return new Response(null, { status: 101, webSocket: res.webSocket });
  if (!res.ok) {
    const body = (await res.json()) as { error: { code: string; message: string } };
    throw new AppError(res.status === 400 ? 400 : 502, body.error.code, body.error.message);
  }
  return new Response(res.body, { status: res.status, headers: res.headers });
}

/** Browsers send cookies on cross-site WebSocket (and credentialed SSE) requests: refuse those. */
function assertSameOrigin(c: Context<AppEnv>): void {
  const origin = c.req.header("origin");
  if (!origin || c.get("caller").kind !== "session") return;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  if (host !== new URL(c.req.url).host) throw forbidden("streams opened with a session cookie must come from this origin");
}
