import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../context";

/** One problem in a request, e.g. a zod issue: `{path: "members.0.role", message}`. */
export interface Problem {
  path: string;
  message: string;
}

/** An expected HTTP failure; rendered as `{"error":{"code","message","details"?}}`. */
export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const notFound = (what = "resource") => new AppError(404, "not_found", `${what} not found`);
export const forbidden = (message = "your role does not allow this") => new AppError(403, "forbidden", message);
export const unauthorized = (message = "sign in or send a valid bearer token") =>
  new AppError(401, "unauthorized", message);
export const conflict = (message: string, details?: unknown) => new AppError(409, "conflict", message, details);
export const invalid = (message: string, details?: Problem[]) => new AppError(400, "invalid_request", message, details);

const CODES: Partial<Record<number, string>> = {
  400: "invalid_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  409: "conflict",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
};

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

function render(c: Context<AppEnv>, err: AppError) {
  if (err.headers) for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
  return c.json(errorBody(err.code, err.message, err.details), err.status);
}

/** The one error handler: expected errors keep their status; anything else is a 500 with a request id. */
export const onError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof AppError) return render(c, err);
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const malformed = status === 400 && /json/i.test(err.message);
    const code = malformed ? "invalid_json" : (CODES[status] ?? "http_error");
    return render(c, new AppError(status, code, err.message || code));
  }
  const requestId = c.get("requestId") ?? "unknown";
  console.error(JSON.stringify({ level: "error", requestId, message: String(err), stack: (err as Error)?.stack }));
  return render(c, new AppError(500, "internal", `internal error (request id ${requestId})`, { request_id: requestId }));
};

export const onNotFound: NotFoundHandler<AppEnv> = (c) =>
  c.json(errorBody("not_found", `no route for ${c.req.method} ${new URL(c.req.url).pathname}`), 404);
