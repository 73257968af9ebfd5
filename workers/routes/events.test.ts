import { SELF, env, evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { SocketAttachment } from "../../durable-objects/workspace-hub/socket";
import type { WorkspaceHub } from "../../durable-objects/workspace-hub/workspace-hub";
import type { RoomEvent } from "../../lib/protocol/events";
import { roomStub } from "../engine/rooms";
import { addPerson, call, login, seedWorkspace, type Seeded } from "../test/fixtures";

/** Bounded wait for one frame; below vitest's 5 s test timeout so the failure names what is missing. */
const WAIT_MS = 3_000;

/** A GET through the Worker's real fetch handler (the route is mounted at /api/w/:ws). */
function request(path: string, token?: string, headers: Record<string, string> = {}): Promise<Response> {
  const h = new Headers(headers);
  if (token) h.set("authorization", `Bearer ${token}`);
  return SELF.fetch(`http://frameos.test${path}`, { headers: h });
}

const hub = (ws: string) => env.WORKSPACE_HUB.get(env.WORKSPACE_HUB.idFromName(ws));

function state(room: string, version: number): RoomEvent {
  return { type: "state", room, version, dispatch_id: version, batch_id: `b${version}`, source: "test", patch: [{ op: "replace", path: "/n", value: version }], rendering: "progressive" };
}

async function publish(ws: string, ...list: RoomEvent[]) {
  const r = await hub(ws).publish(ws, list);
  expect(r).toEqual({ ok: true, value: { queued: list.length } });
}

/** Fails the test if `promise` has not settled within the bounded wait. */
function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), WAIT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => {
    if (timer !== null) clearTimeout(timer);
  });
}

/** Waits until the hub has dropped every SSE stream; it notices a closed one when a write to it fails. */
async function dropped(ws: string): Promise<void> {
  await within(
    (async () => {
      for (;;) {
        await publish(ws, { type: "toast", room: "graphist:main", message: "ping", level: "info" });
        if ((await hub(ws).connectedClients()).sse === 0) return;
        await new Promise((r) => setTimeout(r, 20));
      }
    })(),
    "the hub to drop the closed stream",
  );
}

interface SseEvent {
  id: string | undefined;
  event: string;
  data: RoomEvent;
}

/** Reads an SSE body frame by frame; comments and data-less frames are skipped. */
class SseReader {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #decoder = new TextDecoder();
  #buffer = "";
  lastId: string | undefined;

  constructor(res: Response) {
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    this.#reader = res.body!.getReader();
  }

  async next(): Promise<SseEvent> {
    for (;;) {
      const end = this.#buffer.indexOf("\n\n");
      if (end >= 0) {
        const block = this.#buffer.slice(0, end);
        this.#buffer = this.#buffer.slice(end + 2);
        const fields: Record<string, string> = {};
        for (const line of block.split("\n")) {
          if (line.startsWith(":")) continue;
          const colon = line.indexOf(":");
          fields[line.slice(0, colon)] = line.slice(colon + 1).replace(/^ /, "");
        }
        if (fields.id !== undefined) this.lastId = fields.id;
        if (fields.data === undefined) continue;
        return { id: fields.id, event: fields.event ?? "message", data: JSON.parse(fields.data) as RoomEvent };
      }
      const { value, done } = await within(this.#reader.read(), "an SSE frame");
      if (done) throw new Error("the SSE stream ended");
      this.#buffer += this.#decoder.decode(value, { stream: true });
    }
  }

  async take(n: number): Promise<SseEvent[]> {
    const out: SseEvent[] = [];
    while (out.length < n) out.push(await this.next());
    return out;
  }

  close(): Promise<void> {
    return this.#reader.cancel();
  }
}

type Message = { type: string; room?: string; version?: number; rooms?: string[]; code?: string };

/** A client WebSocket whose text frames are read in order with a bounded wait. */
class SocketReader {
  readonly socket: WebSocket;
  readonly #queue: Message[] = [];
  #wake: (() => void) | undefined;

  constructor(res: Response) {
    expect(res.status).toBe(101);
    this.socket = res.webSocket!;
    this.socket.accept();
    this.socket.addEventListener("message", (e) => {
      const text = e.data as string;
      this.#queue.push(text === "pong" ? { type: "pong" } : (JSON.parse(text) as Message));
      this.#wake?.();
    });
  }

