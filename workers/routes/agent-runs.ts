import { Hono } from "hono";
import { z } from "zod";
import { newId } from "../../lib/auth/secrets";
import * as P from "../../lib/protocol/agent";
import type { AppEnv } from "../context";
import { audit } from "../db/audit";
import { database } from "../db/client";
import { agentDeployments } from "../db/schema";
import { visible, visibleAgent } from "../engine/marketplace/access";
import { refreshRating, versionOf } from "../engine/marketplace/detail";
import { findAgent } from "../engine/marketplace/catalog";
import { countRun, findDeployment, launchRun, suspended } from "../engine/marketplace/launch";
import { assertMatches } from "../engine/marketplace/schemas";
import { suspensionReason } from "../engine/marketplace/suspension";
import { requireIdentity, requireWorkspace } from "../middleware/auth";
import { AppError, conflict, invalid, notFound } from "../middleware/errors";
import { body, doc } from "../openapi";

const Deployed = z.object({ deployment_id: z.string(), agent_id: z.string(), workspace_id: z.string(), version: z.string(), config: z.record(z.string(), z.unknown()), status: z.string() });

/** Deploy, execute and rate an agent: mounted under /api/agents beside the catalog routes. */
export const agentRunsApi = new Hono<AppEnv>()
  .post("/:id/deploy", doc({ summary: "Deploy an approved agent version into a workspace with a config", tags: ["marketplace"], response: Deployed, status: 201 }), body(P.Deploy), async (c) => {
    const identity = requireIdentity(c);
    const caller = c.get("caller");
    const input = c.req.valid("json");
    const workspaceId = input.workspace_id ?? (caller.kind === "token" ? caller.workspaceId : undefined);
    if (!workspaceId) throw invalid("say which workspace to deploy into", [{ path: "workspace_id", message: "required with a session" }]);
    const ws = await requireWorkspace(c, workspaceId, "member");
    const found = await findAgent(c.env, c.req.param("id"));
    if (!found) throw notFound("agent");
    if (found.status === "suspended") throw suspended(await suspensionReason(c.env, found.id));
    const { item } = await visible(c, found);
    if (item.status !== "approved") throw conflict(`the agent is ${item.status}; only approved agents can be deployed`);
    const version = input.version ?? item.current_version;
    const v = await versionOf(c.env, item.id, version);
    if (!v) throw invalid(`the agent has no version ${version}`, [{ path: "version", message: "unknown version" }]);
    if (v.review.state !== "approved") throw conflict(`version ${version} is ${v.review.state === "pending" ? "waiting for review" : "rejected"}`);
    assertMatches(v.manifest.config ?? { type: "object" }, input.config, "config", "the config");
    const row = { id: newId("dep"), identityId: identity.id, workspaceId: ws.id, agentId: item.id, version, config: input.config };
    await database(c.env).insert(agentDeployments).values(row);
    await audit(c, { action: "agent.deploy", workspaceId: ws.id, target: row.id, details: { agent: item.slug, version } });
    return c.json({ deployment_id: row.id, agent_id: item.id, workspace_id: ws.id, version, config: input.config, status: "active" }, 201);
  })
  .post("/:id/execute", doc({ summary: "Run a deployment: 202 with the execution id; poll or stream its logs", tags: ["marketplace"], response: P.Accepted, status: 202 }), body(P.Execute), async (c) => {
    const identity = requireIdentity(c);
    await countRun(c.env, identity.id);
    const { deployment_id, inputs } = c.req.valid("json");
    const dep = await findDeployment(c.env, c.req.param("id"), deployment_id);
    if (!dep) throw notFound("deployment");
    // Another workspace's deployment is a 404, exactly like a missing one.
    try {
      await requireWorkspace(c, dep.workspace_id, "member");
    } catch (err) {
      if (err instanceof AppError && err.status === 404) throw notFound("deployment");
      throw err;
    }
    const started = await launchRun(c.env, dep, { identityId: identity.id, inputs });
    await audit(c, { action: "agent.execute", workspaceId: dep.workspace_id, target: started.execution_id, details: { agent: dep.slug, deployment: dep.id } });
    return c.json(started, 202);
  })
  .post("/:id/ratings", doc({ summary: "Rate an agent you have run (one rating per person; sending again replaces it)", tags: ["marketplace"] }), body(P.Rate), async (c) => {
    const identity = requireIdentity(c);
    const { item } = await visibleAgent(c, c.req.param("id"));
    const ran = await c.env.DB.prepare("SELECT 1 AS yes FROM agent_executions WHERE agent_id = ?1 AND identity_id = ?2 AND status IN ('success', 'failed', 'timeout') LIMIT 1")
      .bind(item.id, identity.id)
      .first();
    if (!ran) throw new AppError(403, "no_run", "rate an agent after you have run it");
    const { stars, text } = c.req.valid("json");
    await c.env.DB.prepare(
      `INSERT INTO agent_ratings (agent_id, identity_id, stars, text) VALUES (?1, ?2, ?3, ?4)
       ON CONFLICT (agent_id, identity_id) DO UPDATE SET stars = excluded.stars, text = excluded.text, created_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
    )
      .bind(item.id, identity.id, stars, text ?? null)
      .run();
    const stats = await refreshRating(c.env, item.id);
    return c.json({ rating: { stars, text: text ?? null }, agent: { id: item.id, ...stats } });
  });
