/**
 * The Worker's request log and log lines per workspace (`pe.network`, `pe.log`). A request is
 * recorded when it acts in a workspace: a token's own workspace, or `/api/w/:ws/…` by a session
 * whose identity is a member there (checked in the same insert). Only method, path (no query
 * string, secret-looking segments redacted), status, duration and identity are kept — never
 * headers or bodies. Writes happen after the response, through `waitUntil`.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../context";
import { recordLogLine, recordRequest, type LogLine } from "../engine/ai/sql-logs";
import { AppError } from "./errors";

const SECRET_SEGMENT = /^[A-Za-z0-9]*_[A-Za-z0-9_-]{24,}$|^[A-Za-z0-9_-]{40,}$/;

/** The path without its query string, with anything that looks like a secret replaced. */
export function loggablePath(pathname: string): string {
  return pathname
    .split("/")
    .map((seg) => (SECRET_SEGMENT.test(seg) ? ":redacted" : seg))
    .join("/")
    .slice(0, 500);
}

interface Where {
  workspaceId: string;
  identity: { id: string; name: string; type: string };
  tokenId: string | null;
  checkMembership: boolean;
}

/** The workspace a request acts in, if any, and who acts. */
function whereOf(c: Context<AppEnv>): Where | null {
  const caller = c.get("caller") as AppEnv["Variables"]["caller"] | undefined;
  if (!caller || caller.kind === "anonymous") return null;
  const inPath = /^\/api\/w\/([^/]+)/.exec(c.req.path)?.[1];
  const identity = { id: caller.identity.id, name: caller.identity.name, type: caller.identity.type };
  if (caller.kind === "token") {
    if (inPath && decodeURIComponent(inPath) !== caller.workspaceId) return null;
    return { workspaceId: caller.workspaceId, identity, tokenId: caller.tokenId, checkMembership: false };
  }
  return inPath ? { workspaceId: decodeURIComponent(inPath), identity, tokenId: null, checkMembership: true } : null;
}

function later(c: Context<AppEnv>, work: Promise<unknown>): void {
  const done = work.then(() => undefined, (e: unknown) => console.error(JSON.stringify({ level: "error", message: `request log: ${String(e)}` })));
  try {
    c.executionCtx.waitUntil(done);
  } catch {
    // No execution context (an in-process app.request): the write still runs, unawaited.
  }
}

/** Records every request that acts in a workspace; failed ones also get a `pe.log` line. */
export const requestLog: MiddlewareHandler<AppEnv> = async (c, next) => {
  const started = Date.now();
  const at = new Date(started).toISOString();
  await next();
  const where = whereOf(c);
  if (!where) return;
  const status = c.res.status;
  const path = loggablePath(c.req.path);
  const requestId = c.get("requestId") ?? "";
  const work: Promise<unknown>[] = [
    recordRequest(c.env, { workspaceId: where.workspaceId, at, method: c.req.method, path, status, durationMs: Date.now() - started, identity: where.identity, tokenId: where.tokenId, requestId, checkMembership: where.checkMembership }),
  ];
  if (status >= 400) {
    const err = c.error;
    const what = err instanceof AppError ? `${err.code}: ${err.message}` : status >= 500 ? `internal error: ${String(err ?? "unknown")}` : `status ${status}`;
    work.push(line(c, where, status >= 500 ? "error" : "warn", `${c.req.method} ${path} → ${status} ${what}`));
  }
  later(c, Promise.all(work));
};

function line(c: Context<AppEnv>, where: Where, level: LogLine["level"], message: string): Promise<void> {
  return recordLogLine(c.env, {
    workspaceId: where.workspaceId, level, message, route: `${c.req.method} ${loggablePath(c.req.path)}`, requestId: c.get("requestId") ?? null,
    checkMembership: where.checkMembership ? { identityId: where.identity.id } : undefined,
  });
}

/** Route code's logger: a line in the `pe.log` of the workspace this request acts in (none otherwise). */
export function workerLog(c: Context<AppEnv>, level: LogLine["level"], message: string): void {
  const where = whereOf(c);
  if (where) later(c, line(c, where, level, message));
}
