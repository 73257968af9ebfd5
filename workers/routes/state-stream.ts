import { Hono } from "hono";
import { HUB_LISTENER_HEADER } from "../../durable-objects/workspace-hub/rooms";
import { PERCEPTION_ROOM } from "../../lib/protocol/perception";
import type { AppEnv } from "../context";
import { database } from "../db/client";
import { listInstalled } from "../engine/plugins";
import { doc } from "../openapi";
import { aiWorkspace } from "./ai";
import { openStream } from "./events";

/**
 * `GET /api/state/stream`: the SSE stream for agents — every installed plugin's main room in the
 * token's workspace plus `pe:main`, which carries the perception events (`perception_query`,
 * `perception_invalidate`, `target_rect`, `perception_active`) — with `Last-Event-ID` resume like
 * `/api/w/:ws/events`. The hub knows it for an agent's stream: it never counts as a browser that
 * could answer a perception query.
 */
export const stateStream = new Hono<AppEnv>().get("/stream", doc({ summary: "SSE of every installed plugin's main room and the perception events, for agents (text/event-stream)", tags: ["ai"] }), async (c) => {
  const access = await aiWorkspace(c, "viewer");
  const rooms = (await listInstalled(database(c.env), access.id)).map((p) => `${p.name}:main`);
  if (!rooms.includes(PERCEPTION_ROOM)) rooms.unshift(PERCEPTION_ROOM);
  return openStream(c, access.id, "events", rooms, { [HUB_LISTENER_HEADER]: "agent" });
});
