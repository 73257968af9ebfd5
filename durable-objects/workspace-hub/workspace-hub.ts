import { RenderAcks, type AckOutcome } from "./render-acks";
import { DurableObject } from "cloudflare:workers";
import { CLIENT_ID, type RoomEvent, type RoomName } from "../../lib/protocol/events";
import type { Env } from "../../workers/env";
import { errorBody } from "../../workers/middleware/errors";
import { PERCEPTION_ROOM, type PerceptionAnswer, type Rect } from "../../lib/protocol/perception";
import { Frame, isRoomEvent } from "./frames";
import { parseClientMessage } from "./messages";
import { Perception, type AnswerOutcome, type PerceiveRequest, type Perceived, type PerceivingAgent } from "./perception";
import { catchUp, replayRoom } from "./replay";
import { HUB_LISTENER_HEADER, HUB_RENDERER_HEADER, HUB_WORKSPACE_HEADER, MAX_ROOMS, parseCursor, parseRoomList, type Cursor } from "./rooms";
import { ATTACHMENT_BUDGET, SocketSubscriber } from "./socket";
import { SseSubscriber } from "./sse";
import type { Subscriber } from "./subscriber";

/** An RPC answer: expected failures are values, not exceptions (RPC drops `code` and `cause`). */
export type HubResult<T> = { ok: true; value: T } | { ok: false; code: "wrong_workspace" | "invalid_events"; message: string };

/** Who is listening: open SSE responses, open WebSockets, and followers per room. */
export interface ConnectedClients {
  sse: number;
  ws: number;
  rooms: Record<RoomName, number>;
}

/**
 * Outbox markers from a room's published versions. A jump (a lost publish) is replayed from the
 * room before what follows; a step back (the room was cleared and started again at 1) makes
 * every follower forget the version it held, so the new versions are not taken for duplicates.
 */
type Marker = { repair: RoomName; after: number } | { reset: RoomName };

/** How often SSE streams are checked for a lost reader; every third check also sends a heartbeat (15 s). */
const SWEEP_MS = 5_000;
const HEARTBEAT_EVERY = 3;
const HEARTBEAT = ": heartbeat\n\n";
const encoder = new TextEncoder();

/**
 * One per workspace (`WORKSPACE_HUB.idFromName(workspaceId)`): fans room events out to the
 * workspace's browsers and agents over one multiplexed stream per client, SSE or WebSocket.
 *
 * - RPC `publish(workspaceId, events)`: a PluginRoom hands over its committed events in version
 *   order. Each event is serialized once; the fanout runs after publish has returned, so the room
 *   never waits on clients. `broadcast(events)` does the same for this hub's own workspace.
 * - RPC `connectedClients()`: counts for the AI surface.
 * - `fetch` (called only by `workers/routes/events.ts`, with the workspace in the
 *   `x-frameos-workspace` header): `GET https://hub/events?rooms=&since=` answers an SSE stream;
 *   `GET https://hub/ws?rooms=&since=` with `Upgrade: websocket` answers a hibernatable socket.
 *
 * Resume: for each followed room where the client's cursor is behind, the hub asks that room's
 * `changesSince(key, version)` and sends the replay before live events, buffering live events of that
 * room meanwhile and dropping those the replay covered — no gap, no duplicate. Live, a jump in a
 * room's published state versions (a publish lost on the way) is replayed the same way, with one
 * room call for all followers; a step back (the room was cleared) resets the followers' versions.
 *
 * Plain hibernation API rather than partyserver: partyserver's Server routes by its own name
 * headers, keeps its metadata inside the socket attachment (our follow state needs that budget)
 * and has no SSE side; the hub needs one index of followers across SSE and WebSockets plus RPC.
 */
