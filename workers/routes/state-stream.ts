import { Hono } from "hono";
import type { AppEnv } from "../context";
import { database } from "../db/client";
import { listInstalled } from "../engine/plugins";
import { doc } from "../openapi";
import { aiWorkspace } from "./ai";
import { openStream } from "./events";

/**
 * `GET /api/state/stream`: the SSE stream for agents — every installed plugin's main room in the
 * token's workspace, with `Last-Event-ID` resume like `/api/w/:ws/events`.
 */
export const stateStream = new Hono<AppEnv>().get("/stream", doc({ summary: "SSE of every installed plugin's main room, for agents (text/event-stream)", tags: ["ai"] }), async (c) => {
  const access = await aiWorkspace(c, "viewer");
  const rooms = (await listInstalled(database(c.env), access.id)).map((p) => `${p.name}:main`);
  return openStream(c, access.id, "events", rooms.length ? rooms : ["pe:main"]);
});
