import { z } from "zod";
import type { JsonValue, PatchOp, Rendering } from "./events";

const Json: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(Json), z.record(z.string(), Json)]),
);
export { Json as JsonSchema };

export const PluginName = z.string().regex(/^[a-z][a-z0-9_-]{1,39}$/, "a plugin name: lowercase letters, digits, - and _");
export const InstanceName = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "an instance name: letters, digits, . - and _");
export const CommandName = z.string().regex(/^[a-z_][a-z0-9_.]{0,63}$/, "a command name: lowercase letters, digits, _ and .");
export const RenderingMode = z.enum(["progressive", "atomic", "grouped"]);
export const Changeset = z.string().regex(/^[A-Za-z0-9_.:-]{1,80}$/);

export const CommandRequest = z.object({
  plugin: PluginName,
  instance: InstanceName.optional(),
  command: CommandName,
  params: z.record(z.string(), Json).default({}),
  expect_version: z.number().int().min(0).optional(),
});
export type CommandRequest = z.infer<typeof CommandRequest>;

export const DispatchRequest = z.object({
  commands: z.array(CommandRequest).min(1).max(100),
  changeset: Changeset.optional(),
  rendering: RenderingMode.optional(),
});

export type Source = "ai" | "human" | "system" | "unknown";

/** What a handler sees as `ctx`. */
export interface HandlerContext {
  identity: { id: string; name: string; type: string };
  source: Source;
  author: string;
  dispatch_id: number;
  batch_id: string;
  changeset: string;
  timestamp: string;
  plugin: string;
  instance: string;
}

export interface SubCommand {
  plugin: string;
  instance?: string;
  command: string;
  params: Record<string, JsonValue>;
}

export interface CommandError {
  code: string;
  message: string;
  details?: JsonValue;
}

/** One command's outcome inside a dispatch reply. */
export type StepResult =
  | { ok: true; plugin: string; instance: string; command: string; version: number; dispatch_id: number; result: JsonValue; patch: PatchOp[] }
  | { ok: false; plugin: string; instance: string; command: string; version: number; dispatch_id?: number; error: CommandError };

export interface DispatchReply {
  results: (StepResult & { steps?: StepResult[] })[];
  batch_id: string;
  changeset: string;
  commands_executed: number;
  versions: Record<string, number>;
  rendering: Rendering;
}

export const InstallPlugin = z.union([
  z.object({ name: PluginName }).strict(),
  z.object({
    files: z.object({
      "plugin.json": z.string(),
      "handlers.star": z.string(),
      "ui.json": z.string(),
      "bindings.json": z.string(),
      "styles.css": z.string(),
    }),
  }),
]);

export const RoomQuery = z.object({ instance: InstanceName.optional() });
export const StateQuery = RoomQuery.extend({ since: z.coerce.number().int().min(0).optional() });
export const HistoryQuery = RoomQuery.extend({
  source: z.enum(["ai", "human", "system", "unknown"]).optional(),
  command: z.string().max(64).optional(),
  author: z.string().max(100).optional(),
  changeset: Changeset.optional(),
  since: z.string().max(40).optional(),
  until: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  before_seq: z.coerce.number().int().min(1).optional(),
});
export const SnapshotName = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/);
export const SaveSnapshot = z.object({ name: SnapshotName });
export const Revert = z.object({ changeset: Changeset, force: z.boolean().default(false) });
