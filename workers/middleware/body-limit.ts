import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../context";
import { MAX_ANSWER_BYTES } from "../../lib/protocol/perception";
import { AppError } from "./errors";

const DEFAULT_MAX_BODY_BYTES = 1_048_576;
/** Publishing agent code carries up to 5 MB base64-encoded plus its manifest. */
const AGENT_CODE_BYTES = 7_300_000;
const AGENT_CODE_ROUTE = /^\/api\/agents\/(register|[^/]+\/versions)$/;
/** Browsers' perception answers carry screenshots (base64 PNG): up to MAX_ANSWER_BYTES. */
const PERCEPTION_ANSWERS_ROUTE = /^\/api\/w\/[^/]+\/perception\/answers$/;

/** Rejects request bodies over `MAX_BODY_BYTES` (agent code uploads: 7.3 MB; perception answers: 6 MB) with a 413, whether declared or streamed. */
export const limitBody: MiddlewareHandler<AppEnv> = (c, next) => {
  const general = Number(c.env.MAX_BODY_BYTES) || DEFAULT_MAX_BODY_BYTES;
  const post = c.req.method === "POST";
  const maxSize =
    post && AGENT_CODE_ROUTE.test(c.req.path) ? Math.max(general, AGENT_CODE_BYTES) : post && PERCEPTION_ANSWERS_ROUTE.test(c.req.path) ? Math.max(general, MAX_ANSWER_BYTES) : general;
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError(413, "payload_too_large", `the request body is larger than ${maxSize} bytes`, { limit: maxSize });
    },
  })(c, next);
};
