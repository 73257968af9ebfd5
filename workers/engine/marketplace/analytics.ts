import type { DayStats } from "../../../lib/protocol/marketplace";
import type { Env } from "../../env";

/**
 * Per agent and per UTC day over the last `days` days: executions, success rate, average and
 * p95 duration (nearest rank, computed in SQL with window functions) for a developer's agents.
 */
export async function developerAnalytics(env: Pick<Env, "DB">, developerId: string, days: number): Promise<DayStats[]> {
  const since = new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
  const { results } = await env.DB.prepare(
    `WITH runs AS (
       SELECT e.agent_id, a.slug, substr(e.created_at, 1, 10) AS day, e.status, e.duration_ms
         FROM agent_executions e JOIN agent_definitions a ON a.id = e.agent_id
        WHERE a.developer_id = ?1 AND e.created_at >= ?2
     ),
     ranked AS (
       SELECT agent_id, day, duration_ms,
              ROW_NUMBER() OVER (PARTITION BY agent_id, day ORDER BY duration_ms) AS rn,
              COUNT(*) OVER (PARTITION BY agent_id, day) AS n
         FROM runs WHERE duration_ms IS NOT NULL
     ),
     p95 AS (
       SELECT agent_id, day, duration_ms AS p95 FROM ranked
        WHERE rn = CASE WHEN CAST(n * 0.95 AS INTEGER) < n * 0.95 THEN CAST(n * 0.95 AS INTEGER) + 1 ELSE CAST(n * 0.95 AS INTEGER) END
     )
     SELECT r.agent_id, r.slug, r.day,
            COUNT(*) AS executions,
            SUM(r.status IN ('success', 'failed', 'timeout', 'cancelled')) AS finished,
            SUM(r.status = 'success') AS successful,
            AVG(r.duration_ms) AS avg_duration_ms,
            p.p95 AS p95_duration_ms
       FROM runs r LEFT JOIN p95 p ON p.agent_id = r.agent_id AND p.day = r.day
      GROUP BY r.agent_id, r.day
      ORDER BY r.day DESC, r.slug`,
  )
    .bind(developerId, since)
    .all<Omit<DayStats, "success_rate">>();
  return results.map((r) => ({
    ...r,
    success_rate: r.finished ? r.successful / r.finished : null,
    avg_duration_ms: r.avg_duration_ms === null ? null : Math.round(r.avg_duration_ms),
  }));
}
