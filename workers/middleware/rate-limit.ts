import type { Env } from "../env";
import { AppError } from "./errors";

export interface Limit {
  /** What is limited and for whom, e.g. `login:email:ada@example.com`. */
  key: string;
  max: number;
  windowSeconds: number;
}

/**
 * Counts one hit against a fixed-window limit kept in D1 and throws a 429 with `Retry-After`
 * once the window's count passes `max`.
 */
export async function hit(env: Pick<Env, "DB">, limit: Limit, nowMs = Date.now()): Promise<void> {
  const nowSec = Math.floor(nowMs / 1000);
  const windowStart = nowSec - (nowSec % limit.windowSeconds);
  const row = await env.DB.prepare(
    `INSERT INTO rate_limits (key, window_start, count) VALUES (?1, ?2, 1)
     ON CONFLICT(key) DO UPDATE SET
       count = CASE WHEN window_start = excluded.window_start THEN count + 1 ELSE 1 END,
       window_start = excluded.window_start
     RETURNING count`,
  )
    .bind(limit.key, windowStart)
    .first<{ count: number }>();
  if (row && row.count > limit.max) {
    const retryAfter = Math.max(1, windowStart + limit.windowSeconds - nowSec);
    throw new AppError(429, "rate_limited", `too many requests; try again in ${retryAfter} s`, { retry_after: retryAfter }, {
      "Retry-After": String(retryAfter),
    });
  }
}

/** The client's address as Cloudflare reports it. */
export const clientAddress = (req: { header(name: string): string | undefined }) =>
  req.header("cf-connecting-ip") ?? req.header("x-real-ip") ?? "unknown";
