import { batch, createContext, createEffect, createSignal, onCleanup, useContext } from "solid-js";
import type { JSX } from "solid-js";
import type { RoomEvent } from "../../../../lib/protocol/events";
import { PERCEPTION_ROOM, type PerceptionEvent } from "../../../../lib/protocol/perception";
import { errorMessage } from "../../lib/api";
import { PerceptionOverlay } from "../../perception/overlay";
import { isPerceptionEvent } from "../../perception/events";
import { createPerception } from "../../perception/responder";
import { eventFrames, timing } from "../look/animate";
import { parseTokens, tokensCss } from "../look/tokens";
import { changedIds } from "./changed-ids";
import { newClientId, pluginApi } from "./client";
import { backoff, eventsUrl } from "./cursor";
import { EventQueue } from "./event-queue";
import type { Room } from "./room";

export interface Toast {
  id: number;
  room: string;
  message: string;
  level: "info" | "success" | "warning" | "error";
}

export interface Presence {
  at: number;
  target?: string;
  rect?: { x: number; y: number; width: number; height: number };
}

type AnyEvent = RoomEvent | { type: "target_rect"; room: string; target?: string; rect?: Presence["rect"] };
// Perception events (pe:main) go straight to the responder, not through the per-frame queue.
const EVENT_TYPES = ["state", "full_state", "ui", "styles", "bindings", "toast", "animate", "error", "tokens", "target_rect", "perception_query", "perception_invalidate", "perception_active"] as const;

export interface Hub {
  ws: string;
  client: string;
  register(room: Room): () => void;
  dispatch(room: Room, command: string, params: Record<string, unknown>): Promise<void>;
  toasts: () => Toast[];
  dismiss(id: number): void;
  presence: (room: string) => Presence | null;
  connected: () => boolean;
  tokenCss: () => string;
  reducedMotion: () => boolean;
}

const HubContext = createContext<Hub>();

export function useHub(): Hub {
  const hub = useContext(HubContext);
  if (!hub) throw new Error("useHub() needs a <LiveProvider>");
  return hub;
}

