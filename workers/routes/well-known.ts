import { Hono } from "hono";
import type { AppEnv } from "../context";
import { jwks } from "../engine/payments/keys";

/** Public well-known documents: the JWKS that verifies mandates and receipts (active and retired keys). */
export const wellKnown = new Hono<AppEnv>().get("/frameos-keys.json", async (c) => {
  c.header("Cache-Control", "public, max-age=300");
  return c.json(await jwks(c.env));
});
