import { app } from "./app";
import type { Env } from "./env";
import { sweepExpired } from "./scheduled";

export default {
  fetch: app.fetch,
  scheduled: (_controller, env, ctx) => ctx.waitUntil(sweepExpired(env)),
} satisfies ExportedHandler<Env>;