export class WorkspaceHub extends DurableObject<Env> {
  #workspace: string | undefined;
  readonly #sockets = new Map<WebSocket, SocketSubscriber>();
  readonly #sse = new Set<SseSubscriber>();
  readonly #byRoom = new Map<RoomName, Set<Subscriber>>();
  /** The last state version published per room while this instance has been alive. */
  readonly #latest = new Map<RoomName, number>();
  #outbox: (Frame | Marker)[] = [];
  readonly #acks = new RenderAcks();
  /** SSE streams of agents (`/api/state/stream`): they follow `pe:main` but never answer perception queries. */
  readonly #agents = new Set<Subscriber>();
  readonly #perception = new Perception({ send: (events) => void this.#enqueue(events), browsers: () => this.#browsers() });
  #draining: ReturnType<typeof setTimeout> | undefined;
  #sweeper: ReturnType<typeof setInterval> | undefined;
  #sweeps = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
    for (const socket of ctx.getWebSockets()) {
      const sub = SocketSubscriber.restore(socket);
      if (!sub) continue;
      this.#workspace ??= sub.workspace;
      this.#sockets.set(socket, sub);
      for (const room of sub.versions.keys()) this.#index(sub, room);
    }
  }

  /**
   * Queues a room's committed events for every client following their room, and returns as soon
   * as they are queued. Call in version order per room.
   * @example await env.WORKSPACE_HUB.get(env.WORKSPACE_HUB.idFromName(ws)).publish(ws, events)
   */
  publish(workspaceId: string, events: RoomEvent[]): HubResult<{ queued: number }> {
    if (!this.#isMine(workspaceId)) {
      return { ok: false, code: "wrong_workspace", message: `this hub does not serve workspace ${workspaceId}` };
    }
    return this.#enqueue(events);
  }

  /** Pushes events to this workspace's connected clients (browsers and agents) only. */
  broadcast(events: RoomEvent[]): HubResult<{ queued: number }> {
    return this.#enqueue(events);
  }

  /** A browser rendered `room` at `version` (posted by the SPA after it applies an event). */
  renderAck(client: string, room: RoomName, version: number): void {
    this.#acks.ack(client, room, version);
  }

  /**
   * Waits until the browsers rendering `room` have shown `version`: every browser tab whose open
   * stream follows it (a tab that closed its stream is no longer waited for), or until
   * `timeoutMs`. Streams that name no tab count as one renderer, known from its acks. With no one
   * following the room it answers at once with `timed_out: true`.
   */
  awaitRender(room: RoomName, version: number, timeoutMs: number): Promise<AckOutcome> {
    const following = this.#byRoom.get(room)?.size ?? 0;
    if (following === 0) return Promise.resolve({ rendered_by: 0, version, timed_out: true });
    const tabs = this.#renderers(room);
    return this.#acks.wait(room, version, tabs.size > 0 ? tabs.size : Math.max(1, this.#acks.renderers(room)), timeoutMs);
  }

  /**
   * A browser surface's value (see `perception.ts`): cached while fresh, else asked of the
   * connected browsers with a `perception_query` on `pe:main`; `no_browser` at once when no
   * browser follows `pe:main`, `perception_timeout` when none answers in time.
   */
  perceive(req: PerceiveRequest): Promise<Perceived> {
    return this.#perception.perceive(req);
  }

  /** A browser's answer to a `perception_query` (posted to `/api/w/:ws/perception/answers`). */
  perceptionAnswer(answer: PerceptionAnswer, bytes: number): AnswerOutcome {
    return this.#perception.answer(answer, bytes);
  }

  /** Broadcasts a `target_rect`: where an agent is looking. */
  pointAt(rect: Rect, plugin: string | null, surface: string, agent: PerceivingAgent): void {
    this.#perception.pointAt(rect, plugin, surface, agent);
  }

  /**
   * Every 5 s while SSE streams are open: cuts off the streams that have not taken what was sent
   * 5 s before (their renderers stop being waited for), and every third time sends a heartbeat.
   */
  sweep(): void {
    const beat = ++this.#sweeps % HEARTBEAT_EVERY === 0;
    for (const s of this.#sse) if (s.checkAlive() && beat) s.heartbeat(encoder.encode(HEARTBEAT));
  }

  connectedClients(): ConnectedClients {
    const rooms: Record<RoomName, number> = {};
    for (const [room, subs] of this.#byRoom) rooms[room] = subs.size;
    return { sse: this.#sse.size, ws: this.#sockets.size, rooms };
  }

  override async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const workspace = request.headers.get(HUB_WORKSPACE_HEADER);
    if (!workspace || !this.#isMine(workspace)) return fail(404, "not_found", "workspace not found");
    const rooms = parseRoomList(url.searchParams.get("rooms"));
    if (!rooms.ok) return fail(400, "invalid_request", rooms.message);
    const since = parseCursor(url.searchParams.get("since"));
    if (!since.ok) return fail(400, "invalid_request", since.message);
    if (url.pathname === "/events") {
      const renderer = request.headers.get(HUB_RENDERER_HEADER);
      return this.#openSse(rooms.value, since.value, request.headers.get(HUB_LISTENER_HEADER) === "agent", renderer && CLIENT_ID.test(renderer) ? renderer : null);
    }
    if (url.pathname === "/ws") {
      if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
        return fail(426, "upgrade_required", "send Upgrade: websocket");
      }
      return this.#openSocket(workspace, rooms.value, since.value);
    }
    return fail(404, "not_found", `no hub route ${url.pathname}`);
  }

  override webSocketMessage(socket: WebSocket, message: string | ArrayBuffer): void {
    const sub = this.#sockets.get(socket);
    if (!sub) return socket.close(1011, "unknown socket");
    const parsed = parseClientMessage(message);
    if (!parsed.ok) return sub.control({ type: "rejected", code: "invalid_request", message: parsed.message });
    const msg = parsed.value;
    let behind = new Map<RoomName, number>();
    if (msg.type === "unfollow") {
      for (const room of msg.rooms) this.#unfollow(sub, room);
    } else {
      const refusal = followRefusal(sub, msg.rooms, msg.since);
      if (refusal) return sub.control({ type: "rejected", code: "too_many_rooms", message: refusal });
      behind = this.#follow(sub, msg.rooms, msg.since);
    }
    sub.persist();
    sub.control({ type: "following", rooms: [...sub.versions.keys()] });
    for (const [room, version] of behind) this.#catchUp([sub], room, version);
  }

  override webSocketClose(socket: WebSocket, code: number, reason: string): void {
    this.#forgetSocket(socket);
    try {
      socket.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    } catch {
      /* already closed */
    }
  }

  override webSocketError(socket: WebSocket): void {
    this.#forgetSocket(socket);
  }

  #isMine(workspaceId: string): boolean {
    if (this.#workspace !== undefined) return this.#workspace === workspaceId;
    if (!this.env.WORKSPACE_HUB.idFromName(workspaceId).equals(this.ctx.id)) return false;
    this.#workspace = workspaceId;
    return true;
  }

  #enqueue(events: unknown): HubResult<{ queued: number }> {
    if (!Array.isArray(events) || !events.every(isRoomEvent)) {
      return { ok: false, code: "invalid_events", message: "events must be an array of RoomEvent" };
    }
    const changed = new Set<RoomName>();
    for (const event of events) {
      const frame = new Frame(event);
      if (frame.version !== undefined) changed.add(frame.room);
      if (frame.advancesCursor && frame.version !== undefined) {
        const latest = this.#latest.get(frame.room);
        if (frame.type === "state" && latest !== undefined && frame.version > latest + 1) {
          this.#outbox.push({ repair: frame.room, after: latest });
        } else if (frame.type === "state" && latest !== undefined && frame.version <= latest) {
          this.#outbox.push({ reset: frame.room });
        }
        this.#latest.set(frame.room, frame.version);
      }
      this.#outbox.push(frame);
    }
    // A committed change (state, ui, styles, bindings) makes what browsers show stale.
    if (changed.size) this.#perception.invalidate([...changed]);
    this.#draining ??= setTimeout(() => this.#drain(), 0);
    return { ok: true, value: { queued: events.length } };
  }

  /** Hands each queued frame to its room's followers; sends never wait, attachments written once. */
  #drain(): void {
    this.#draining = undefined;
    const frames = this.#outbox;
    this.#outbox = [];
    for (const item of frames) {
      if ("reset" in item) {
        for (const sub of this.#byRoom.get(item.reset) ?? []) sub.forgetVersion(item.reset);
        continue;
      }
      if ("repair" in item) {
        const subs = [...(this.#byRoom.get(item.repair) ?? [])].filter((sub) => !sub.catchingUp(item.repair));
        if (subs.length) this.#catchUp(subs, item.repair, item.after);
        continue;
      }
      const subs = this.#byRoom.get(item.room);
      if (subs) for (const sub of subs) sub.deliver(item);
    }
    for (const sub of this.#sockets.values()) sub.persist();
  }

  #openSse(rooms: RoomName[], since: Cursor, agent = false, renderer: string | null = null): Response {
    if (rooms.length === 0) return fail(400, "invalid_request", "name at least one room in ?rooms=");
    const sub = new SseSubscriber((s) => this.#forgetSse(s), agent ? null : renderer);
    this.#sse.add(sub);
    if (agent) this.#agents.add(sub);
    const behind = this.#follow(sub, rooms, since);
    sub.open(rooms);
    for (const [room, version] of behind) this.#catchUp([sub], room, version);
    this.#sweeper ??= setInterval(() => this.sweep(), SWEEP_MS);
    return new Response(sub.readable, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        "x-accel-buffering": "no",
      },
    });
  }

  #openSocket(workspace: string, rooms: RoomName[], since: Cursor): Response {
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    const sub = new SocketSubscriber(server, workspace);
    const refusal = followRefusal(sub, rooms, since);
    if (refusal) return fail(400, "too_many_rooms", refusal);
    this.ctx.acceptWebSocket(server);
    this.#sockets.set(server, sub);
    const behind = this.#follow(sub, rooms, since);
    sub.persist();
    sub.control({ type: "following", rooms: [...sub.versions.keys()] });
    for (const [room, version] of behind) this.#catchUp([sub], room, version);
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Adds rooms to a subscriber; returns the rooms whose given version is behind, to replay. */
  #follow(sub: Subscriber, rooms: readonly RoomName[], since: Cursor): Map<RoomName, number> {
    const behind = new Map<RoomName, number>();
    for (const room of rooms) {
      const version = since.get(room);
      sub.follow(room, version);
      this.#index(sub, room);
      if (version === undefined) continue;
      const latest = this.#latest.get(room);
      // While alive the hub has seen every publish after `latest`: a client exactly there misses
      // nothing. Behind it needs a replay; ahead of it (a reset room) needs the room's answer too.
      if (latest !== version) behind.set(room, version);
    }
    return behind;
  }

  /** Browsers following `pe:main` (agents' streams excluded). */
  #browsers(): number {
    let n = 0;
    for (const sub of this.#byRoom.get(PERCEPTION_ROOM) ?? []) if (!this.#agents.has(sub)) n++;
    return n;
  }

  /** The browser tabs whose open streams follow `room`. */
  #renderers(room: RoomName): Set<string> {
    const tabs = new Set<string>();
    for (const sub of this.#byRoom.get(room) ?? []) if (sub instanceof SseSubscriber && sub.renderer) tabs.add(sub.renderer);
    return tabs;
  }

  #unfollow(sub: Subscriber, room: RoomName): void {
    sub.unfollow(room);
    const subs = this.#byRoom.get(room);
    subs?.delete(sub);
    if (subs?.size === 0) this.#byRoom.delete(room);
  }

  #index(sub: Subscriber, room: RoomName): void {
    let subs = this.#byRoom.get(room);
    if (!subs) this.#byRoom.set(room, (subs = new Set()));
    subs.add(sub);
  }

  /** Replays one room from `after` to the given subscribers (one room call for all of them). */
  #catchUp(subs: readonly Subscriber[], room: RoomName, after: number): void {
    const workspace = this.#workspace!;
    void catchUp(subs, room, () => replayRoom(this.env, workspace, room, after));
  }

  #forgetSocket(socket: WebSocket): void {
    const sub = this.#sockets.get(socket);
    if (!sub) return;
    this.#sockets.delete(socket);
    for (const room of [...sub.versions.keys()]) this.#unfollow(sub, room);
  }

  #forgetSse(sub: SseSubscriber): void {
    this.#sse.delete(sub);
    this.#agents.delete(sub);
    const rooms = [...sub.versions.keys()];
    for (const room of rooms) this.#unfollow(sub, room);
    // A tab reopens its stream when its rooms change: it is gone only when no stream names it.
    if (sub.renderer && ![...this.#sse].some((s) => s.renderer === sub.renderer)) this.#acks.forget(sub.renderer, rooms);
    if (this.#sse.size === 0 && this.#sweeper !== undefined) {
      clearInterval(this.#sweeper);
      this.#sweeper = undefined;
    }
  }
}

function fail(status: number, code: string, message: string): Response {
  return Response.json(errorBody(code, message), { status });
}

/** Why a socket may not add `rooms` (more than 50, or an attachment too large), else undefined. */
function followRefusal(sub: SocketSubscriber, rooms: readonly RoomName[], since: Cursor): string | undefined {
  const next = sub.attachment();
  for (const room of rooms) next.rooms[room] = since.get(room) ?? next.rooms[room] ?? null;
  if (Object.keys(next.rooms).length > MAX_ROOMS) return `at most ${MAX_ROOMS} rooms per stream`;
  if (JSON.stringify(next).length > ATTACHMENT_BUDGET) return "the follow set is too large for one socket";
  return undefined;
}
