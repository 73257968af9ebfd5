import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../context";
import { AppError, onError } from "./errors";

function appThrowing(err: unknown) {
  const app = new Hono<AppEnv>();
  app.use((c, next) => {
    c.set("requestId", "req_test");
    return next();
  });
  app.get("/", () => {
    throw err;
  });
  app.onError(onError);
  return app;
}

describe("the error handler", () => {
  it("renders an AppError with its status, code, details and headers", async () => {
    const res = await appThrowing(new AppError(429, "rate_limited", "slow down", { retry_after: 3 }, { "Retry-After": "3" })).request("/");
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("3");
    expect(await res.json()).toEqual({ error: { code: "rate_limited", message: "slow down", details: { retry_after: 3 } } });
  });

  it("turns an unexpected error into a 500 with a request id and no stack trace", async () => {
    const res = await appThrowing(new TypeError("secret internals at line 42")).request("/");
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; message: string; details: { request_id: string } } };
    expect(body.error.code).toBe("internal");
    expect(body.error.details.request_id).toBe("req_test");
    expect(JSON.stringify(body)).not.toContain("secret internals");
  });
});
