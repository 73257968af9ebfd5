/**
 * MCP server at `/mcp` (Streamable HTTP, JSON responses, stateless): tools `manual`, `query` and
 * `dispatch` — the same operations as `/ai/*` — and one resource per installed plugin (its part
 * of the manual). Authenticated like the rest of the API (bearer token; the workspace is its).
 */
import { Hono, type Context } from "hono";
import { z } from "zod";
import { AiDispatch, MAX_QUERY_ENTRIES, QueryRequest } from "../../lib/protocol/ai";
import type { AppEnv, WorkspaceAccess } from "../context";
import { aiDispatch, manual, query } from "../engine/ai/operations";
import { requireIdentity } from "../middleware/auth";
import { AppError } from "../middleware/errors";
import { aiWorkspace } from "./ai";

const PROTOCOL_VERSIONS = ["2025-06-18", "2025-03-26", "2024-11-05"];
const SERVER_INFO = { name: "frameos", version: "0.1.0" };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface RpcRequest {
  jsonrpc: "2.0";
  id?: string | number | null;
  method: string;
  params?: Record<string, unknown>;
}

class RpcError extends Error {
  constructor(readonly code: number, message: string, readonly data?: unknown) {
    super(message);
  }
}

const TOOLS = [
  { name: "manual", description: "The workspace's manual for AI agents (markdown): every plugin's surfaces and commands with runnable examples.", inputSchema: { type: "object", properties: {} } },
  { name: "query", description: "Read surfaces within byte budgets. `entries`: [{plugin, surface, query, instance?}], e.g. {plugin:'pe', surface:'state', query:'.plugins'}.", inputSchema: z.toJSONSchema(z.object({ entries: QueryRequest.max(MAX_QUERY_ENTRIES) })) },
  { name: "dispatch", description: "Run commands as this AI identity (Source: ai) and learn whether a browser rendered them: {commands:[{plugin, instance?, command, params}], changeset?, ack_timeout_ms?}.", inputSchema: z.toJSONSchema(AiDispatch) },
];

const text = (value: unknown, isError = false) => ({ content: [{ type: "text", text: typeof value === "string" ? value : JSON.stringify(value, null, 2) }], ...(isError ? { isError: true } : {}) });

async function callTool(c: Context<AppEnv>, access: WorkspaceAccess, name: string, args: Record<string, unknown>) {
  if (name === "manual") return text((await manual(c.env, access)).text);
  if (name === "query") {
    const parsed = z.object({ entries: QueryRequest.max(MAX_QUERY_ENTRIES) }).safeParse(args);
    if (!parsed.success) return text({ error: { code: "invalid_request", message: z.prettifyError(parsed.error) } }, true);
    try {
      return text(await query(c.env, access, parsed.data.entries, undefined, false, requireIdentity(c)));
    } catch (err) {
      if (err instanceof AppError) return text({ error: { code: err.code, message: err.message } }, true);
      throw err;
    }
  }
  if (name === "dispatch") {
    const parsed = AiDispatch.safeParse(args);
    if (!parsed.success) return text({ error: { code: "invalid_request", message: z.prettifyError(parsed.error) } }, true);
    const member = await aiWorkspace(c, "member");
    const out = await aiDispatch(c.env, member, requireIdentity(c), parsed.data);
    return text(out.status === 200 ? out.reply : { error: out.error, ...out.reply }, out.status !== 200);
  }
  throw new RpcError(-32602, `unknown tool ${name}`);
}

function pluginSection(md: string, plugin: string): string {
  const parts = md.split(/^(?=# )/m);
  return parts.find((p) => p.includes(`(\`${plugin}\``)) ?? "";
}

async function handle(c: Context<AppEnv>, access: WorkspaceAccess, req: RpcRequest): Promise<Json | undefined> {
  const p = req.params ?? {};
  switch (req.method) {
    case "initialize": {
      const asked = String(p.protocolVersion ?? "");
      return { protocolVersion: PROTOCOL_VERSIONS.includes(asked) ? asked : PROTOCOL_VERSIONS[0]!, capabilities: { tools: {}, resources: {} }, serverInfo: SERVER_INFO, instructions: "Call the manual tool first." };
    }
    case "ping":
      return {};
    case "tools/list":
      return { tools: TOOLS as unknown as Json };
    case "tools/call":
      return (await callTool(c, access, String(p.name), (p.arguments ?? {}) as Record<string, unknown>)) as unknown as Json;
    case "resources/list": {
      const md = (await manual(c.env, access)).text;
      const names = [...md.matchAll(/^# .*\(`([a-z][a-z0-9_-]*)`/gm)].map((m) => m[1]!);
      return { resources: names.map((n) => ({ uri: `frameos://plugins/${n}`, name: n, description: `The ${n} plugin: surfaces and commands`, mimeType: "text/markdown" })) };
    }
    case "resources/read": {
      const uri = String(p.uri ?? "");
      const name = /^frameos:\/\/plugins\/([a-z][a-z0-9_-]*)$/.exec(uri)?.[1];
      const section = name ? pluginSection((await manual(c.env, access)).text, name) : "";
      if (!section) throw new RpcError(-32002, `no resource ${uri}`);
      return { contents: [{ uri, mimeType: "text/markdown", text: section }] };
    }
    default:
      if (req.method.startsWith("notifications/")) return undefined;
      throw new RpcError(-32601, `method not found: ${req.method}`);
  }
}

async function answer(c: Context<AppEnv>, access: WorkspaceAccess, msg: unknown): Promise<Json | undefined> {
  const req = msg as RpcRequest;
  if (!req || typeof req !== "object" || req.jsonrpc !== "2.0" || typeof req.method !== "string") {
    return { jsonrpc: "2.0", id: null, error: { code: -32600, message: "invalid JSON-RPC request" } };
  }
  const isNotification = req.id === undefined;
  try {
    const result = await handle(c, access, req);
    return isNotification ? undefined : { jsonrpc: "2.0", id: req.id ?? null, result: result ?? {} };
  } catch (err) {
    if (isNotification) return undefined;
    const e = err instanceof RpcError ? err : new RpcError(-32603, err instanceof AppError ? err.message : "internal error");
    return { jsonrpc: "2.0", id: req.id ?? null, error: { code: e.code, message: e.message } };
  }
}

export const mcp = new Hono<AppEnv>()
  .post("/", async (c) => {
    const access = await aiWorkspace(c, "viewer");
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "parse error" } }, 400);
    }
    const replies = Array.isArray(body) ? (await Promise.all(body.map((m) => answer(c, access, m)))).filter((r) => r !== undefined) : [await answer(c, access, body)].filter((r) => r !== undefined);
    if (!replies.length) return c.body(null, 202);
    return c.json(Array.isArray(body) ? replies : replies[0]);
  })
  .get("/", (c) => c.json({ jsonrpc: "2.0", id: null, error: { code: -32000, message: "this server sends no server-initiated stream; POST requests" } }, 405))
  .delete("/", (c) => c.body(null, 405));
