import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../context";
import { AppError } from "./errors";

const DEFAULT_MAX_BODY_BYTES = 1_048_576;

/** Rejects request bodies over `MAX_BODY_BYTES` with a 413, whether declared or streamed. */
export const limitBody: MiddlewareHandler<AppEnv> = (c, next) => {
  const maxSize = Number(c.env.MAX_BODY_BYTES) || DEFAULT_MAX_BODY_BYTES;
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError(413, "payload_too_large", `the request body is larger than ${maxSize} bytes`, { limit: maxSize });
    },
  })(c, next);
};
