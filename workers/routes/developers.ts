import { eq } from "drizzle-orm";
import { Hono } from "hono";
import type { Context } from "hono";
import { z } from "zod";
import { newId } from "../../lib/auth/secrets";
import * as P from "../../lib/protocol/agent";
import type { AppEnv } from "../context";
import { audit } from "../db/audit";
import { database } from "../db/client";
import { developers } from "../db/schema";
import { developerAnalytics } from "../engine/marketplace/analytics";
import { requireIdentity } from "../middleware/auth";
import { AppError, conflict, invalid } from "../middleware/errors";
import { body, doc, query } from "../openapi";

export type DeveloperRow = typeof developers.$inferSelect;

const view = (d: DeveloperRow) => ({ id: d.id, name: d.name, email: d.email, company: d.company, status: d.status, created_at: d.createdAt });

/** The caller's developer account, or a 403 telling them to register first (or that it is suspended). */
export async function requireDeveloper(c: Context<AppEnv>): Promise<DeveloperRow> {
  const identity = requireIdentity(c);
  const [dev] = await database(c.env).select().from(developers).where(eq(developers.identityId, identity.id)).limit(1);
  if (!dev) throw new AppError(403, "not_a_developer", "register as a developer first (POST /api/developers/register)");
  if (dev.status !== "active") throw new AppError(403, "developer_suspended", "this developer account is suspended");
  return dev;
}

const AnalyticsQuery = z.object({ days: z.coerce.number().int().min(1).max(90).default(30) });

export const developersApi = new Hono<AppEnv>()
  .post("/register", doc({ summary: "Register the caller as a developer", tags: ["marketplace"], response: z.object({ developer: P.DeveloperView }), status: 201 }), body(P.RegisterDeveloper), async (c) => {
    const identity = requireIdentity(c);
    if (!identity.email) throw invalid("a developer needs an email; this identity has none", [{ path: "identity.email", message: "required" }]);
    const db = database(c.env);
    const [existing] = await db.select().from(developers).where(eq(developers.identityId, identity.id)).limit(1);
    if (existing) throw conflict("you are already a developer", { developer: view(existing) });
    const { name, company } = c.req.valid("json");
    const row = { id: newId("dev"), identityId: identity.id, email: identity.email, name, company: company ?? null };
    try {
      await db.insert(developers).values(row);
    } catch (err) {
      if (/UNIQUE/i.test(String(err))) throw conflict("you are already a developer");
      throw err;
    }
    await audit(c, { action: "developer.register", target: row.id, details: { name } });
    const [created] = await db.select().from(developers).where(eq(developers.id, row.id));
    return c.json({ developer: view(created!) }, 201);
  })
  .get("/me", doc({ summary: "The caller's developer account", tags: ["marketplace"], response: z.object({ developer: P.DeveloperView }) }), async (c) => {
    return c.json({ developer: view(await requireDeveloper(c)) });
  })
  .get("/analytics", doc({ summary: "Per agent and day: executions, success rate, average and p95 duration", tags: ["marketplace"] }), query(AnalyticsQuery), async (c) => {
    const dev = await requireDeveloper(c);
    const { days } = c.req.valid("query");
    return c.json({ days, rows: await developerAnalytics(c.env, dev.id, days) });
  });
