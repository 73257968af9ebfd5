import { z } from "zod";
import { CommandRequest, PluginName, InstanceName, RenderingMode, Changeset } from "./dispatch";

export const QueryEntry = z.object({
  plugin: PluginName,
  surface: z.string().regex(/^[a-z_][a-z0-9_]{0,63}$/, "a surface name"),
  query: z.string().max(8_000),
  instance: InstanceName.optional(),
  target_hint: z.string().max(500).optional(),
});
export type QueryEntry = z.infer<typeof QueryEntry>;

/** More entries than this in one request is refused whole with 413. */
export const MAX_QUERY_ENTRIES = 200;
export const QueryRequest = z.array(QueryEntry).min(1);

export interface QueryMeta {
  complete: boolean;
  truncated_at: number | null;
  total_estimate: number | null;
  last_updated: string | null;
  version_hash: string | null;
  target_rect: { x: number; y: number; width: number; height: number } | null;
  bytes: number;
}

export type QueryEnvelope =
  | { result: unknown; meta: QueryMeta }
  | { result: null; error: { code: string; message: string; suggested_narrowings?: string[]; pos?: unknown }; meta: QueryMeta };

export const AiDispatch = z.object({
  commands: z.array(CommandRequest).min(1).max(100),
  changeset: Changeset.optional(),
  rendering: RenderingMode.optional(),
  ack_timeout_ms: z.number().int().min(0).max(30_000).optional(),
});
