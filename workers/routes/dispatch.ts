import { Hono } from "hono";
import { DispatchRequest } from "../../lib/protocol/dispatch";
import type { AppEnv } from "../context";
import { dispatchBatch, sourceOf } from "../engine/dispatch";
import { requireIdentity, requireWorkspace } from "../middleware/auth";
import { body, doc } from "../openapi";

export const dispatchApi = new Hono<AppEnv>().post(
  "/",
  doc({ summary: "Run commands in order, each in its plugin room (viewers cannot; meta-commands need admin)", tags: ["dispatch"] }),
  body(DispatchRequest),
  async (c) => {
    const access = await requireWorkspace(c, c.req.param("ws")!, "member");
    const me = requireIdentity(c);
    const { status, ...reply } = await dispatchBatch(
      { env: c.env, access, author: { id: me.id, name: me.name, type: me.type }, source: sourceOf(me.type) },
      c.req.valid("json"),
    );
    if (status !== 200) {
      const failed = reply.results.find((r) => !r.ok);
      const error = failed && !failed.ok ? failed.error : { code: "dispatch_failed", message: "no command ran" };
      return c.json({ error, ...reply }, status as 400);
    }
    return c.json(reply);
  },
);
