import { describe, expect, it } from "vitest";
import type { RoomEvent } from "../../lib/protocol/events";
import { Frame } from "./frames";
import { Subscriber } from "./subscriber";

/** A subscriber whose client is an array: what it would have received, in order. */
class Recorder extends Subscriber {
  readonly seen: string[] = [];
  protected write(frame: Frame): void {
    this.seen.push(`${frame.type}@${frame.version ?? "-"}`);
  }
}

const state = (version: number): Frame =>
  new Frame({ type: "state", room: "gr:main", version, dispatch_id: version, batch_id: "b", source: "t", patch: [], rendering: "progressive" });
const ui = (version: number): Frame => new Frame({ type: "ui", room: "gr:main", version, value: null });
const toast = (): Frame => new Frame({ type: "toast", room: "gr:main", message: "m", level: "info" } satisfies RoomEvent);

describe("Subscriber", () => {
  it("drops state at or below the held version and advances the cursor", () => {
    const sub = new Recorder();
    sub.follow("gr:main", 2);
    for (const f of [state(1), state(2), state(3), toast(), state(3), state(4)]) sub.deliver(f);
    expect(sub.seen).toEqual(["state@3", "toast@-", "state@4"]);
    expect(sub.cursor()).toBe("gr:main=4");
  });

  it("sends a replay before buffered live frames, without duplicates or gaps", () => {
    const sub = new Recorder();
    sub.follow("gr:main", 2);
    const token = sub.beginCatchUp("gr:main");
    for (const f of [state(4), ui(4), toast(), state(5)]) sub.deliver(f);
    expect(sub.seen).toEqual([]);
    sub.endCatchUp(token, [state(3), state(4)], 4);
    expect(sub.seen).toEqual(["state@3", "state@4", "ui@4", "toast@-", "state@5"]);
    expect(sub.cursor()).toBe("gr:main=5");
  });

  it("does not resend a meta event the replay already carried", () => {
    const sub = new Recorder();
    sub.follow("gr:main", 2);
    const token = sub.beginCatchUp("gr:main");
    sub.deliver(ui(3));
    sub.endCatchUp(token, [state(3), ui(3)], 3);
    expect(sub.seen).toEqual(["state@3", "ui@3"]);
  });

  it("ignores a catch-up superseded by an unfollow", () => {
    const sub = new Recorder();
    sub.follow("gr:main", 2);
    const token = sub.beginCatchUp("gr:main");
    sub.deliver(state(4));
    sub.unfollow("gr:main");
    sub.endCatchUp(token, [state(3)], 3);
    expect(sub.seen).toEqual([]);
    expect(sub.cursor()).toBe("");
  });

  it("moves the cursor to a full-state answer and drops older live state", () => {
    const sub = new Recorder();
    sub.follow("gr:main", 1);
    const token = sub.beginCatchUp("gr:main");
    sub.deliver(state(9));
    sub.deliver(state(10));
    sub.endCatchUp(token, [new Frame({ type: "full_state", room: "gr:main", version: 9, state: {}, reason: "too_old" })], 9);
    expect(sub.seen).toEqual(["full_state@9", "state@10"]);
  });

  it("lets a full state reset a cursor that was ahead of the room", () => {
    const sub = new Recorder();
    sub.follow("gr:main", 99);
    const token = sub.beginCatchUp("gr:main");
    sub.endCatchUp(token, [new Frame({ type: "full_state", room: "gr:main", version: 2, state: {}, reason: "too_old" })], 2);
    sub.deliver(state(3));
    expect(sub.seen).toEqual(["full_state@2", "state@3"]);
    expect(sub.cursor()).toBe("gr:main=3");
  });

  it("drops a buffered broadcast full_state the replay already covered", () => {
    const sub = new Recorder();
    sub.follow("gr:main", 1);
    const token = sub.beginCatchUp("gr:main");
    sub.deliver(new Frame({ type: "full_state", room: "gr:main", version: 2, state: {}, reason: "broadcast" }));
    sub.deliver(state(3));
    sub.endCatchUp(token, [state(2), state(3)], 3);
    expect(sub.seen).toEqual(["state@2", "state@3"]);
  });

  it("accepts low versions again after forgetting the held one", () => {
    const sub = new Recorder();
    sub.follow("gr:main", 7);
    sub.forgetVersion("gr:main");
    sub.deliver(state(1));
    expect(sub.seen).toEqual(["state@1"]);
    expect(sub.cursor()).toBe("gr:main=1");
  });
});
