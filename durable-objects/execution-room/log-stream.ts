/**
 * Live log fanout over SSE. Each line is `id: <seq>`, `event: stdout|stderr`,
 * `data: {"seq","data"}`; the stream ends with `event: status` carrying the final outcome.
 * A client resumes with `Last-Event-ID` (or `?last_event_id=`) and gets the lines after it.
 */
import type { StoredLine } from "./storage";

export interface StatusEvent {
  status: string;
  exit_code: number | null;
  duration_ms: number | null;
  error_message: string | null;
}

const encoder = new TextEncoder();
/** A client this far behind is cut off; it resumes with Last-Event-ID. */
const MAX_QUEUED_BYTES = 4 * 1024 * 1024;

export function lineFrame(line: StoredLine): Uint8Array {
  return encoder.encode(`id: ${line.seq}\nevent: ${line.stream}\ndata: ${JSON.stringify({ seq: line.seq, data: line.data })}\n\n`);
}

export function statusFrame(status: StatusEvent): Uint8Array {
  return encoder.encode(`event: status\ndata: ${JSON.stringify(status)}\n\n`);
}

/** The line number a client already has, from `Last-Event-ID` or `?last_event_id=`. */
export function resumeFrom(request: Request): number {
  const raw = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("last_event_id") ?? "0";
  const n = Number.parseInt(raw, 10);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

class Client {
  readonly readable: ReadableStream<Uint8Array>;
  readonly #writer: WritableStreamDefaultWriter<Uint8Array>;
  closed = false;

  constructor(private readonly onClose: (c: Client) => void) {
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>(undefined, { highWaterMark: 0, size: (c) => c.byteLength });
    this.readable = readable;
    this.#writer = writable.getWriter();
    this.#writer.closed.then(() => this.close(), () => this.close());
  }

  write(bytes: Uint8Array): void {
    if (this.closed) return;
    const room = this.#writer.desiredSize;
    if (room === null || room < -MAX_QUEUED_BYTES) return this.close();
    this.#writer.write(bytes).catch(() => this.close());
  }

  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.#writer.close().catch(() => undefined);
    this.onClose(this);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.#writer.abort("closed").catch(() => undefined);
    this.onClose(this);
  }
}

/** Comment sent to idle streams so proxies keep them open during quiet runs. */
const HEARTBEAT_MS = 15_000;
const HEARTBEAT = encoder.encode(": keepalive\n\n");

/** The room's SSE clients. */
export class LogFanout {
  readonly #clients = new Set<Client>();
  #heartbeat: ReturnType<typeof setInterval> | null = null;

  get size(): number {
    return this.#clients.size;
  }

  /** Opens a stream: replays `backlog`, then (unless `final` is given) follows live lines. */
  open(backlog: readonly StoredLine[], final: StatusEvent | null): Response {
    const client = new Client((c) => {
      this.#clients.delete(c);
      this.#tick();
    });
    client.write(encoder.encode(`retry: 2000\n: execution logs\n\n`));
    for (const line of backlog) client.write(lineFrame(line));
    if (final) {
      client.write(statusFrame(final));
      client.end();
    } else {
      this.#clients.add(client);
      this.#tick();
    }
    return new Response(client.readable, {
      headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", "x-accel-buffering": "no" },
    });
  }

  line(line: StoredLine): void {
    if (this.#clients.size === 0) return;
    const frame = lineFrame(line);
    for (const c of this.#clients) c.write(frame);
  }

  /** Sends the final status to everyone and ends their streams. */
  finish(status: StatusEvent): void {
    const frame = statusFrame(status);
    for (const c of [...this.#clients]) {
      c.write(frame);
      c.end();
    }
  }

  /** Runs the heartbeat only while someone listens. */
  #tick(): void {
    if (this.#clients.size > 0 && this.#heartbeat === null) {
      this.#heartbeat = setInterval(() => {
        for (const c of this.#clients) c.write(HEARTBEAT);
      }, HEARTBEAT_MS);
    } else if (this.#clients.size === 0 && this.#heartbeat !== null) {
      clearInterval(this.#heartbeat);
      this.#heartbeat = null;
    }
  }
}
