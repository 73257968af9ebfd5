import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { newId, newSecret, sha256Hex } from "../../lib/auth/secrets";
import type { AppEnv } from "../context";
import { SESSION_COOKIE } from "../middleware/auth";
import { database, isoNow } from "./client";
import { sessions } from "./schema";

const SESSION_DAYS = 30;

const cookieOptions = (c: Context<AppEnv>) => ({
  path: "/",
  httpOnly: true,
  sameSite: "Lax" as const,
  secure: new URL(c.req.url).protocol === "https:",
});

/** Starts a server-side session for an identity and sets its HttpOnly cookie. */
export async function startSession(c: Context<AppEnv>, identityId: string): Promise<void> {
  const secret = newSecret("fss");
  await database(c.env)
    .insert(sessions)
    .values({ id: newId("ses"), tokenHash: await sha256Hex(secret), identityId, expiresAt: isoNow(SESSION_DAYS * 86_400_000) });
  setCookie(c, SESSION_COOKIE, secret, { ...cookieOptions(c), maxAge: SESSION_DAYS * 86_400 });
}

/** Ends a session server-side (the cookie alone can no longer sign in) and clears the cookie. */
export async function endSession(c: Context<AppEnv>, sessionId: string): Promise<void> {
  await database(c.env).update(sessions).set({ endedAt: isoNow() }).where(eq(sessions.id, sessionId));
  deleteCookie(c, SESSION_COOKIE, cookieOptions(c));
}
