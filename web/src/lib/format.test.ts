import { describe, expect, it } from "vitest";
import { absoluteUrl, formatRelative, identityTypeLabel, initials, sentence } from "./format";

describe("initials", () => {
  it.each([
    ["Ada Lovelace", "AL"],
    ["root", "R"],
    ["release-bot", "RB"],
    ["  ", "?"],
    ["Jean Paul Sartre", "JS"],
  ])("%s → %s", (name, expected) => {
    expect(initials(name)).toBe(expected);
  });
});

describe("formatRelative", () => {
  const now = new Date("2026-01-10T12:00:00Z");
  it("says just now under a minute", () => {
    expect(formatRelative("2026-01-10T11:59:30Z", now)).toBe("just now");
  });
  it("counts the past and the future", () => {
    expect(formatRelative("2026-01-07T12:00:00Z", now)).toBe("3 days ago");
    expect(formatRelative("2026-01-10T14:00:00Z", now)).toBe("in 2 hours");
    expect(formatRelative("2026-02-09T12:00:00Z", now)).toBe("next month");
  });
  it("shows a dash for missing or bad timestamps", () => {
    expect(formatRelative(null, now)).toBe("—");
    expect(formatRelative("not a date", now)).toBe("—");
  });
});

describe("labels", () => {
  it("spells identity types for badges", () => {
    expect([identityTypeLabel("ai"), identityTypeLabel("human"), identityTypeLabel("system")]).toEqual(["AI", "Human", "System"]);
  });
  it("capitalises the first letter of a message", () => {
    expect(sentence("a workspace must keep at least one owner")).toBe("A workspace must keep at least one owner");
    expect(sentence("")).toBe("");
  });
});

describe("absoluteUrl", () => {
  it("resolves a path on the origin and keeps full URLs", () => {
    expect(absoluteUrl("/invite/abc", "http://127.0.0.1:8787")).toBe("http://127.0.0.1:8787/invite/abc");
    expect(absoluteUrl("https://x.example/invite/a", "http://127.0.0.1")).toBe("https://x.example/invite/a");
  });
});
