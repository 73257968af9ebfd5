import type { Env } from "./env";
import { sweepOldLogs } from "./engine/ai/sql-logs";
import { sweepIdempotencyKeys } from "./middleware/idempotency";

/** Minute cron: drop ended or expired sessions, spent invitations, old rate-limit windows, idempotency answers and day-old perception logs. */
export async function sweepExpired(env: Env, now = new Date()): Promise<void> {
  const iso = now.toISOString();
  const dayAgo = Math.floor(now.getTime() / 1000) - 86_400;
  await env.DB.batch([
    env.DB.prepare("DELETE FROM sessions WHERE ended_at IS NOT NULL OR expires_at <= ?1").bind(iso),
    env.DB.prepare("DELETE FROM invitations WHERE accepted_at IS NOT NULL OR expires_at <= ?1").bind(iso),
    env.DB.prepare("DELETE FROM rate_limits WHERE window_start < ?1").bind(dayAgo),
  ]);
  await sweepIdempotencyKeys(env);
  await sweepOldLogs(env, now);
}
