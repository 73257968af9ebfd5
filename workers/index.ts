import { app } from "./app";
import type { Env } from "./env";
import { consumeEvents, type EffectMessage } from "./queues/events";
import { consumeExecutions } from "./queues/executions";
import { paymentsCron } from "./engine/payments/cron";
import { sweepExpired } from "./scheduled";

export { AgentContainer } from "../durable-objects/execution-room/agent-container";
export { ExecutionRoom } from "../durable-objects/execution-room/execution-room";
export { PluginRoom } from "../durable-objects/plugin-room/plugin-room";
export { WorkspaceHub } from "../durable-objects/workspace-hub/workspace-hub";

export default {
  fetch: app.fetch,
  scheduled: (_controller, env, ctx) => ctx.waitUntil(Promise.all([sweepExpired(env), paymentsCron(env)])),
  queue: (batch, env) =>
    batch.queue.startsWith("executions-") ? consumeExecutions(batch, env) : consumeEvents(batch as MessageBatch<EffectMessage>, env),
} satisfies ExportedHandler<Env>;
