import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../context";
import { MAX_ANSWER_BYTES } from "../../lib/protocol/perception";
import { AppError } from "./errors";

const DEFAULT_MAX_BODY_BYTES = 1_048_576;
/** Publishing agent code carries up to 5 MB base64-encoded plus its manifest. */
const AGENT_CODE_BYTES = 7_300_000;
/** POST routes allowed more than the general limit: agent code uploads, and browsers' perception answers (base64 PNG screenshots). */
const LARGE_POSTS: [route: RegExp, bytes: number][] = [
  [/^\/api\/agents\/(register|[^/]+\/versions)$/, AGENT_CODE_BYTES],
  [/^\/api\/w\/[^/]+\/perception\/answers$/, MAX_ANSWER_BYTES],
];

/** Rejects request bodies over `MAX_BODY_BYTES` (agent code uploads: 7.3 MB; perception answers: 6 MB) with a 413, whether declared or streamed. */
export const limitBody: MiddlewareHandler<AppEnv> = (c, next) => {
  const general = Number(c.env.MAX_BODY_BYTES) || DEFAULT_MAX_BODY_BYTES;
  const large = c.req.method === "POST" ? LARGE_POSTS.find(([route]) => route.test(c.req.path))?.[1] : undefined;
  const maxSize = Math.max(general, large ?? 0);
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError(413, "payload_too_large", `the request body is larger than ${maxSize} bytes`, { limit: maxSize });
    },
  })(c, next);
};
