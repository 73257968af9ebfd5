import { Hono } from "hono";
import type { Context } from "hono";
import { z } from "zod";
import { compareSemver, Reinstate, Review, Suspend } from "../../lib/protocol/agent";
import type { AppEnv } from "../context";
import { audit } from "../db/audit";
import { isPlatformAdmin } from "../engine/marketplace/admins";
import { reviewAgent } from "../engine/marketplace/review";
import { reinstateAgent, suspendAgent } from "../engine/marketplace/suspension";
import { requireIdentity } from "../middleware/auth";
import { forbidden } from "../middleware/errors";
import { body, doc } from "../openapi";

/** A platform admin (see isPlatformAdmin), or a 403. */
async function requirePlatformAdmin(c: Context<AppEnv>) {
  const identity = requireIdentity(c);
  if (!(await isPlatformAdmin(c.env, identity.id))) throw forbidden("this needs a platform admin");
  return identity;
}

const Suspension = z.object({ agent_id: z.string(), slug: z.string(), status: z.string(), previous_status: z.string(), reason: z.string().nullable() });
const Reviewed = z.object({ agent_id: z.string(), version: z.string(), decision: z.enum(["approve", "reject"]), status: z.string(), current_version: z.string() });

export const adminApi = new Hono<AppEnv>()
  .get("/agents/pending", doc({ summary: "Agent versions waiting for review (platform admins)", tags: ["marketplace"] }), async (c) => {
    await requirePlatformAdmin(c);
    const { results } = await c.env.DB.prepare(
      `SELECT a.id AS agent_id, a.slug, a.name, a.status, v.version, v.scan_passed, v.scan_report, v.created_at
         FROM agent_versions v JOIN agent_definitions a ON a.id = v.agent_id
        WHERE json_extract(v.scan_report, '$.review.state') = 'pending' ORDER BY v.created_at`,
    ).all<{ agent_id: string; slug: string; name: string; status: string; version: string; scan_passed: number; scan_report: string; created_at: string }>();
    const pending = results
      .map((r) => ({ ...r, scan_passed: r.scan_passed === 1, scan_report: JSON.parse(r.scan_report) as unknown }))
      .sort((a, b) => a.created_at.localeCompare(b.created_at) || compareSemver(a.version, b.version));
    return c.json({ pending });
  })
  .post("/agents/:id/review", doc({ summary: "Approve or reject an agent's version waiting for review (platform admins)", tags: ["marketplace"], response: Reviewed }), body(Review.extend({ version: z.string().max(64).optional() })), async (c) => {
    const admin = await requirePlatformAdmin(c);
    const input = c.req.valid("json");
    const result = await reviewAgent(c.env, c.req.param("id"), { ...input, by: admin.id });
    await audit(c, { action: `agent.${input.decision}`, target: result.agent_id, details: { version: result.version, reason: input.reason ?? null } });
    return c.json(result);
  })
  .post("/agents/:id/suspend", doc({ summary: "Suspend an agent: out of the catalog, no deploys, no runs (platform admins)", tags: ["marketplace"], response: Suspension }), body(Suspend), async (c) => {
    await requirePlatformAdmin(c);
    const { reason } = c.req.valid("json");
    const result = await suspendAgent(c.env, c.req.param("id"), reason);
    await audit(c, { action: "agent.suspend", target: result.agent_id, details: { reason, previous_status: result.previous_status } });
    return c.json(result);
  })
  .post("/agents/:id/reinstate", doc({ summary: "Lift an agent's suspension (platform admins)", tags: ["marketplace"], response: Suspension }), body(Reinstate), async (c) => {
    await requirePlatformAdmin(c);
    const { reason } = c.req.valid("json");
    const result = await reinstateAgent(c.env, c.req.param("id"), reason ?? null);
    await audit(c, { action: "agent.reinstate", target: result.agent_id, details: { reason: reason ?? null, status: result.status } });
    return c.json(result);
  });
