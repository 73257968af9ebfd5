import { Hono } from "hono";
import { z } from "zod";
import { CLIENT_ID } from "../../lib/protocol/events";
import type { AppEnv } from "../context";
import { requireWorkspace } from "../middleware/auth";
import { body, doc } from "../openapi";

export const RenderAck = z.object({
  room: z.string().regex(/^[a-z][a-z0-9_-]{1,39}:[A-Za-z0-9_.-]{1,64}$/),
  version: z.number().int().min(0),
  dispatch_id: z.number().int().min(0).optional(),
  client: z.string().regex(CLIENT_ID, "a random id per browser tab, the `client` of its event stream"),
});

/** Browsers report what they rendered; `/ai/dispatch` waits on these. Mounted at `/api/w/:ws`. */
export const renderAcks = new Hono<AppEnv>().post("/render-ack", doc({ summary: "A browser rendered a room version", tags: ["realtime"] }), body(RenderAck), async (c) => {
  const access = await requireWorkspace(c, c.req.param("ws")!, "viewer");
  const { client, room, version } = c.req.valid("json");
  const hub = c.env.WORKSPACE_HUB.get(c.env.WORKSPACE_HUB.idFromName(access.id)) as unknown as { renderAck(client: string, room: string, version: number): Promise<void> };
  await hub.renderAck(client, room, version);
  return c.json({ ok: true as const });
});
