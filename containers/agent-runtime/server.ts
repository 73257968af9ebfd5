/**
 * The agent-runtime HTTP server: `POST /run` streams one run as NDJSON, `DELETE /run/:id`
 * kills it, `GET /health` answers liveness. Errors use `{"error":{"code","message"}}`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { RunEvent, RunRequest } from "./protocol";
import { startRun, type RunHandle } from "./run";

export interface ServerOptions {
  port: number;
  host?: string;
  /** Bytes kept per stream and run (default 1 MB). */
  outputCap?: number;
  /** Runs at once in this process (default 50); more get 503. */
  maxRuns?: number;
  /** Largest `POST /run` body (default 48 MB). */
  maxBodyBytes?: number;
}

export interface RuntimeServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ error: { code, message } }));
}

async function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Checks a `POST /run` body; returns the problem or the request. */
export function parseRunRequest(value: unknown): RunRequest | string {
  if (typeof value !== "object" || value === null) return "the body must be a JSON object";
  const v = value as Record<string, unknown>;
  if (typeof v.execution_id !== "string" || !/^[\w.-]{1,128}$/.test(v.execution_id)) return "execution_id must be a short id";
  if (typeof v.code !== "string") return "code must be a base64 string";
  if (v.code_format !== "js" && v.code_format !== "tar.gz") return 'code_format must be "js" or "tar.gz"';
  if (typeof v.entry !== "string" || v.entry === "") return "entry must be a file name";
  if (typeof v.timeout_ms !== "number" || !(v.timeout_ms > 0) || v.timeout_ms > 900_000) return "timeout_ms must be 1..900000";
  if (typeof v.memory_mb !== "number" || !(v.memory_mb >= 16) || v.memory_mb > 4096) return "memory_mb must be 16..4096";
  return {
    execution_id: v.execution_id, code: v.code, code_format: v.code_format, entry: v.entry,
    inputs: v.inputs ?? null, config: v.config ?? null, timeout_ms: v.timeout_ms, memory_mb: v.memory_mb,
  };
}

/** Starts the server; resolves once it listens (port 0 picks a free one). */
export function startServer(opts: ServerOptions): Promise<RuntimeServer> {
  const runs = new Map<string, RunHandle>();
  const outputCap = opts.outputCap ?? 1024 * 1024;
  const maxRuns = opts.maxRuns ?? 50;
  const maxBody = opts.maxBodyBytes ?? 48 * 1024 * 1024;

  async function run(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req, maxBody);
    if (text === null) return sendError(res, 413, "payload_too_large", `the run request is larger than ${maxBody} bytes`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return sendError(res, 400, "invalid_request", "the body is not JSON");
    }
    const parsed = parseRunRequest(body);
    if (typeof parsed === "string") return sendError(res, 400, "invalid_request", parsed);
    if (runs.has(parsed.execution_id)) return sendError(res, 409, "conflict", `execution ${parsed.execution_id} is already running`);
    if (runs.size >= maxRuns) return sendError(res, 503, "busy", `the runtime already runs ${maxRuns} agents`);
    res.writeHead(200, { "content-type": "application/x-ndjson", "cache-control": "no-store" });
    res.flushHeaders();
    const write = (event: RunEvent) => {
      if (!res.writableEnded) res.write(`${JSON.stringify(event)}\n`);
    };
    const handle = startRun(parsed, write, { outputCap });
    runs.set(parsed.execution_id, handle);
    // A caller that goes away (evicted room, lost connection) takes its run with it.
    res.on("close", () => {
      if (!res.writableFinished) handle.kill("cancel");
    });
    const exit = await handle.done;
    runs.delete(parsed.execution_id);
    write(exit);
    res.end();
  }

  function kill(id: string, res: ServerResponse): void {
    const handle = runs.get(id);
    if (!handle) return sendError(res, 404, "not_found", `execution ${id} is not running`);
    handle.kill("cancel");
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true }));
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://runtime");
    const killMatch = /^\/run\/([^/]+)$/.exec(url.pathname);
    if (req.method === "GET" && url.pathname === "/health") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, running: runs.size }));
    } else if (req.method === "POST" && url.pathname === "/run") {
      run(req, res).catch((err: unknown) => {
        if (!res.headersSent) sendError(res, 500, "internal", (err as Error).message);
        else res.end();
      });
    } else if (req.method === "DELETE" && killMatch) {
      kill(decodeURIComponent(killMatch[1] ?? ""), res);
    } else {
      sendError(res, 404, "not_found", `no route ${req.method} ${url.pathname}`);
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host ?? "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${opts.host ?? "127.0.0.1"}:${port}`,
        server,
        close: () =>
          new Promise<void>((done) => {
            for (const handle of runs.values()) handle.kill("cancel");
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
