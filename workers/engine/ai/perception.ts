/**
 * The Worker's side of browser perception: asks the workspace's hub for a browser surface's value
 * (cached or computed by a connected browser) and shows browsers where an agent looks.
 */
import type { AnswerOutcome, Perceived, PerceiveRequest } from "../../../durable-objects/workspace-hub/perception";
import type { JsonValue } from "../../../lib/protocol/events";
import type { BrowserSurface, PerceptionAnswer, Rect } from "../../../lib/protocol/perception";
import type { Env } from "../../env";
import type { ResolveInput, Resolved, RunInput, Surface } from "./surface";

/** Where a request remembers that browsers did not answer, so its later entries do not wait again. */
const UNANSWERED = "pe.*@unanswered";

export const DEFAULT_PERCEPTION_TIMEOUT_MS = 3000;

interface PerceptionHub {
  perceive(req: PerceiveRequest): Promise<Perceived>;
  perceptionAnswer(answer: PerceptionAnswer, bytes: number): Promise<AnswerOutcome>;
  pointAt(rect: Rect, plugin: string | null, surface: string, agent: { id: string; name: string }): Promise<void>;
}

export function perceptionHub(env: Env, workspace: string): PerceptionHub {
  return env.WORKSPACE_HUB.get(env.WORKSPACE_HUB.idFromName(workspace)) as unknown as PerceptionHub;
}

/** `PERCEPTION_TIMEOUT_MS` within 100 ms..30 s, else 3 s. */
export function perceptionTimeout(env: Env): number {
  const ms = Number(env.PERCEPTION_TIMEOUT_MS);
  return Number.isFinite(ms) && ms >= 100 && ms <= 30_000 ? ms : DEFAULT_PERCEPTION_TIMEOUT_MS;
}

/**
 * A browser surface's value for this request (`query` goes to the browser: screenshots). Once
 * browsers left one entry unanswered, later entries of the same request fail at once.
 */
export async function perceive(input: ResolveInput & Partial<Pick<RunInput, "resolved">>, s: Surface, query: string | null): Promise<Resolved> {
  const earlier = await input.resolved?.get(UNANSWERED);
  if (earlier && !earlier.ok) return { ...earlier, message: `${earlier.message} (an earlier entry of this request; not asked again)` };
  const got = await perceptionHub(input.env, input.access.id).perceive({
    surface: s.decl.name as BrowserSurface,
    query,
    freshness: s.decl.freshness,
    live: input.live ?? false,
    timeoutMs: perceptionTimeout(input.env),
    agent: input.agent ?? null,
  });
  if (!got.ok) {
    if (got.code === "perception_timeout") input.resolved?.set(UNANSWERED, Promise.resolve(got));
    return got;
  }
  return { ok: true, value: got.value as JsonValue, version_hash: got.version, last_updated: got.computed_at };
}

/** The smallest rectangle around `rects`, or null when there are none. */
export function boundingRect(rects: readonly Rect[]): Rect | null {
  if (!rects.length) return null;
  let [x, y, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const r of rects) {
    x = Math.min(x, r.x);
    y = Math.min(y, r.y);
    right = Math.max(right, r.x + r.width);
    bottom = Math.max(bottom, r.y + r.height);
  }
  return { x, y, width: right - x, height: bottom - y };
}

/** Broadcasts a `target_rect` for the asking agent (nothing when no agent asks). */
export async function announceTarget(input: ResolveInput, s: Surface, rect: Rect | null, plugin: string | null = null): Promise<void> {
  if (!rect || !input.agent) return;
  await perceptionHub(input.env, input.access.id).pointAt(rect, plugin, `${s.decl.plugin}.${s.decl.name}`, input.agent);
}
