/**
 * The hub's side of browser perception (see `lib/protocol/perception.ts`): asks the workspace's
 * connected browsers to compute a browser surface, waits for the first valid answer, and keeps
 * the values in a freshness cache that every committed dispatch invalidates. Also announces who
 * is perceiving (`perception_active`) and where they look (`target_rect`).
 */
import { BROWSER_SURFACES, PERCEPTION_ROOM, type BrowserSurface, type PerceptionAnswer, type PerceptionEvent, type Rect } from "../../lib/protocol/perception";
import { FreshnessCache } from "../../workers/engine/ai/freshness";
import type { Freshness } from "../../workers/engine/ai/surface";
import { PerceptionWaiters } from "./perception-waiters";
import { answerProblem } from "./perception-values";

export interface PerceivingAgent {
  id: string;
  name: string;
}

export interface PerceiveRequest {
  surface: BrowserSurface;
  /** Passed to the browser (`pe.screenshot`'s `selector:`/`rect:`); null for whole-surface values. */
  query: string | null;
  freshness: Freshness;
  /** Skip the cache (`?live=1`). */
  live: boolean;
  timeoutMs: number;
  agent: PerceivingAgent | null;
}

export type Perceived =
  | { ok: true; value: unknown; computed_at: string; version: string; cached: boolean }
  | { ok: false; code: string; message: string };

export type AnswerOutcome = { ok: true; accepted: boolean } | { ok: false; code: "not_found" | "invalid_answer"; message: string };

/** How long an agent stays "active" after its last perception, so back-to-back entries make one span. */
export const ACTIVE_LINGER_MS = 250;

interface Active {
  agent: PerceivingAgent;
  count: number;
  linger: ReturnType<typeof setTimeout> | undefined;
}

export interface PerceptionDeps {
  /** Queues events on `pe:main` for the workspace's clients. */
  send(events: PerceptionEvent[]): void;
  /** How many browsers (not agents' streams) follow `pe:main`. */
  browsers(): number;
}

export class Perception {
  readonly #deps: PerceptionDeps;
  readonly #waiters = new PerceptionWaiters();
  readonly #cache = new FreshnessCache<unknown>();
  readonly #inflight = new Map<string, Promise<Perceived>>();
  readonly #active = new Map<string, Active>();
  /** A browser value was computed or asked for since the last invalidation (something to make stale). */
  #touched = false;

  constructor(deps: PerceptionDeps) {
    this.#deps = deps;
  }

  /** A surface's value: from the cache when fresh, else from the first browser to answer. */
  async perceive(req: PerceiveRequest): Promise<Perceived> {
    this.#begin(req.agent, req.surface);
    try {
      return await this.#perceive(req);
    } finally {
      this.#end(req.agent);
    }
  }

  /** A browser's answer; invalid ones change nothing. */
  answer(a: PerceptionAnswer, bytes: number): AnswerOutcome {
    const surface = this.#waiters.pending(a.id);
    if (!surface) {
      if (this.#waiters.wasAnswered(a.id)) return { ok: true, accepted: false };
      return { ok: false, code: "not_found", message: `no perception query ${a.id} is waiting in this workspace (unknown or expired)` };
    }
    if (!a.ok) return { ok: true, accepted: this.#waiters.fail(a.id, a.error.code, a.error.message) };
    const problem = answerProblem(surface, a.value);
    if (problem) return { ok: false, code: "invalid_answer", message: problem };
    return { ok: true, accepted: this.#waiters.answer(a.id, { ok: true, value: a.value, bytes }) };
  }

  /**
   * A dispatch committed in `rooms`: cached browser values are stale. Clients hear it
   * (`perception_invalidate`) on the first change after a browser value was computed or asked
   * for — later changes have nothing left to make stale, so busy workspaces are not flooded.
   */
  invalidate(rooms: string[]): void {
    this.#cache.invalidate();
    if (!this.#touched) return;
    this.#touched = false;
    this.#deps.send([{ type: "perception_invalidate", room: PERCEPTION_ROOM, rooms, surfaces: [...BROWSER_SURFACES] }]);
  }

  /** Shows where an agent is looking. */
  pointAt(rect: Rect, plugin: string | null, surface: string, agent: PerceivingAgent): void {
    this.#deps.send([{ type: "target_rect", room: PERCEPTION_ROOM, rect, plugin, surface, agent: { id: agent.id, name: agent.name } }]);
  }

  async #perceive(req: PerceiveRequest): Promise<Perceived> {
    const key = req.query ?? "";
    if (!req.live) {
      const hit = this.#cache.get(req.surface, key, req.freshness, Date.now());
      if (hit) return { ok: true, value: hit.value, computed_at: new Date(hit.computedAt).toISOString(), version: hit.version, cached: true };
    }
    const browsers = this.#deps.browsers();
    if (browsers === 0) {
      return { ok: false, code: "no_browser", message: `pe.${req.surface} is computed by a connected browser, and no browser of this workspace is connected; open the workspace in a browser and ask again` };
    }
    const flightKey = `${req.surface}|${key}`;
    let flight = this.#inflight.get(flightKey);
    if (!flight) {
      flight = this.#ask(req, key, browsers).finally(() => this.#inflight.delete(flightKey));
      this.#inflight.set(flightKey, flight);
    }
    return flight;
  }

  async #ask(req: PerceiveRequest, key: string, browsers: number): Promise<Perceived> {
    const generation = this.#cache.generation;
    this.#touched = true;
    const { id, settled } = this.#waiters.open(req.surface, req.timeoutMs, browsers);
    const deadline = new Date(Date.now() + req.timeoutMs).toISOString();
    this.#deps.send([{ type: "perception_query", room: PERCEPTION_ROOM, id, surface: req.surface, query: req.query, deadline }]);
    const s = await settled;
    if (!s.ok) return s;
    this.#touched = true;
    const computedAt = Date.now();
    // Computed at the generation it was asked at: a dispatch meanwhile leaves it stale in the cache.
    this.#cache.put(req.surface, { key, value: s.value, computedAt, generation, bytes: s.bytes, version: id }, computedAt);
    return { ok: true, value: s.value, computed_at: new Date(computedAt).toISOString(), version: id, cached: false };
  }

  #begin(agent: PerceivingAgent | null, surface: BrowserSurface): void {
    if (!agent) return;
    const a = this.#active.get(agent.id);
    if (a) {
      a.count++;
      if (a.linger !== undefined) clearTimeout(a.linger);
      a.linger = undefined;
      return;
    }
    this.#active.set(agent.id, { agent, count: 1, linger: undefined });
    this.#deps.send([{ type: "perception_active", room: PERCEPTION_ROOM, active: true, agent: { id: agent.id, name: agent.name }, surfaces: [`pe.${surface}`] }]);
  }

  #end(agent: PerceivingAgent | null): void {
    const a = agent && this.#active.get(agent.id);
    if (!a || --a.count > 0) return;
    a.linger = setTimeout(() => {
      this.#active.delete(a.agent.id);
      this.#deps.send([{ type: "perception_active", room: PERCEPTION_ROOM, active: false, agent: { id: a.agent.id, name: a.agent.name }, surfaces: [] }]);
    }, ACTIVE_LINGER_MS);
  }
}