  async next(): Promise<Message> {
    while (this.#queue.length === 0) await within(new Promise<void>((r) => (this.#wake = r)), "a WebSocket message");
    return this.#queue.shift()!;
  }

  send(message: unknown) {
    this.socket.send(JSON.stringify(message));
  }
}

const brief = (e: { data: RoomEvent } | Message) => {
  const m = "data" in e ? e.data : e;
  return `${m.type} ${m.room ?? ""}${"version" in m && m.version !== undefined ? `@${m.version}` : ""}`;
};

describe("GET /api/w/:ws/events (SSE)", () => {
  it("sends published events of followed rooms only, in order, with cursor ids", async () => {
    const { workspace, owner } = await seedWorkspace();
    const sse = new SseReader(await request(`/api/w/${workspace.id}/events?rooms=graphist:main,pe:main`, owner.token));
    await publish(workspace.id, state("graphist:main", 1), state("other:main", 1), state("pe:main", 1));
    await publish(workspace.id, { type: "toast", room: "graphist:main", message: "hi", level: "info" }, state("graphist:main", 2));
    const got = await sse.take(4);
    expect(got.map(brief)).toEqual(["state graphist:main@1", "state pe:main@1", "toast graphist:main", "state graphist:main@2"]);
    expect(got.map((e) => e.event)).toEqual(["state", "state", "toast", "state"]);
    expect(got.map((e) => e.id)).toEqual(["graphist:main=1", "graphist:main=1,pe:main=1", "graphist:main=1,pe:main=1", "graphist:main=2,pe:main=1"]);
    expect(got[0]!.data).toEqual(state("graphist:main", 1));
    await sse.close();
  });

  it("carries ten rooms on one connection", async () => {
    const { workspace, owner } = await seedWorkspace();
    const rooms = Array.from({ length: 10 }, (_, i) => `app${i}:main`);
    const sse = new SseReader(await request(`/api/w/${workspace.id}/events?rooms=${rooms.join(",")}`, owner.token));
    const clients = await hub(workspace.id).connectedClients();
    expect(clients.sse).toBe(1);
    expect(clients.rooms).toEqual(Object.fromEntries(rooms.map((r) => [r, 1])));
    await publish(workspace.id, ...rooms.map((r) => state(r, 1)));
    expect((await sse.take(10)).map((e) => e.data.room)).toEqual(rooms);
    await sse.close();
  });

  it("sends only what follows a cursor at the room's latest version", async () => {
    const { workspace, owner } = await seedWorkspace();
    await publish(workspace.id, state("graphist:main", 1), state("graphist:main", 2));
    const sse = new SseReader(await request(`/api/w/${workspace.id}/events?rooms=graphist:main`, owner.token, { "last-event-id": "graphist:main=2" }));
    await publish(workspace.id, state("graphist:main", 3));
    const [next] = await sse.take(1);
    expect(brief(next!)).toBe("state graphist:main@3");
    expect(next!.id).toBe("graphist:main=3");
    await sse.close();
  });

  it("queues for a client that reads late and cuts off one that stops reading", async () => {
    const { workspace, owner } = await seedWorkspace();
    const path = `/api/w/${workspace.id}/events?rooms=graphist:main`;
    const late = new SseReader(await request(path, owner.token));
    await publish(workspace.id, ...Array.from({ length: 2000 }, (_, i) => state("graphist:main", i + 1)));
    const got = await late.take(2000);
    expect(got.map((e) => e.data.room === "graphist:main" && "version" in e.data && e.data.version)).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1));
    await late.close();

    const stalled = new SseReader(await request(path, owner.token));
    const big = (v: number): RoomEvent => ({ ...state("graphist:main", v), patch: [{ op: "replace", path: "/blob", value: "x".repeat(256 * 1024) }] } as RoomEvent);
    await publish(workspace.id, ...Array.from({ length: 20 }, (_, i) => big(3000 + i)));
    await within(
      (async () => {
        while ((await hub(workspace.id).connectedClients()).sse > 0) await new Promise((r) => setTimeout(r, 20));
      })(),
      "the hub to cut off the stalled stream",
    );
    await stalled.close().catch(() => undefined);
  });

