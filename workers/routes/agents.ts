import { Hono } from "hono";
import { eq } from "drizzle-orm";
import { z } from "zod";
import * as P from "../../lib/protocol/agent";
import type { AgentDetail } from "../../lib/protocol/marketplace";
import type { AppEnv } from "../context";
import { audit } from "../db/audit";
import { database } from "../db/client";
import { agentDefinitions } from "../db/schema";
import { viewerOf, visibleAgent } from "../engine/marketplace/access";
import { categories, findAgent, listAgents } from "../engine/marketplace/catalog";
import { agentDetail } from "../engine/marketplace/detail";
import { addVersion, registerAgent } from "../engine/marketplace/publish";
import { idempotent } from "../middleware/idempotency";
import { notFound } from "../middleware/errors";
import { clientAddress, hit } from "../middleware/rate-limit";
import { body, doc, query } from "../openapi";
import { requireDeveloper } from "./developers";
import { agentRunsApi } from "./agent-runs";

const HOUR = 3600;

const registerLimit = (devId: string) => ({ key: `agents:register:${devId}`, max: 10, windowSeconds: HOUR });

const CatalogPage = z.object({ agents: z.array(z.unknown()), total: z.number(), page: z.number(), limit: z.number() });

export const agentsApi = new Hono<AppEnv>()
  .get("/", doc({ summary: "The agent catalog: filter, search, sort, page", tags: ["marketplace"], response: CatalogPage, security: false }), query(P.CatalogQuery), async (c) => {
    await hit(c.env, { key: `agents:list:${clientAddress(c.req)}`, max: 1000, windowSeconds: HOUR });
    const viewer = await viewerOf(c);
    return c.json(await listAgents(c.env, c.req.valid("query"), viewer.admin));
  })
  .get("/categories", doc({ summary: "Categories of approved agents with counts", tags: ["marketplace"], security: false }), async (c) => {
    await hit(c.env, { key: `agents:list:${clientAddress(c.req)}`, max: 1000, windowSeconds: HOUR });
    return c.json({ categories: await categories(c.env) });
  })
  .get("/mine", doc({ summary: "The caller's own agents (any status)", tags: ["marketplace"] }), async (c) => {
    const dev = await requireDeveloper(c);
    const { results } = await c.env.DB.prepare("SELECT id FROM agent_definitions WHERE developer_id = ?1 ORDER BY created_at DESC").bind(dev.id).all<{ id: string }>();
    const agents = await Promise.all(results.map((r) => findAgent(c.env, r.id)));
    return c.json({ agents: agents.filter((a) => a !== null) });
  })
  .post(
    "/register",
    doc({ summary: "Publish a new agent (needs an Idempotency-Key header)", tags: ["marketplace"], response: P.Registered, status: 201 }),
    idempotent,
    body(P.RegisterAgent),
    async (c) => {
      const dev = await requireDeveloper(c);
      await hit(c.env, registerLimit(dev.id));
      const published = await registerAgent(c.env, dev.id, c.req.valid("json"));
      await audit(c, { action: "agent.register", target: published.agent_id, details: { slug: published.slug, version: published.version, status: published.status, sha256: published.sha256 } });
      return c.json(published, 201);
    },
  )
  .get("/:slug", doc({ summary: "An agent: versions, manifest, stats, ratings", tags: ["marketplace"], security: false }), async (c) => {
    const { item, mine, admin } = await visibleAgent(c, c.req.param("slug"));
    const detail: AgentDetail = { ...(await agentDetail(c.env, item, mine || admin)), viewer: { developer: mine, admin } };
    return c.json(detail);
  })
  .post("/:id/versions", doc({ summary: "Publish a new version (higher semver)", tags: ["marketplace"], response: P.Registered, status: 201 }), body(P.AddVersion), async (c) => {
    const dev = await requireDeveloper(c);
    const [agent] = await database(c.env).select().from(agentDefinitions).where(eq(agentDefinitions.id, c.req.param("id"))).limit(1);
    if (!agent || agent.developerId !== dev.id) throw notFound("agent");
    await hit(c.env, registerLimit(dev.id));
    const published = await addVersion(c.env, agent, c.req.valid("json"));
    await audit(c, { action: "agent.version", target: agent.id, details: { version: published.version, status: published.status, sha256: published.sha256, scan_passed: published.scan.passed } });
    return c.json(published, 201);
  })
  .route("/", agentRunsApi);
