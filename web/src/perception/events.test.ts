import { describe, expect, it } from "vitest";
import { isPerceptionEvent } from "./events";

describe("isPerceptionEvent", () => {
  it("takes the perception events and the protocol's target_rect", () => {
    expect(isPerceptionEvent({ type: "perception_query" })).toBe(true);
    expect(isPerceptionEvent({ type: "perception_invalidate" })).toBe(true);
    expect(isPerceptionEvent({ type: "perception_active" })).toBe(true);
    const rect = { type: "target_rect", room: "pe:main", rect: { x: 0, y: 0, width: 1, height: 1 }, plugin: null, surface: "pe.view", agent: { id: "a", name: "A" } };
    expect(isPerceptionEvent(rect)).toBe(true);
  });

  it("leaves room events and the older presence shape to the hub", () => {
    expect(isPerceptionEvent({ type: "state" })).toBe(false);
    expect(isPerceptionEvent({ type: "target_rect", room: "graphist:main", target: "n1" } as { type: string })).toBe(false);
  });
});
