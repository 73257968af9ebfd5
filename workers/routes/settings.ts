import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context";
import { auditStatement } from "../db/audit";
import { database } from "../db/client";
import { httpAllowlist } from "../db/schema";
import { requireWorkspace } from "../middleware/auth";
import { body, doc } from "../openapi";

const Host = z.string().regex(/^[a-z0-9.-]{1,253}(:\d{1,5})?$/, "a host name, optionally with a port");
export const HttpAllowlist = z.object({ hosts: z.array(Host).max(100) });

/** Workspace settings: the hosts the `http.fetch` effect may reach (empty, so off, by default). */
export const settingsApi = new Hono<AppEnv>()
  .get("/http-allowlist", doc({ summary: "Hosts plugins may reach with http.fetch", tags: ["settings"], response: HttpAllowlist }), async (c) => {
    const access = await requireWorkspace(c, c.req.param("ws")!, "viewer");
    const rows = await database(c.env).select().from(httpAllowlist).where(eq(httpAllowlist.workspaceId, access.id));
    return c.json({ hosts: rows.map((r) => r.host) });
  })
  .put("/http-allowlist", doc({ summary: "Replace the http.fetch allowlist (admin)", tags: ["settings"], response: HttpAllowlist }), body(HttpAllowlist), async (c) => {
    const access = await requireWorkspace(c, c.req.param("ws")!, "admin");
    const hosts = [...new Set(c.req.valid("json").hosts)];
    const db = database(c.env);
    await db.batch([
      db.delete(httpAllowlist).where(eq(httpAllowlist.workspaceId, access.id)),
      ...hosts.map((host) => db.insert(httpAllowlist).values({ workspaceId: access.id, host })),
      auditStatement(c, { action: "settings.http_allowlist", workspaceId: access.id, details: { hosts } }),
    ] as unknown as Parameters<typeof db.batch>[0]);
    return c.json({ hosts });
  });