  it("forgets a client that disconnects", async () => {
    const { workspace, owner } = await seedWorkspace();
    const sse = new SseReader(await request(`/api/w/${workspace.id}/events?rooms=graphist:main`, owner.token));
    await publish(workspace.id, state("graphist:main", 1));
    await sse.take(1);
    await sse.close();
    await dropped(workspace.id);
    expect((await hub(workspace.id).connectedClients()).rooms).toEqual({});
  });

  it("cuts off, at a liveness sweep, a stream that has not taken what was sent before the previous sweep", async () => {
    const { workspace, owner } = await seedWorkspace();
    const path = `/api/w/${workspace.id}/events?rooms=graphist:main`;
    const reading = new SseReader(await request(path, owner.token));
    // Never read nor cancelled: what a stream looks like when the runtime lost its reader.
    const abandoned = await request(path, owner.token);
    await publish(workspace.id, ...Array.from({ length: 5 }, (_, i) => state("graphist:main", i + 1)));
    await reading.take(5);
    await hub(workspace.id).sweep();
    expect((await hub(workspace.id).connectedClients()).sse).toBe(2);
    await hub(workspace.id).sweep();
    expect(await hub(workspace.id).connectedClients()).toEqual({ sse: 1, ws: 0, rooms: { "graphist:main": 1 } });
    // The one that reads keeps its stream, and gets what comes next.
    await publish(workspace.id, state("graphist:main", 6));
    expect((await reading.next()).data).toMatchObject({ version: 6 });
    await reading.close();
    await abandoned.body?.cancel().catch(() => undefined);
  });

  it("waits for the render acks of the tabs whose streams are open, not of tabs that left", async () => {
    const { workspace, owner } = await seedWorkspace();
    const ack = (client: string, version: number) => call(`/api/w/${workspace.id}/render-ack`, { token: owner.token, body: { room: "graphist:main", version, client } });
    const open = (client: string) => request(`/api/w/${workspace.id}/events?rooms=graphist:main&client=${client}`, owner.token);
    const gone = new SseReader(await open("tab-gone-1234"));
    await publish(workspace.id, state("graphist:main", 1));
    await gone.take(1);
    expect((await ack("tab-gone-1234", 1)).status).toBe(200);
    await gone.close();
    await dropped(workspace.id);
    const here = new SseReader(await open("tab-here-1234"));
    expect((await ack("tab-here-1234", 1)).status).toBe(200);
    await publish(workspace.id, state("graphist:main", 2));
    await here.take(1);
    const waiting = hub(workspace.id).awaitRender("graphist:main", 2, 2_000);
    expect((await ack("tab-here-1234", 2)).status).toBe(200);
    // The tab that left acked version 1 and would never ack 2: only the open tab is waited for.
    expect(await within(waiting, "the render ack")).toEqual({ rendered_by: 1, version: 2, timed_out: false });
    await here.close();
  });
});

