import type { MiddlewareHandler } from "hono";
import { sha256Hex } from "../../lib/auth/secrets";
import type { AppEnv } from "../context";
import { requireIdentity } from "./auth";
import { AppError, conflict, invalid } from "./errors";

const IN_FLIGHT = 0;
/** A claim older than this belongs to a request that died without answering; a retry may take it over. */
const STALE_CLAIM_SECONDS = 120;
/** How long answers are remembered. */
export const IDEMPOTENCY_TTL_HOURS = 24;
const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * Makes a POST safe to retry: the caller sends an `Idempotency-Key` header (required — 400
 * without it). Keys are scoped per identity. The first request with a key runs and, when it
 * succeeds (2xx), its answer is remembered; the same key with the same method, path and body
 * replays that answer (with `Idempotent-Replayed: true`); the same key with a different
 * request is a 409. A key whose request is still running is a 409 too; a request that fails
 * (4xx, 5xx) forgets the key so the caller can fix the body and retry with it.
 *
 * @example agents.post("/register", idempotent, body(RegisterAgent), handler)
 */
export const idempotent: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = c.req.header("idempotency-key");
  if (!key) throw invalid("this request needs an Idempotency-Key header", [{ path: "headers.idempotency-key", message: "required" }]);
  if (!KEY.test(key)) throw invalid("the Idempotency-Key must be 1 to 255 visible ASCII characters", [{ path: "headers.idempotency-key", message: "invalid" }]);
  const scope = `identity:${requireIdentity(c).id}`;
  const requestHash = await sha256Hex(`${c.req.method} ${c.req.path}\n${await c.req.text()}`);
  const db = c.env.DB;

  const claimed = await db
    .prepare(`INSERT INTO idempotency_keys (scope, key, request_hash, status, response) VALUES (?1, ?2, ?3, ${IN_FLIGHT}, '') ON CONFLICT DO NOTHING`)
    .bind(scope, key, requestHash)
    .run();
  if (!claimed.meta.changes) {
    const row = await db
      .prepare("SELECT request_hash, status, response FROM idempotency_keys WHERE scope = ?1 AND key = ?2")
      .bind(scope, key)
      .first<{ request_hash: string; status: number; response: string }>();
    if (!row) throw new AppError(409, "conflict", "the Idempotency-Key was released while checking it; retry");
    if (row.request_hash !== requestHash) throw conflict("this Idempotency-Key was used with a different request", { key });
    if (row.status !== IN_FLIGHT) {
      return new Response(row.response, { status: row.status, headers: { "content-type": "application/json", "idempotent-replayed": "true" } });
    }
    if (!(await takeOverStale(db, scope, key))) throw conflict("a request with this Idempotency-Key is still running; retry later", { key });
  }

  const forget = () => db.prepare("DELETE FROM idempotency_keys WHERE scope = ?1 AND key = ?2 AND status = ?3").bind(scope, key, IN_FLIGHT).run();
  try {
    await next();
  } catch (err) {
    await forget();
    throw err;
  }
  // Hono's compose turns thrown errors into c.res via onError; a non-2xx answer forgets the key.
  if (c.res.status < 200 || c.res.status >= 300 || c.error) {
    await forget();
    return;
  }
  const text = await c.res.clone().text();
  await db
    .prepare("UPDATE idempotency_keys SET status = ?3, response = ?4 WHERE scope = ?1 AND key = ?2")
    .bind(scope, key, c.res.status, text)
    .run();
};

async function takeOverStale(db: D1Database, scope: string, key: string): Promise<boolean> {
  const r = await db
    .prepare(
      `UPDATE idempotency_keys SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
        WHERE scope = ?1 AND key = ?2 AND status = ${IN_FLIGHT} AND created_at < strftime('%Y-%m-%dT%H:%M:%fZ','now', '-${STALE_CLAIM_SECONDS} seconds')`,
    )
    .bind(scope, key)
    .run();
  return r.meta.changes > 0;
}

/** Forgets remembered answers older than {@link IDEMPOTENCY_TTL_HOURS} (for the scheduled sweep). */
export async function sweepIdempotencyKeys(env: { DB: D1Database }): Promise<number> {
  const r = await env.DB.prepare(`DELETE FROM idempotency_keys WHERE created_at < strftime('%Y-%m-%dT%H:%M:%fZ','now', '-${IDEMPOTENCY_TTL_HOURS} hours')`).run();
  return r.meta.changes;
}
