import type { RoomName } from "../../lib/protocol/events";
import type { Frame } from "./frames";
import { Subscriber } from "./subscriber";

const encoder = new TextEncoder();
/**
 * A client with this many bytes written but not yet read is cut off; it reconnects with
 * Last-Event-ID and resumes exactly. A full changelog replay of small patches stays well below.
 */
export const MAX_QUEUED_BYTES = 4 * 1024 * 1024;
/** EventSource reconnect delay the stream asks for, in milliseconds. */
const RETRY_MS = 2000;

/**
 * One SSE response. Frames are `id: <cursor>` (omitted while no version is known),
 * `event: <RoomEvent type>`, `data: <the event's JSON>`; comments are heartbeats.
 */
export class SseSubscriber extends Subscriber {
  readonly readable: ReadableStream<Uint8Array>;
  readonly #writer: WritableStreamDefaultWriter<Uint8Array>;
  readonly #onClose: (sub: SseSubscriber) => void;
  #closed = false;
  /** Chunks pushed, chunks the reader has taken, and `#pushed` at the last liveness check. */
  #pushed = 0;
  #taken = 0;
  #pushedAtLastCheck = 0;

  /** `renderer`: the browser tab's render-ack id, when the stream named one. */
  constructor(
    onClose: (sub: SseSubscriber) => void,
    readonly renderer: string | null = null,
  ) {
    super();
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>(undefined, { highWaterMark: 0, size: (chunk) => chunk.byteLength });
    this.readable = readable;
    this.#writer = writable.getWriter();
    this.#onClose = onClose;
    this.#writer.closed.then(
      () => this.close(),
      () => this.close(),
    );
  }

  /** The opening bytes: reconnect delay, the cursor the client starts from, a comment. */
  open(rooms: readonly RoomName[]): void {
    const cursor = this.cursor();
    this.#push(encoder.encode(`retry: ${RETRY_MS}\n${cursor ? `id: ${cursor}\n` : ""}: following ${rooms.join(",")}\n\n`));
  }

  /**
   * Cuts the stream off if it has not taken what was pushed before the previous check, and says
   * whether it is still open. When a client disconnects mid-stream the runtime can lose the
   * connection between the Worker and this object without cancelling the stream, which is then
   * neither read nor closed; a live client takes every chunk within milliseconds.
   */
  checkAlive(): boolean {
    if (this.#taken < this.#pushedAtLastCheck) {
      this.close();
      return false;
    }
    this.#pushedAtLastCheck = this.#pushed;
    return !this.#closed;
  }

  heartbeat(comment: Uint8Array): void {
    this.#push(comment);
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Ends the stream (idempotent) and tells the hub to forget it. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#writer.abort("closed").catch(() => undefined);
    this.#onClose(this);
  }

  protected write(frame: Frame): void {
    const cursor = this.cursor();
    const head = encoder.encode(`${cursor ? `id: ${cursor}\n` : ""}event: ${frame.type}\n`);
    const data = frame.sseData;
    const bytes = new Uint8Array(head.length + data.length);
    bytes.set(head);
    bytes.set(data, head.length);
    this.#push(bytes);
  }

  #push(bytes: Uint8Array): void {
    if (this.#closed) return;
    const room = this.#writer.desiredSize;
    if (room === null || room < -MAX_QUEUED_BYTES) {
      this.close();
      return;
    }
    this.#pushed++;
    this.#writer.write(bytes).then(
      () => void this.#taken++,
      () => this.close(),
    );
  }
}