describe("GET /api/w/:ws/ws (WebSocket)", () => {
  it("follows and unfollows rooms on one socket", async () => {
    const { workspace, owner } = await seedWorkspace();
    const ws = new SocketReader(await request(`/api/w/${workspace.id}/ws?rooms=graphist:main`, owner.token, { upgrade: "websocket" }));
    expect(await ws.next()).toEqual({ type: "following", rooms: ["graphist:main"] });
    await publish(workspace.id, state("graphist:main", 1), state("pe:main", 1));
    expect(brief(await ws.next())).toBe("state graphist:main@1");

    ws.send({ type: "follow", rooms: ["pe:main"] });
    expect(await ws.next()).toEqual({ type: "following", rooms: ["graphist:main", "pe:main"] });
    await publish(workspace.id, state("pe:main", 2));
    expect(brief(await ws.next())).toBe("state pe:main@2");

    ws.send({ type: "unfollow", rooms: ["graphist:main"] });
    expect(await ws.next()).toEqual({ type: "following", rooms: ["pe:main"] });
    await publish(workspace.id, state("graphist:main", 2), state("pe:main", 3));
    expect(brief(await ws.next())).toBe("state pe:main@3");
    expect(await hub(workspace.id).connectedClients()).toEqual({ sse: 0, ws: 1, rooms: { "pe:main": 1 } });
    ws.socket.close(1000, "done");
  });

  it("rejects a bad client message without changing the follow set", async () => {
    const { workspace, owner } = await seedWorkspace();
    const ws = new SocketReader(await request(`/api/w/${workspace.id}/ws?rooms=graphist:main`, owner.token, { upgrade: "websocket" }));
    await ws.next();
    ws.socket.send("not json");
    expect(await ws.next()).toMatchObject({ type: "rejected", code: "invalid_request" });
    ws.send({ type: "follow", rooms: ["Bad Room"] });
    expect(await ws.next()).toMatchObject({ type: "rejected", code: "invalid_request" });
    ws.send({ type: "follow", rooms: Array.from({ length: 50 }, (_, i) => `app${i}:main`) });
    expect(await ws.next()).toMatchObject({ type: "rejected", code: "too_many_rooms" });
    expect((await hub(workspace.id).connectedClients()).rooms).toEqual({ "graphist:main": 1 });
    ws.socket.close(1000, "done");
  });

  it("keeps its follow state in the socket attachment across hibernation", async () => {
    const { workspace, owner } = await seedWorkspace();
    const ws = new SocketReader(await request(`/api/w/${workspace.id}/ws?rooms=graphist:main`, owner.token, { upgrade: "websocket" }));
    await ws.next();
    await publish(workspace.id, state("graphist:main", 1));
    expect(brief(await ws.next())).toBe("state graphist:main@1");
    const stub = hub(workspace.id);
    const saved = await runInDurableObject(stub, (_hub: WorkspaceHub, s) => s.getWebSockets().map((w) => w.deserializeAttachment() as SocketAttachment));
    expect(saved).toEqual([{ workspace: workspace.id, rooms: { "graphist:main": 1 } }]);

    await runInDurableObject(stub, (instance: WorkspaceHub) => void Object.assign(instance, { beforeEviction: true }));
    await evictDurableObject(stub);
    expect(await runInDurableObject(stub, (instance: WorkspaceHub) => "beforeEviction" in instance)).toBe(false);
    expect(await hub(workspace.id).connectedClients()).toEqual({ sse: 0, ws: 1, rooms: { "graphist:main": 1 } });
    await publish(workspace.id, state("pe:main", 1), state("graphist:main", 2));
    expect(brief(await ws.next())).toBe("state graphist:main@2");
    ws.send({ type: "follow", rooms: ["pe:main"] });
    expect(await ws.next()).toEqual({ type: "following", rooms: ["graphist:main", "pe:main"] });
    ws.socket.close(1000, "done");
  });

  it("answers a ping text frame with pong", async () => {
    const { workspace, owner } = await seedWorkspace();
    const ws = new SocketReader(await request(`/api/w/${workspace.id}/ws?rooms=graphist:main`, owner.token, { upgrade: "websocket" }));
    await ws.next();
    ws.socket.send("ping");
    expect(await ws.next()).toEqual({ type: "pong" });
    ws.socket.close(1000, "done");
  });

  it("answers 426 without an upgrade header", async () => {
    const { workspace, owner } = await seedWorkspace();
    const res = await request(`/api/w/${workspace.id}/ws?rooms=graphist:main`, owner.token);
    expect(res.status).toBe(426);
    expect(await res.json()).toMatchObject({ error: { code: "upgrade_required" } });
  });
});