/** One multiplexed event stream per workspace for every registered (visible) room. */
export function LiveProvider(props: { ws: string; children: JSX.Element }) {
  const rooms = new Map<string, Room>();
  const [roomSet, setRoomSet] = createSignal<string[]>([]);
  const [toasts, setToasts] = createSignal<Toast[]>([]);
  const [presence, setPresence] = createSignal<Record<string, Presence>>({});
  const [connected, setConnected] = createSignal(false);
  const [tokenCss, setTokenCss] = createSignal("");
  const motion = window.matchMedia("(prefers-reduced-motion: reduce)");
  const [reducedMotion, setReducedMotion] = createSignal(motion.matches);
  const onMotion = () => setReducedMotion(motion.matches);
  motion.addEventListener("change", onMotion);
  const client = newClientId();
  const perception = createPerception(props.ws, client);
  let toastId = 0;

  const toast = (room: string, message: string, level: Toast["level"]) => {
    const id = ++toastId;
    setToasts((t) => [...t.slice(-4), { id, room, message, level }]);
    setTimeout(() => setToasts((t) => t.filter((x) => x.id !== id)), level === "error" ? 8000 : 4000);
  };

  const acks = new Map<string, { version: number; dispatchId?: number }>();
  let ackFrame = 0;
  const ack = (room: Room, dispatchId?: number) => {
    acks.set(room.name, { version: room.version(), dispatchId });
    if (ackFrame) return;
    ackFrame = requestAnimationFrame(() => {
      ackFrame = 0;
      const list = [...acks];
      acks.clear();
      // After the frame that painted the update.
      setTimeout(() => {
        for (const [name, a] of list) void pluginApi.renderAck(props.ws, name, a.version, client, a.dispatchId).catch(() => undefined);
      }, 0);
    });
  };

  const shimmer = (room: Room, ids: string[]) => {
    requestAnimationFrame(() => {
      for (const id of ids) {
        const sel = `[data-plugin="${CSS.escape(room.plugin)}"][data-id="${CSS.escape(id)}"], [data-plugin="${CSS.escape(room.plugin)}"] [data-key="${CSS.escape(id)}"]`;
        for (const el of document.querySelectorAll(sel)) {
          el.classList.remove("sd-ai-shimmer");
          void (el as HTMLElement).getBoundingClientRect();
          el.classList.add("sd-ai-shimmer");
          setTimeout(() => el.classList.remove("sd-ai-shimmer"), 1600);
        }
      }
    });
  };

  const resync = async (room: Room) => {
    try {
      const known = room.version();
      const reply = await pluginApi.state(props.ws, room.plugin, room.instance, known >= 0 ? known : undefined);
      if ("patches" in reply) {
        for (const p of reply.patches) room.applyState(p);
      } else {
        room.setFull(reply.state, reply.version);
      }
      ack(room);
    } catch (error) {
      toast(room.name, `Could not reload ${room.name}: ${errorMessage(error)}`, "error");
    }
  };

  const apply = (ev: AnyEvent) => {
    const room = rooms.get(ev.room);
    if (!room) return;
    switch (ev.type) {
      case "state": {
        const r = room.applyState(ev);
        if (r === "gap") void resync(room);
        if (r === "applied") {
          ack(room, ev.dispatch_id);
          if (ev.source === "ai" || ev.source.startsWith("ai")) shimmer(room, changedIds(room.state(), ev.patch));
        }
        break;
      }
      case "full_state":
        room.setFull(ev.state, ev.version);
        ack(room);
        break;
      case "ui":
      case "styles":
      case "bindings":
        room.applyFile(ev);
        break;
      case "toast":
        toast(ev.room, ev.message, ev.level);
        break;
      case "error":
        toast(ev.room, `${ev.command}: ${ev.error.message}`, "error");
        break;
      case "tokens": {
        // tokens_changed is a map of tokens, or `true` with the tokens in the room's state.tokens.
        const st = room.state();
        const value = typeof ev.value === "object" && ev.value !== null ? ev.value : typeof st === "object" && st !== null && !Array.isArray(st) ? st.tokens : null;
        setTokenCss((css) => css + tokensCss(".plugin-area", parseTokens(value)));
        break;
      }
      case "animate":
        animate(room, ev.target, ev.animation);
        break;
      case "target_rect":
        setPresence((p) => ({ ...p, [ev.room]: { at: Date.now(), target: ev.target, rect: ev.rect } }));
        break;
    }
  };

  const animate = (room: Room, target: string, animation: unknown) => {
    const spec = eventFrames(animation);
    if (!spec) return;
    const sel = `[data-plugin="${CSS.escape(room.plugin)}"][data-id="${CSS.escape(target)}"], [data-plugin="${CSS.escape(room.plugin)}"] [data-key="${CSS.escape(target)}"]`;
    document.querySelectorAll(sel).forEach((el, i) => el.animate(spec.frames, { ...timing(spec.timing, spec.kind === "emphasis" ? 600 : 220, i, reducedMotion()), fill: "none" }));
  };

  const queue = new EventQueue<AnyEvent & { rendering?: string; batch_id?: string }>((events) => batch(() => events.forEach(apply)), (run) => requestAnimationFrame(run));

  // The stream: reopened when the set of rooms changes, resumed from known versions after a drop.
  let source: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  const open = () => {
    source?.close();
    clearTimeout(retry);
    // pe:main is always followed: perception queries and the AI eye arrive on it.
    const names = [...new Set([...roomSet(), PERCEPTION_ROOM])].sort();
    const versions = new Map<string, number>();
    for (const n of names) {
      const v = rooms.get(n)?.version() ?? -1;
      if (v >= 0) versions.set(n, v);
    }
    const es = new EventSource(eventsUrl(props.ws, names, versions, client), { withCredentials: true });
    source = es;
    es.onopen = () => {
      attempt = 0;
      setConnected(true);
    };
    es.onerror = () => {
      setConnected(false);
      if (es.readyState === EventSource.CLOSED) {
        retry = setTimeout(open, backoff(attempt++));
      }
    };
    const onEvent = (m: MessageEvent<string>) => {
      try {
        const ev = JSON.parse(m.data) as AnyEvent | PerceptionEvent;
        if (isPerceptionEvent(ev)) perception.handle(ev);
        else queue.push(ev as AnyEvent);
      } catch {
        /* a malformed frame is skipped */
      }
    };
    for (const t of EVENT_TYPES) es.addEventListener(t, onEvent);
    es.onmessage = onEvent;
  };
  // A dropped network: the browser retries on its own with Last-Event-ID. When the browser knows
  // it is offline the stream is closed at once, and reopened from the known versions when online.
  const onOnline = () => {
    if (!source || source.readyState !== EventSource.OPEN) open();
  };
  const onOffline = () => {
    source?.close();
    source = null;
    clearTimeout(retry);
    setConnected(false);
  };
  window.addEventListener("online", onOnline);
  window.addEventListener("offline", onOffline);
  let reopen: ReturnType<typeof setTimeout> | undefined;
  createEffect(() => {
    roomSet();
    clearTimeout(reopen);
    // With no room yet, wait for the panels to register theirs before following pe:main alone
    // (a stream opened and closed at once still counts as a browser on the hub until it notices).
    reopen = setTimeout(open, roomSet().length ? 30 : 1500);
  });
  onCleanup(() => {
    source?.close();
    clearTimeout(retry);
    clearTimeout(reopen);
    window.removeEventListener("online", onOnline);
    window.removeEventListener("offline", onOffline);
    motion.removeEventListener("change", onMotion);
    perception.dispose();
  });

  const hub: Hub = {
    ws: props.ws,
    client,
    register(room) {
      rooms.set(room.name, room);
      setRoomSet([...rooms.keys()].sort());
      ack(room);
      return () => {
        if (rooms.get(room.name) === room) rooms.delete(room.name);
        setRoomSet([...rooms.keys()].sort());
      };
    },
    async dispatch(room, command, params) {
      try {
        await pluginApi.dispatch(props.ws, room.plugin, room.instance, command, params);
      } catch (error) {
        toast(room.name, `${command}: ${errorMessage(error)}`, "error");
      }
    },
    toasts,
    dismiss: (id) => setToasts((t) => t.filter((x) => x.id !== id)),
    presence: (room) => presence()[room] ?? null,
    connected,
    tokenCss,
    reducedMotion,
  };
  return (
    <HubContext.Provider value={hub}>
      {props.children}
      <PerceptionOverlay perception={perception} />
    </HubContext.Provider>
  );
}
