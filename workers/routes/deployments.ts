import { Hono } from "hono";
import { z } from "zod";
import type { DeploymentView } from "../../lib/protocol/marketplace";
import type { AppEnv } from "../context";
import { requireIdentity, requireWorkspace } from "../middleware/auth";
import { invalid } from "../middleware/errors";
import { doc, query } from "../openapi";

const ListQuery = z.object({ workspace_id: z.string().max(64).optional() });

interface Row {
  id: string;
  agent_id: string;
  slug: string;
  name: string;
  version: string;
  config: string;
  status: string;
  created_at: string;
  executions: number;
  last_execution_id: string | null;
  last_status: string | null;
}

/** The caller's deployments in a workspace (the token's, or `workspace_id` for a session), with their latest run. */
export const deploymentsApi = new Hono<AppEnv>().get("/", doc({ summary: "My deployments in this workspace", tags: ["marketplace"] }), query(ListQuery), async (c) => {
  const identity = requireIdentity(c);
  const caller = c.get("caller");
  const workspaceId = c.req.valid("query").workspace_id ?? (caller.kind === "token" ? caller.workspaceId : undefined);
  if (!workspaceId) throw invalid("say which workspace", [{ path: "workspace_id", message: "required with a session" }]);
  const ws = await requireWorkspace(c, workspaceId, "viewer");
  const { results } = await c.env.DB.prepare(
    `SELECT d.id, d.agent_id, a.slug, a.name, d.version, d.config, d.status, d.created_at,
            (SELECT COUNT(*) FROM agent_executions e WHERE e.deployment_id = d.id) AS executions,
            (SELECT e.id FROM agent_executions e WHERE e.deployment_id = d.id ORDER BY e.created_at DESC LIMIT 1) AS last_execution_id,
            (SELECT e.status FROM agent_executions e WHERE e.deployment_id = d.id ORDER BY e.created_at DESC LIMIT 1) AS last_status
       FROM agent_deployments d JOIN agent_definitions a ON a.id = d.agent_id
      WHERE d.workspace_id = ?1 AND d.identity_id = ?2 AND d.status != 'deleted'
      ORDER BY d.created_at DESC LIMIT 200`,
  )
    .bind(ws.id, identity.id)
    .all<Row>();
  return c.json({
    workspace_id: ws.id,
    deployments: results.map((r): DeploymentView => ({
      id: r.id,
      agent: { id: r.agent_id, slug: r.slug, name: r.name },
      version: r.version,
      config: JSON.parse(r.config) as unknown,
      status: r.status,
      created_at: r.created_at,
      executions: r.executions,
      last_execution: r.last_execution_id && r.last_status ? { id: r.last_execution_id, status: r.last_status } : null,
    })),
  });
});