describe("stream access and validation", () => {
  it("gives another workspace's token a 404 and an anonymous caller a 401", async () => {
    const mine = await seedWorkspace();
    const other = await seedWorkspace();
    for (const path of ["events", "ws"]) {
      const headers: Record<string, string> = path === "ws" ? { upgrade: "websocket" } : {};
      const foreign = await request(`/api/w/${mine.workspace.id}/${path}?rooms=graphist:main`, other.owner.token, headers);
      expect(foreign.status).toBe(404);
      expect(await foreign.json()).toMatchObject({ error: { code: "not_found" } });
      expect((await request(`/api/w/${mine.workspace.id}/${path}?rooms=graphist:main`, undefined, headers)).status).toBe(401);
    }
  });

  it("lets a viewer listen", async () => {
    const { workspace } = await seedWorkspace();
    const viewer = await addPerson(workspace.id, "viewer");
    const sse = new SseReader(await request(`/api/w/${workspace.id}/events?rooms=graphist:main`, viewer.token));
    await publish(workspace.id, state("graphist:main", 1));
    expect(brief((await sse.take(1))[0]!)).toBe("state graphist:main@1");
    await sse.close();
  });

  it("refuses a session-cookie WebSocket from another origin", async () => {
    const { workspace, owner } = await seedWorkspace();
    const cookie = await login(owner.email, owner.password);
    const path = `/api/w/${workspace.id}/ws?rooms=graphist:main`;
    const foreign = await request(path, undefined, { cookie, upgrade: "websocket", origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ error: { code: "forbidden" } });
    const ws = new SocketReader(await request(path, undefined, { cookie, upgrade: "websocket", origin: "http://frameos.test" }));
    expect(await ws.next()).toEqual({ type: "following", rooms: ["graphist:main"] });
    ws.socket.close(1000, "done");
  });

  it("answers 400 in the error shape for invalid rooms and cursors", async () => {
    const { workspace, owner } = await seedWorkspace();
    const many = Array.from({ length: 51 }, (_, i) => `app${i}:main`).join(",");
    const cases = [
      `events?rooms=Graphist:main`,
      `events?rooms=graphist`,
      `events?rooms=graphist:main/../x`,
      `events?rooms=${many}`,
      `events`,
      `events?rooms=graphist:main&since=graphist:main=x`,
      `events?rooms=graphist:main&client=short`,
      `ws?rooms=g:main`,
    ];
    for (const path of cases) {
      const res = await request(`/api/w/${workspace.id}/${path}`, owner.token, { upgrade: "websocket" });
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string; details: unknown[] } };
      expect(body.error.code, path).toBe("invalid_request");
      expect(body.error.details, path).toHaveLength(1);
    }
  });

  it("refuses a hub publish for another workspace or with an event type unsafe to frame", async () => {
    const { workspace } = await seedWorkspace();
    const other = await seedWorkspace();
    expect(await hub(workspace.id).publish(other.workspace.id, [state("graphist:main", 1)])).toMatchObject({ ok: false, code: "wrong_workspace" });
    const injected = { type: "toast\ndata: x", room: "graphist:main", message: "m", level: "info" } as unknown as RoomEvent;
    expect(await hub(workspace.id).publish(workspace.id, [injected])).toMatchObject({ ok: false, code: "invalid_events" });
  });
});

