/** The shape a handler must return, checked before anything is written. */
import { z } from "zod";
import { CommandName, InstanceName, JsonSchema, PluginName } from "../../lib/protocol/dispatch";

const Then = z.object({ command: CommandName, params: z.record(z.string(), JsonSchema).default({}) });

const ScheduleEffect = z.object({
  type: z.literal("schedule"),
  delay_ms: z.number().int().min(0).max(43_200_000),
  key: z.string().min(1).max(120).optional(),
  then: Then,
});

const FetchEffect = z.object({
  type: z.literal("http.fetch"),
  url: z.url({ protocol: /^https?$/ }),
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"]).default("GET"),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().max(65_536).optional(),
  then: Then,
});

/**
 * Starts a marketplace agent run as the dispatching identity, in the room's workspace; the
 * outcome comes back as `then` (a command name or `{command, params}`) with
 * `{ok, execution_id, status, outputs, error}` merged into its params.
 */
const AgentExecuteEffect = z.object({
  type: z.literal("agent.execute"),
  agent: z.string().min(1).max(120),
  deployment_id: z.string().min(1).max(120),
  inputs: z.record(z.string(), JsonSchema).default({}),
  then: z.union([CommandName.transform((command) => ({ command, params: {} })), Then]),
});

/** Effect types this build performs; any other type fails the command. */
export const EFFECT_TYPES = ["schedule", "http.fetch", "agent.execute"] as const;
export const Effect = z.discriminatedUnion("type", [ScheduleEffect, FetchEffect, AgentExecuteEffect]);
export type Effect = z.infer<typeof Effect>;

const Toast = z.union([
  z.string().max(500).transform((message) => ({ message, level: "info" as const })),
  z.object({ message: z.string().max(500), level: z.enum(["info", "success", "warning", "error"]).default("info") }),
]);

const Animate = z.object({ target: z.string().min(1).max(200), animation: JsonSchema });

export const CommandResult = z
  .object({
    state: z.record(z.string(), JsonSchema).optional(),
    result: JsonSchema.optional(),
    sub_commands: z
      .array(z.object({ plugin: PluginName.optional(), instance: InstanceName.optional(), command: CommandName, params: z.record(z.string(), JsonSchema).default({}) }))
      .max(50)
      .default([]),
    effects: z.array(z.looseObject({ type: z.string() })).max(20).default([]),
    animate: z.union([Animate, z.array(Animate).max(50)]).optional(),
    toast: Toast.optional(),
    tokens_changed: z.record(z.string(), JsonSchema).optional(),
    broadcast_full_state: z.boolean().default(false),
  })
  .strict();
export type CommandResult = z.infer<typeof CommandResult>;

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const describe = (issues: readonly z.core.$ZodIssue[]) =>
  issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");

/** Parses a handler's return value (None means "no change"). */
export function checkResult(value: unknown): Checked<CommandResult> {
  const parsed = CommandResult.safeParse(value ?? {});
  if (!parsed.success) return { ok: false, message: `the handler returned a bad CommandResult: ${describe(parsed.error.issues)}` };
  return { ok: true, value: parsed.data };
}

/** Parses the effects of a result; an unknown effect type is an error naming it. */
export function checkEffects(effects: CommandResult["effects"]): Checked<Effect[]> {
  const out: Effect[] = [];
  for (const [i, raw] of effects.entries()) {
    if (!(EFFECT_TYPES as readonly string[]).includes(raw.type)) {
      return { ok: false, message: `effects.${i}: unknown effect type "${raw.type}" (known: ${EFFECT_TYPES.join(", ")})` };
    }
    const parsed = Effect.safeParse(raw);
    if (!parsed.success) return { ok: false, message: `effects.${i}: ${describe(parsed.error.issues)}` };
    out.push(parsed.data);
  }
  return { ok: true, value: out };
}
