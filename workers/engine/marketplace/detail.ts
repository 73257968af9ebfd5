import type { Env } from "../../env";
import type { AgentDetail, RatingView, VersionView } from "../../../lib/protocol/marketplace";
import type { CatalogItem } from "./catalog";
import { reviewOf } from "./versions";

interface VersionRow {
  version: string;
  manifest: string;
  sha256: string;
  code_format: string;
  timeout_ms: number;
  memory_mb: number;
  scan_passed: number;
  scan_report: string;
  created_at: string;
}

/**
 * The agent page: catalog entry, versions (all of them with scan reports for its developer and
 * admins; approved ones for everyone else), the current version's manifest, and recent ratings.
 */
export async function agentDetail(env: Pick<Env, "DB">, item: CatalogItem, privileged: boolean): Promise<Omit<AgentDetail, "viewer">> {
  const [versions, ratings] = await env.DB.batch([
    env.DB.prepare("SELECT version, manifest, sha256, code_format, timeout_ms, memory_mb, scan_passed, scan_report, created_at FROM agent_versions WHERE agent_id = ?1 ORDER BY created_at DESC").bind(item.id),
    env.DB.prepare(
      `SELECT r.stars, r.text, r.created_at, i.name AS author FROM agent_ratings r JOIN identities i ON i.id = r.identity_id
        WHERE r.agent_id = ?1 ORDER BY r.created_at DESC LIMIT 20`,
    ).bind(item.id),
  ]);
  const rows = versions!.results as VersionRow[];
  const views: VersionView[] = rows
    .map((v) => {
      const report = JSON.parse(v.scan_report) as Record<string, unknown>;
      const view: VersionView = {
        version: v.version,
        sha256: v.sha256,
        code_format: v.code_format,
        timeout_ms: v.timeout_ms,
        memory_mb: v.memory_mb,
        scan_passed: v.scan_passed === 1,
        review: reviewOf(report),
        created_at: v.created_at,
      };
      if (privileged) view.scan_report = report as unknown as NonNullable<VersionView["scan_report"]>;
      return view;
    })
    .filter((v) => privileged || v.review.state === "approved");
  const current = rows.find((v) => v.version === item.current_version);
  return {
    agent: item,
    manifest: current ? (JSON.parse(current.manifest) as Record<string, unknown>) : null,
    versions: views,
    ratings: ratings!.results as RatingView[],
  };
}

/** A version's manifest and review, or null. */
export async function versionOf(env: Pick<Env, "DB">, agentId: string, version: string) {
  const row = await env.DB.prepare("SELECT manifest, scan_report FROM agent_versions WHERE agent_id = ?1 AND version = ?2")
    .bind(agentId, version)
    .first<{ manifest: string; scan_report: string }>();
  if (!row) return null;
  const report = JSON.parse(row.scan_report) as Record<string, unknown>;
  return { manifest: JSON.parse(row.manifest) as Record<string, unknown> & { inputs: Record<string, unknown>; config: Record<string, unknown> }, review: reviewOf(report), report };
}

/** Recomputes an agent's average rating and count from its ratings. */
export async function refreshRating(env: Pick<Env, "DB">, agentId: string): Promise<{ rating: number; rating_count: number }> {
  const row = await env.DB.prepare(
    `UPDATE agent_definitions SET
       rating = COALESCE((SELECT ROUND(AVG(stars), 2) FROM agent_ratings WHERE agent_id = ?1), 0),
       rating_count = (SELECT COUNT(*) FROM agent_ratings WHERE agent_id = ?1)
     WHERE id = ?1 RETURNING rating, rating_count`,
  )
    .bind(agentId)
    .first<{ rating: number; rating_count: number }>();
  return row ?? { rating: 0, rating_count: 0 };
}