describe("resume through the real plugin room", () => {
  async function withGraphist(): Promise<Seeded> {
    const seeded = await seedWorkspace();
    const r = await call(`/api/w/${seeded.workspace.id}/plugins`, { token: seeded.owner.token, body: { name: "graphist" } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return seeded;
  }

  async function addNodes(s: Seeded, ...labels: string[]) {
    for (const label of labels) {
      const r = await call(`/api/w/${s.workspace.id}/dispatch`, { token: s.owner.token, body: { commands: [{ plugin: "graphist", command: "add_node", params: { x: 1, y: 2, label } }] } });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
  }

  const versions = (list: SseEvent[]) => list.map((e) => `${e.event}@${"version" in e.data ? e.data.version : "-"}`);

  it("replays exactly what a client missed after reconnecting with Last-Event-ID", async () => {
    const s = await withGraphist();
    const path = `/api/w/${s.workspace.id}/events?rooms=graphist:main`;
    const first = new SseReader(await request(path, s.owner.token));
    await addNodes(s, "A");
    const [seen] = await first.take(1);
    expect(seen!.id).toBe("graphist:main=1");
    await first.close();

    await addNodes(s, "B", "C", "D");
    const again = new SseReader(await request(path, s.owner.token, { "last-event-id": first.lastId! }));
    const live = addNodes(s, "E", "F");
    const got = await again.take(5);
    await live;
    expect(versions(got)).toEqual(["state@2", "state@3", "state@4", "state@5", "state@6"]);
    expect(got.at(-1)!.id).toBe("graphist:main=6");
    await addNodes(s, "G");
    expect(versions(await again.take(1))).toEqual(["state@7"]);
    await again.close();
  });

  it("replays from the room itself after the hub was evicted, over ?since= on a WebSocket", async () => {
    const s = await withGraphist();
    await addNodes(s, "A", "B", "C");
    await evictDurableObject(hub(s.workspace.id));
    const ws = new SocketReader(await request(`/api/w/${s.workspace.id}/ws?rooms=graphist:main&since=graphist:main=1`, s.owner.token, { upgrade: "websocket" }));
    expect(await ws.next()).toEqual({ type: "following", rooms: ["graphist:main"] });
    expect(brief(await ws.next())).toBe("state graphist:main@2");
    expect(brief(await ws.next())).toBe("state graphist:main@3");
    await addNodes(s, "D");
    expect(brief(await ws.next())).toBe("state graphist:main@4");
    ws.socket.close(1000, "done");
  });

  it("replays after a follow message that carries since", async () => {
    const s = await withGraphist();
    await addNodes(s, "A", "B");
    const ws = new SocketReader(await request(`/api/w/${s.workspace.id}/ws`, s.owner.token, { upgrade: "websocket" }));
    expect(await ws.next()).toEqual({ type: "following", rooms: [] });
    ws.send({ type: "follow", rooms: ["graphist:main"], since: { "graphist:main": 0 } });
    expect(await ws.next()).toEqual({ type: "following", rooms: ["graphist:main"] });
    expect([brief(await ws.next()), brief(await ws.next())]).toEqual(["state graphist:main@1", "state graphist:main@2"]);
    ws.socket.close(1000, "done");
  });

  it("repairs a gap in published versions from the room before sending what follows", async () => {
    const s = await withGraphist();
    await addNodes(s, "A", "B", "C");
    await evictDurableObject(hub(s.workspace.id));
    const sse = new SseReader(await request(`/api/w/${s.workspace.id}/events?rooms=graphist:main`, s.owner.token));
    // The hub now knows only version 1 (as if the publishes of 2 and 3 had been lost on the way).
    const key = { workspace: s.workspace.id, plugin: "graphist", instance: "main" };
    const answer = await roomStub(env, key).changesSince(key, 0);
    expect(answer.kind).toBe("patches");
    await publish(s.workspace.id, ...(answer.kind === "patches" ? answer.events.slice(0, 1) : []));
    expect(versions(await sse.take(1))).toEqual(["state@1"]);
    await addNodes(s, "D");
    expect(versions(await sse.take(3))).toEqual(["state@2", "state@3", "state@4"]);
    await addNodes(s, "E");
    expect(versions(await sse.take(1))).toEqual(["state@5"]);
    await sse.close();
  });

  it("keeps delivering after the plugin is uninstalled and installed again", async () => {
    const s = await withGraphist();
    const sse = new SseReader(await request(`/api/w/${s.workspace.id}/events?rooms=graphist:main`, s.owner.token));
    await addNodes(s, "A", "B");
    expect(versions(await sse.take(2))).toEqual(["state@1", "state@2"]);
    expect((await call(`/api/w/${s.workspace.id}/plugins/graphist`, { token: s.owner.token, method: "DELETE" })).status).toBe(200);
    expect((await call(`/api/w/${s.workspace.id}/plugins`, { token: s.owner.token, body: { name: "graphist" } })).status).toBe(201);
    await addNodes(s, "C");
    const [again] = await sse.take(1);
    expect(versions([again!])).toEqual(["state@1"]);
    expect(again!.id).toBe("graphist:main=1");
    await sse.close();
  });

  it("answers a cursor the changelog cannot serve with full_state too_old", async () => {
    const s = await withGraphist();
    await addNodes(s, "A", "B");
    const sse = new SseReader(await request(`/api/w/${s.workspace.id}/events?rooms=graphist:main&since=graphist:main=99`, s.owner.token));
    const [full] = await sse.take(1);
    expect(full!.event).toBe("full_state");
    expect(full!.data).toMatchObject({ type: "full_state", room: "graphist:main", version: 2, reason: "too_old" });
    expect(full!.id).toBe("graphist:main=2");
    await addNodes(s, "C");
    expect(versions(await sse.take(1))).toEqual(["state@3"]);
    await sse.close();
  });
});
