/**
 * Surfaces are what AI agents read. Each is declared where its resolver is defined:
 * `surface({name, lang, freshness, ...}, resolver)`. A resolver turns the caller's workspace
 * into the value the query runs over, plus the version it reflects.
 */
import type { JsonValue } from "../../../lib/protocol/events";
import type { Rect } from "../../../lib/protocol/perception";
import type { WorkspaceAccess } from "../../context";
import type { Env } from "../../env";

export type Freshness = { kind: "every_dispatch" } | { kind: "dirty_timer"; ms: number } | { kind: "lazy" };

export interface Recipe {
  description: string;
  query: string;
}

export interface SurfaceDecl {
  plugin: string;
  name: string;
  lang: "jq" | "css" | "sql";
  freshness: Freshness;
  soft_budget_bytes: number;
  hard_budget_bytes: number;
  description: string;
  recipes: Recipe[];
  /** Computed by a connected browser rather than the server. */
  browser?: boolean;
}

export interface ResolveInput {
  env: Env;
  access: WorkspaceAccess;
  instance: string;
  /** `?live=1`: skip any cache (browser surfaces honour it in their resolver). */
  live?: boolean;
  /** Who asks (an agent's identity), for `perception_active` and `target_rect` events. */
  agent?: { id: string; name: string } | null;
}

export type Resolved = { ok: true; value: JsonValue; version_hash: string; /** When a cached value was computed. */ last_updated?: string } | { ok: false; code: string; message: string };
export type Resolver = (input: ResolveInput) => Promise<Resolved>;

export interface Surface {
  decl: SurfaceDecl;
  resolve: Resolver;
  /** Runs queries over this surface instead of its language's runner (browser surfaces). */
  run?: LangRunner;
}

/** What a language runner gets for one `/ai/query` entry. */
export interface RunInput extends ResolveInput {
  query: string;
  /** `?live=1`: skip any cache and compute the surface afresh. */
  live: boolean;
  /** Stop producing output past this many bytes (the hard budget + 1), or undefined for no cap. */
  outputBytes: number | undefined;
  /** Values already resolved in this request, keyed by `plugin.surface@instance`, shared by entries. */
  resolved: Map<string, Promise<Resolved>>;
}

/** A runner's answer: the query's outputs, or an in-band error. */
export type RunOutcome =
  | {
      ok: true;
      outputs: JsonValue[];
      version_hash: string | null;
      /** Set when output stopped at `outputBytes`. */
      truncated?: { estimated_total: number | null };
      /** Where on screen the result is, when the surface knows (browser surfaces). */
      target_rect?: Rect | null;
      /** When the value was computed (a cached value is older than the request). */
      last_updated?: string;
    }
  | { ok: false; code: string; message: string; pos?: unknown; version_hash?: string | null };

/** Runs one query in one language over one surface; never throws for bad input. */
export type LangRunner = (s: Surface, input: RunInput) => Promise<RunOutcome>;

/** Resolves a surface once per request (entries over one surface share one read). */
export function resolveOnce(s: Surface, input: RunInput): Promise<Resolved> {
  const key = `${s.decl.plugin}.${s.decl.name}@${input.instance}`;
  let pending = input.resolved.get(key);
  if (!pending) {
    pending = s.resolve(input);
    input.resolved.set(key, pending);
  }
  return pending;
}

export const DEFAULT_SOFT_BYTES = 64 * 1024;
export const DEFAULT_HARD_BYTES = 1024 * 1024;

/** Declares a surface with its resolver. */
export function surface(decl: Omit<SurfaceDecl, "soft_budget_bytes" | "hard_budget_bytes" | "recipes"> & Partial<Pick<SurfaceDecl, "soft_budget_bytes" | "hard_budget_bytes" | "recipes">>, resolve: Resolver): Surface {
  return {
    decl: { soft_budget_bytes: DEFAULT_SOFT_BYTES, hard_budget_bytes: DEFAULT_HARD_BYTES, recipes: [], ...decl },
    resolve,
  };
}

export function describeFreshness(f: Freshness): string {
  return f.kind === "dirty_timer" ? `dirty_timer(${f.ms} ms)` : f.kind;
}

/** A short hash of the room versions a value reflects. */
export async function versionHash(parts: Record<string, number>): Promise<string> {
  const text = Object.keys(parts).sort().map((k) => `${k}=${parts[k]}`).join(",");
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return [...digest.slice(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
