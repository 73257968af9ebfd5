import { Hono } from "hono";
import { PerceptionAnswer, type PerceptionAnswerReply } from "../../lib/protocol/perception";
import type { AppEnv } from "../context";
import { perceptionHub } from "../engine/ai/perception";
import { requireWorkspace } from "../middleware/auth";
import { AppError } from "../middleware/errors";
import { body, doc } from "../openapi";

/**
 * Browsers answer `perception_query` events here (mounted at `/api/w/:ws`; viewers and up).
 * `POST /perception/answers` with a `PerceptionAnswer` → `{ok: true, accepted}`; `accepted: false`
 * when another browser answered first. An id this workspace is not waiting for (unknown, expired,
 * or another workspace's) is 404; a value that is not the surface's shape is 400; bodies over
 * `MAX_ANSWER_BYTES` are 413 (the body limit). A refused answer changes nothing.
 */
export const perceptionAnswers = new Hono<AppEnv>().post(
  "/perception/answers",
  doc({ summary: "A browser's answer to a perception_query (view, a11y, anomalies, components or screenshot)", tags: ["realtime"] }),
  body(PerceptionAnswer),
  async (c) => {
    const access = await requireWorkspace(c, c.req.param("ws")!, "viewer");
    const answer = c.req.valid("json");
    const bytes = Number(c.req.header("content-length")) || JSON.stringify(answer).length;
    const out = await perceptionHub(c.env, access.id).perceptionAnswer(answer, bytes);
    if (!out.ok) throw new AppError(out.code === "not_found" ? 404 : 400, out.code, out.message);
    return c.json({ ok: true, accepted: out.accepted } satisfies PerceptionAnswerReply);
  },
);
