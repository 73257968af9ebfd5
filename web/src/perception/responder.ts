/**
 * The browser half of perception: answers `perception_query` events with a surface computed
 * from the live DOM (posted to `/api/w/:ws/perception/answers`), runs the console and mutation
 * feeds, and keeps what the overlay shows (the AI eye from `target_rect`, the "AI is looking"
 * indicator from `perception_active`).
 */
import { createSignal } from "solid-js";
import type { Accessor } from "solid-js";
import type { BrowserSurface, PerceptionEvent, Rect } from "../../../lib/protocol/perception";
import { a11ySnapshot } from "./a11y";
import { findAnomalies } from "./anomalies";
import { componentsSnapshot, FrameCounter } from "./components";
import { startFeeds } from "./feed";
import { takeScreenshot } from "./screenshot";
import { BadQuery } from "./screenshot-query";
import { viewSnapshot } from "./view";

export interface Eye {
  key: number;
  rect: Rect;
  plugin: string | null;
  surface: string;
  agent: string;
}

export interface Perception {
  handle(ev: PerceptionEvent): void;
  eyes: Accessor<Eye[]>;
  /** Names of agents currently perceiving the workspace. */
  watchers: Accessor<string[]>;
  dispose(): void;
}

/** How long an eye stays on screen (it fades over the last second, see perception.css). */
export const EYE_MS = 4000;
/** A `perception_active` true that never got its false is forgotten after this long. */
const ACTIVE_MS = 60_000;
/** A hidden tab answers only after this head start for visible ones (the server takes the first). */
const HIDDEN_DELAY_MS = 400;

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createPerception(ws: string, client: string): Perception {
  const base = `/api/w/${encodeURIComponent(ws)}/perception`;
  // Plain fetch: an error here must not reach the console (it would feed itself) or the sign-in flow.
  const post = (path: string, body: unknown) =>
    fetch(`${base}/${path}`, { method: "POST", credentials: "same-origin", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then(
      (r) => r.ok || Promise.reject(new Error(String(r.status))),
    );

  const counter = new FrameCounter();
  counter.start();
  const stopFeeds = startFeeds(post, client);

  const [eyes, setEyes] = createSignal<Eye[]>([]);
  const [active, setActive] = createSignal<Map<string, { name: string; until: number }>>(new Map());
  let eyeKey = 0;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const later = (ms: number, run: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      run();
    }, ms);
    timers.add(t);
  };

  const compute = async (surface: BrowserSurface, query: string | null): Promise<unknown> => {
    switch (surface) {
      case "view":
        return viewSnapshot();
      case "a11y":
        return a11ySnapshot();
      case "anomalies":
        return findAnomalies();
      case "components":
        return componentsSnapshot(counter);
      case "screenshot":
        return takeScreenshot(query);
      default:
        throw new BadQuery("unknown_surface", `this browser does not compute ${String(surface)}`);
    }
  };

  const answer = async (ev: Extract<PerceptionEvent, { type: "perception_query" }>) => {
    const deadline = Date.parse(ev.deadline);
    if (document.visibilityState === "hidden") await delay(Math.min(HIDDEN_DELAY_MS, Math.max(0, (deadline - Date.now()) / 3)));
    if (Date.now() > deadline) return;
    let body: unknown;
    try {
      body = { id: ev.id, client, ok: true, value: await compute(ev.surface, ev.query) };
    } catch (error) {
      const code = error instanceof BadQuery ? error.code : "browser_error";
      const message = error instanceof Error ? error.message : String(error);
      body = { id: ev.id, client, ok: false, error: { code, message: message.slice(0, 2000) } };
    }
    if (Date.now() <= deadline) await post("answers", body).catch(() => undefined);
  };

  const handle = (ev: PerceptionEvent) => {
    switch (ev.type) {
      case "perception_query":
        void answer(ev);
        break;
      case "target_rect": {
        const key = ++eyeKey;
        setEyes((list) => [...list.slice(-4), { key, rect: ev.rect, plugin: ev.plugin, surface: ev.surface, agent: ev.agent.name }]);
        later(EYE_MS, () => setEyes((list) => list.filter((e) => e.key !== key)));
        break;
      }
      case "perception_active":
        setActive((m) => {
          const next = new Map(m);
          if (ev.active) next.set(ev.agent.id, { name: ev.agent.name, until: Date.now() + ACTIVE_MS });
          else next.delete(ev.agent.id);
          return next;
        });
        if (ev.active) later(ACTIVE_MS + 50, () => setActive((m) => new Map([...m].filter(([, a]) => a.until > Date.now()))));
        break;
      case "perception_invalidate":
        // Nothing is cached here: every query is computed from the live DOM.
        break;
    }
  };

  return {
    handle,
    eyes,
    watchers: () => [...active().values()].map((a) => a.name),
    dispose() {
      counter.stop();
      stopFeeds();
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
