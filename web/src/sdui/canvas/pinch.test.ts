import { describe, expect, it } from "vitest";
import { PinchTracker } from "./pinch";

describe("PinchTracker", () => {
  it("starts on the second touch, scales by the distance ratio around the midpoint, ends when one lifts", () => {
    const p = new PinchTracker();
    expect(p.down(1, { x: 100, y: 100 })).toBeNull();
    expect(p.active).toBe(false);
    expect(p.down(2, { x: 200, y: 100 })).toEqual({ phase: "start", scale: 1, x: 150, y: 100 });
    expect(p.move(2, { x: 300, y: 100 })).toEqual({ phase: "move", scale: 2, x: 200, y: 100 });
    expect(p.move(1, { x: 250, y: 100 })).toEqual({ phase: "move", scale: 0.5, x: 275, y: 100 });
    expect(p.up(1)).toEqual({ phase: "end", scale: 0.5, x: 275, y: 100 });
    expect(p.active).toBe(false);
    expect(p.move(2, { x: 0, y: 0 })).toBeNull();
    expect(p.up(2)).toBeNull();
  });

  it("ignores a third finger and pointers it never saw go down", () => {
    const p = new PinchTracker();
    p.down(1, { x: 0, y: 0 });
    p.down(2, { x: 0, y: 10 });
    expect(p.down(3, { x: 50, y: 50 })).toBeNull();
    expect(p.move(3, { x: 60, y: 60 })).toBeNull();
    expect(p.move(9, { x: 60, y: 60 })).toBeNull();
    expect(p.up(3)).toBeNull();
    expect(p.move(1, { x: 0, y: -10 })?.scale).toBe(2);
  });

  it("starts a new pinch after the old one ended and both lifted", () => {
    const p = new PinchTracker();
    p.down(1, { x: 0, y: 0 });
    p.down(2, { x: 10, y: 0 });
    p.up(2);
    p.up(1);
    p.down(3, { x: 0, y: 0 });
    expect(p.down(4, { x: 0, y: 40 })?.phase).toBe("start");
    expect(p.move(4, { x: 0, y: 80 })?.scale).toBe(2);
  });
});
