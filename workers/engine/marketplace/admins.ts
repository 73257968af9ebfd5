import type { Env } from "../../env";

/** The bindings `isPlatformAdmin` reads; `PLATFORM_WORKSPACE` is an optional var naming the platform's workspace. */
export type AdminEnv = Pick<Env, "DB"> & { PLATFORM_WORKSPACE?: string };

/**
 * True when the identity administers the platform: it is an `owner` or `admin` of the
 * platform workspace — the workspace named by the `PLATFORM_WORKSPACE` var when set, else
 * the oldest workspace (the one the first start creates for the bootstrap admin).
 */
export async function isPlatformAdmin(env: AdminEnv, identityId: string): Promise<boolean> {
  const configured = env.PLATFORM_WORKSPACE?.trim();
  const row = await env.DB.prepare(
    `SELECT 1 AS yes FROM memberships m
      WHERE m.identity_id = ?1 AND m.role IN ('owner', 'admin')
        AND m.workspace_id = COALESCE(?2, (SELECT id FROM workspaces ORDER BY created_at, rowid LIMIT 1))`,
  )
    .bind(identityId, configured || null)
    .first<{ yes: number }>();
  return row !== null;
}
