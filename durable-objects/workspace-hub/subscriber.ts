import type { RoomName } from "../../lib/protocol/events";
import type { Frame } from "./frames";
import { formatCursor } from "./rooms";

/** A catch-up in progress for one room of one subscriber; live frames wait in `buffer`. */
export interface CatchUp {
  readonly room: RoomName;
  readonly buffer: Frame[];
}

/**
 * One client stream (an SSE response or a WebSocket) and what it follows: per room the last state
 * version it holds (`null` while unknown). Delivery is in publish order per room; a `state` frame
 * at or below the held version is a duplicate and is dropped, so replay and live fanout can
 * overlap without the client seeing anything twice. `full_state` always goes out (a room may
 * broadcast it at the version of the state event just sent) and sets the cursor to its version.
 */
export abstract class Subscriber {
  readonly versions = new Map<RoomName, number | null>();
  readonly #catchUps = new Map<RoomName, CatchUp>();

  /** Hands a live frame over: buffered while its room catches up, else written if fresh. */
  deliver(frame: Frame): void {
    const catchUp = this.#catchUps.get(frame.room);
    if (catchUp) catchUp.buffer.push(frame);
    else this.#writeIfFresh(frame);
  }

  catchingUp(room: RoomName): boolean {
    return this.#catchUps.has(room);
  }

  /** Starts buffering a room's live frames until `endCatchUp` with the returned token. */
  beginCatchUp(room: RoomName): CatchUp {
    const catchUp: CatchUp = { room, buffer: [] };
    this.#catchUps.set(room, catchUp);
    return catchUp;
  }

  /**
   * Sends the replayed frames, sets the cursor to `version` (the room's version the replay
   * reaches, when known), then the buffered live frames that the replay did not already cover.
   * A token superseded by a newer catch-up (or an unfollow) is ignored.
   */
  endCatchUp(token: CatchUp, replay: Frame[], version: number | undefined): void {
    if (this.#catchUps.get(token.room) !== token) return;
    this.#catchUps.delete(token.room);
    for (const frame of replay) this.#writeIfFresh(frame);
    if (version !== undefined && this.versions.has(token.room)) {
      this.versions.set(token.room, version);
      this.changed();
    }
    const replayed = new Set(replay.map((f) => f.key));
    for (const frame of token.buffer) {
      const covered = version !== undefined && frame.advancesCursor && frame.version !== undefined && frame.version <= version;
      const key = frame.key;
      if (!covered && (key === undefined || !replayed.has(key))) this.#writeIfFresh(frame);
    }
  }

  /** Adds a room (or resets its held version when `since` is given). */
  follow(room: RoomName, since: number | undefined): void {
    if (since !== undefined) this.versions.set(room, since);
    else if (!this.versions.has(room)) this.versions.set(room, null);
    this.changed();
  }

  /** Keeps following a room but forgets its held version (the room started over). */
  forgetVersion(room: RoomName): void {
    if (!this.versions.has(room) || this.#catchUps.has(room)) return;
    this.versions.set(room, null);
    this.changed();
  }

  unfollow(room: RoomName): void {
    this.versions.delete(room);
    this.#catchUps.delete(room);
    this.changed();
  }

  /** The resume cursor: `room=version,...` for rooms whose version is known. */
  cursor(): string {
    return formatCursor(this.versions);
  }

  /** Writes one frame to the client; must not throw and must not wait. */
  protected abstract write(frame: Frame): void;

  /** Called when the follow set or a held version changes (the WebSocket persists it). */
  protected changed(): void {}

  #writeIfFresh(frame: Frame): void {
    if (!this.versions.has(frame.room)) return;
    if (frame.advancesCursor && frame.version !== undefined) {
      const held = this.versions.get(frame.room) ?? null;
      if (frame.type === "state" && held !== null && frame.version <= held) return;
      // A full state replaces whatever the client held, so its version is the new cursor.
      if (held !== frame.version) {
        this.versions.set(frame.room, frame.version);
        this.changed();
      }
    }
    this.write(frame);
  }
}
