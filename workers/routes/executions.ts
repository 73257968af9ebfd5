import { Hono } from "hono";
import type { Context } from "hono";
import type { ExecutionView } from "../../lib/protocol/marketplace";
import type { AppEnv } from "../context";
import { audit } from "../db/audit";
import { queuePosition } from "../engine/marketplace/execute";
import { executionPosition, executionRoom } from "../engine/marketplace/runner";
import { requireIdentity, requireWorkspace } from "../middleware/auth";
import { AppError, notFound } from "../middleware/errors";
import { doc } from "../openapi";
import type { Role } from "../db/schema";

/** An `agent_executions` row joined with its agent: the view's fields as stored. */
type ExecutionRow = Omit<ExecutionView, "agent" | "status" | "queue_position" | "inputs" | "outputs"> & {
  agent_id: string;
  slug: string;
  agent_name: string;
  status: string;
  inputs: string;
  outputs: string | null;
};

/** The execution if the caller's workspace owns it (tokens are workspace-bound); 404 otherwise. */
async function accessibleExecution(c: Context<AppEnv>, id: string, min: Role): Promise<ExecutionRow> {
  requireIdentity(c);
  const row = await c.env.DB.prepare(
    `SELECT e.*, a.slug, a.name AS agent_name FROM agent_executions e JOIN agent_definitions a ON a.id = e.agent_id WHERE e.id = ?1`,
  )
    .bind(id)
    .first<ExecutionRow>();
  if (!row) throw notFound("execution");
  try {
    await requireWorkspace(c, row.workspace_id, min);
  } catch (err) {
    if (err instanceof AppError && err.status === 404) throw notFound("execution");
    throw err;
  }
  return row;
}

const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

async function positionOf(c: Context<AppEnv>, id: string): Promise<number | null> {
  try {
    const waiting = await executionPosition(c.env, id);
    if (waiting !== null) return waiting;
  } catch {
    // The scheduler is unreachable: fall back to the place in the queue.
  }
  return queuePosition(c.env, id);
}

export const executionsApi = new Hono<AppEnv>()
  .get("/:id", doc({ summary: "An execution: status, outputs, timestamps, log tails, error, exit code, queue position", tags: ["marketplace"] }), async (c) => {
    const e = await accessibleExecution(c, c.req.param("id"), "viewer");
    const execution: ExecutionView = {
        id: e.id,
        deployment_id: e.deployment_id,
        agent: { id: e.agent_id, slug: e.slug, name: e.agent_name },
        version: e.version,
        identity_id: e.identity_id,
        workspace_id: e.workspace_id,
        status: e.status as ExecutionView["status"],
        queue: e.queue,
        queue_position: e.status === "queued" ? await positionOf(c, e.id) : null,
        inputs: parse(e.inputs),
        outputs: parse(e.outputs),
        created_at: e.created_at,
        queued_at: e.queued_at,
        started_at: e.started_at,
        finished_at: e.finished_at,
        duration_ms: e.duration_ms,
        stdout_tail: e.stdout_tail,
        stderr_tail: e.stderr_tail,
        error_message: e.error_message,
        exit_code: e.exit_code,
        attempt: e.attempt,
        purchase_intent_id: e.purchase_intent_id,
        mandate_id: e.mandate_id,
        payment_id: e.payment_id,
        receipt_id: e.receipt_id,
    };
    return c.json({ execution });
  })
  .post("/:id/cancel", doc({ summary: "Cancel a queued or running execution", tags: ["marketplace"] }), async (c) => {
    const e = await accessibleExecution(c, c.req.param("id"), "member");
    const result = await executionRoom(c.env, e.id).cancel(e.id);
    if (!result.ok) throw new AppError(409, result.code, result.message);
    await audit(c, { action: "execution.cancel", workspaceId: e.workspace_id, target: e.id });
    return c.json({ ok: true as const, status: result.status });
  })
  .get("/:id/logs", doc({ summary: "Live stdout/stderr as SSE, replaying what was missed (Last-Event-ID)", tags: ["marketplace"] }), async (c) => {
    const e = await accessibleExecution(c, c.req.param("id"), "viewer");
    const headers = new Headers();
    const last = c.req.header("last-event-id");
    if (last) headers.set("last-event-id", last);
    headers.set("accept", "text/event-stream");
    const url = new URL("https://execution-room/logs");
    url.searchParams.set("execution", e.id);
    const resume = c.req.query("last_event_id");
    if (resume) url.searchParams.set("last_event_id", resume);
    return executionRoom(c.env, e.id).fetch(new Request(url, { headers, signal: c.req.raw.signal }));
  });
