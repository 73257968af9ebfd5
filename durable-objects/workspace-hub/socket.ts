import type { RoomName } from "../../lib/protocol/events";
import type { Frame, HubFrame } from "./frames";
import { Subscriber } from "./subscriber";

/**
 * What a hibernatable WebSocket remembers across hibernation: its workspace and, per followed
 * room, the last state version sent to it (`null` while unknown).
 */
export interface SocketAttachment {
  workspace: string;
  rooms: Record<RoomName, number | null>;
}

/**
 * Largest attachment (as JSON characters) we store. workerd refuses attachments over 16,384
 * bytes; 50 rooms of the longest names take about 5,700, so this only guards against drift.
 */
export const ATTACHMENT_BUDGET = 8_000;

/**
 * One hibernatable WebSocket. Its follow set and versions live in the socket attachment, written
 * once per fanout pass (`persist`) rather than once per frame.
 */
export class SocketSubscriber extends Subscriber {
  readonly socket: WebSocket;
  readonly workspace: string;
  #dirty = false;

  constructor(socket: WebSocket, workspace: string) {
    super();
    this.socket = socket;
    this.workspace = workspace;
  }

  /** Rebuilds a subscriber from its attachment after the hub woke from hibernation. */
  static restore(socket: WebSocket): SocketSubscriber | undefined {
    const saved = socket.deserializeAttachment() as SocketAttachment | null;
    if (!saved || typeof saved.workspace !== "string") return undefined;
    const sub = new SocketSubscriber(socket, saved.workspace);
    for (const [room, version] of Object.entries(saved.rooms)) sub.versions.set(room, version);
    return sub;
  }

  attachment(): SocketAttachment {
    return { workspace: this.workspace, rooms: Object.fromEntries(this.versions) };
  }

  /** Writes the attachment if anything changed since the last write. */
  persist(): void {
    if (!this.#dirty) return;
    this.#dirty = false;
    try {
      this.socket.serializeAttachment(this.attachment());
    } catch {
      /* the socket is closing; webSocketClose forgets it */
    }
  }

  control(frame: HubFrame): void {
    this.#send(JSON.stringify(frame));
  }

  protected write(frame: Frame): void {
    this.#send(frame.json);
  }

  protected override changed(): void {
    this.#dirty = true;
  }

  #send(text: string): void {
    try {
      this.socket.send(text);
    } catch {
      /* closed or closing; webSocketClose forgets it */
    }
  }
}
