/**
 * Test helper: a stand-in browser that uses only the public API — it follows `pe:main` on the
 * workspace's SSE stream, records every event, and (when told how) answers `perception_query`
 * events by posting to `/api/w/:ws/perception/answers`. Also reads the agents' state stream.
 */
import { SELF } from "cloudflare:test";
import type { PerceptionEvent, Rect, ViewNode } from "../../lib/protocol/perception";
import { call } from "./fixtures";

/** Bounded wait for one event; below the test timeout so a failure names what is missing. */
const WAIT_MS = 8_000;

type Event = { type: string; [k: string]: unknown };
type Query = Extract<PerceptionEvent, { type: "perception_query" }>;
/** What to post for a query: the answer's `value`, an error, or nothing (never answer). */
export type Answerer = (q: Query) => { value: unknown } | { error: { code: string; message: string } } | null;

/** Reads an SSE response into a log of events and wakes waiters. */
export class StreamLog {
  readonly events: Event[] = [];
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  #wake: (() => void) | undefined;
  #closed = false;

  constructor(res: Response, onEvent?: (e: Event) => void) {
    if (res.status !== 200) throw new Error(`stream refused: ${res.status}`);
    this.#reader = res.body!.getReader();
    void this.#pump(onEvent);
  }

  async #pump(onEvent?: (e: Event) => void): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await this.#reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const data = buffer.slice(0, end).split("\n").find((l) => l.startsWith("data:"));
          buffer = buffer.slice(end + 2);
          if (!data) continue;
          const event = JSON.parse(data.slice(5).trim()) as Event;
          this.events.push(event);
          onEvent?.(event);
          this.#wake?.();
        }
      }
    } catch {
      /* cancelled */
    }
    this.#closed = true;
  }

  /** The first event after index `from` matching `pred`, waiting for it within a bound. */
  async waitFor(pred: (e: Event) => boolean, what: string, from = 0): Promise<Event> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const hit = this.events.slice(from).find(pred);
      if (hit) return hit;
      if (this.#closed) throw new Error(`stream closed before ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.#wake = () => (clearTimeout(t), r());
      });
    }
  }

  count(type: string): number {
    return this.events.filter((e) => e.type === type).length;
  }

  close(): Promise<void> {
    return this.#reader.cancel().catch(() => undefined);
  }
}

/** Opens `/api/w/:ws/events?rooms=pe:main` as a browser and answers queries with `answerer`. */
export async function openBrowser(ws: string, token: string, answerer: Answerer | null, client = "tab-0000-test"): Promise<StreamLog & { posts: Promise<unknown>[] }> {
  const res = await SELF.fetch(`http://frameos.test/api/w/${ws}/events?rooms=pe:main`, { headers: { authorization: `Bearer ${token}` } });
  const posts: Promise<unknown>[] = [];
  const log = new StreamLog(res, (e) => {
    if (e.type !== "perception_query" || !answerer) return;
    const q = e as unknown as Query;
    const a = answerer(q);
    if (!a) return;
    posts.push(call(`/api/w/${ws}/perception/answers`, { token, body: { id: q.id, client, ...("value" in a ? { ok: true, value: a.value } : { ok: false, error: a.error }) } }));
  });
  return Object.assign(log, { posts });
}

/** Opens the agents' `GET /api/state/stream`. */
export async function openAgentStream(token: string): Promise<StreamLog> {
  return new StreamLog(await SELF.fetch("http://frameos.test/api/state/stream", { headers: { authorization: `Bearer ${token}` } }));
}

export const rect = (x: number, y: number, width: number, height: number): Rect => ({ x, y, width, height });

export function viewNode(tag: string, over: Partial<ViewNode> = {}, children: ViewNode[] = []): ViewNode {
  return {
    tag,
    id: null,
    classes: [],
    attrs: {},
    rect: rect(0, 0, 100, 100),
    text: "",
    colors: { color: "rgb(0, 0, 0)", background: "rgba(0, 0, 0, 0)" },
    font: { family: "sans-serif", size: "16px", weight: "400" },
    z: "auto",
    overflow: "visible",
    position: "static",
    display: "block",
    visible: true,
    children,
    ...over,
  };
}

/** A page with Graphist's canvas (two circles) and another plugin's canvas (one circle). */
export const SNAPSHOT: ViewNode = viewNode("body", { rect: rect(0, 0, 1280, 800) }, [
  viewNode("div", { id: "app", classes: ["workspace"], attrs: { "data-plugin": "graphist", "data-component": "stack" } }, [
    viewNode("svg", { attrs: { "data-component": "canvas", viewBox: "0 0 400 300" }, rect: rect(10, 20, 400, 300) }, [
      viewNode("circle", { attrs: { "data-id": "n1", r: "10" }, rect: rect(50, 60, 20, 20) }),
      viewNode("circle", { attrs: { "data-id": "n2", r: "10" }, rect: rect(150, 160, 20, 20) }),
      viewNode("text", { text: "A", rect: rect(50, 90, 10, 12) }),
    ]),
    viewNode("button", { attrs: { "data-role": "action" }, text: "Add node", rect: rect(10, 330, 80, 24) }),
  ]),
  viewNode("div", { attrs: { "data-plugin": "notes" } }, [viewNode("svg", { attrs: { "data-component": "canvas" } }, [viewNode("circle")])]),
]);

/** A 1×1 PNG. */
export const PNG_BASE64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

/** Plausible answers for every browser surface. */
export const answerAll: Answerer = (q) => {
  switch (q.surface) {
    case "view":
      return { value: SNAPSHOT };
    case "a11y":
      return { value: { role: "document", name: "FrameOS", states: [], rect: rect(0, 0, 1280, 800), children: [{ role: "button", name: "Add node", states: [], rect: rect(10, 330, 80, 24), children: [] }] } };
    case "anomalies":
      return { value: [{ kind: "low_contrast", selector: "#app > button", target_rect: rect(10, 330, 80, 24), detail: "contrast 2.1 < 4.5" }] };
    case "components":
      return { value: [{ plugin: "graphist", component: "canvas", id: null, status: "ok", error: null, frame_count: 3, summary: "2 circles" }] };
    case "screenshot":
      return { value: { png_base64: PNG_BASE64, width: 1, height: 1, rect: q.query?.startsWith("rect:") ? rect(0, 0, 400, 300) : rect(10, 20, 400, 300) } };
  }
};
