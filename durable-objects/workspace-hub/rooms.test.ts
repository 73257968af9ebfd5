import { describe, expect, it } from "vitest";
import { parseClientMessage } from "./messages";
import { formatCursor, hubUrl, parseCursor, parseRoomList, parseRooms } from "./rooms";

describe("room names", () => {
  it("accepts plugin:instance names and drops repeats in order", () => {
    expect(parseRoomList("graphist:main,pe:doc-1.v2,graphist:main")).toEqual({ ok: true, value: ["graphist:main", "pe:doc-1.v2"] });
    expect(parseRoomList(undefined)).toEqual({ ok: true, value: [] });
  });

  it("refuses upper-case plugins, missing instances, slashes and more than 50 rooms", () => {
    for (const bad of ["Graphist:main", "graphist", "g:main", "graphist:", "graphist:a/b", `graphist:${"x".repeat(65)}`]) {
      expect(parseRoomList(bad).ok, bad).toBe(false);
    }
    expect(parseRooms(Array.from({ length: 51 }, (_, i) => `app${i}:main`)).ok).toBe(false);
    expect(parseRooms([42]).ok).toBe(false);
  });
});

describe("cursor", () => {
  it("round-trips room=version pairs and skips unknown versions", () => {
    const parsed = parseCursor("graphist:main=12,pe:main=3");
    expect(parsed).toEqual({ ok: true, value: new Map([["graphist:main", 12], ["pe:main", 3]]) });
    expect(formatCursor([["graphist:main", 12], ["x:y", null], ["pe:main", 3]])).toBe("graphist:main=12,pe:main=3");
    expect(parseCursor("")).toEqual({ ok: true, value: new Map() });
  });

  it("refuses malformed entries", () => {
    for (const bad of ["graphist:main", "graphist:main=", "graphist:main=-1", "graphist:main=1.5", "bad=1", "graphist:main=1,"]) {
      expect(parseCursor(bad).ok, bad).toBe(false);
    }
  });

  it("builds the hub URL with rooms and the cursor", () => {
    const url = new URL(hubUrl("events", ["graphist:main", "pe:main"], new Map([["pe:main", 3]])));
    expect(url.pathname).toBe("/events");
    expect(url.searchParams.get("rooms")).toBe("graphist:main,pe:main");
    expect(url.searchParams.get("since")).toBe("pe:main=3");
  });
});

describe("client messages", () => {
  it("parses follow with since (for followed rooms only) and unfollow", () => {
    expect(parseClientMessage(JSON.stringify({ type: "follow", rooms: ["graphist:main"], since: { "graphist:main": 12, "pe:main": 1 } }))).toEqual({
      ok: true,
      value: { type: "follow", rooms: ["graphist:main"], since: new Map([["graphist:main", 12]]) },
    });
    expect(parseClientMessage('{"type":"unfollow","rooms":["pe:main"]}')).toEqual({ ok: true, value: { type: "unfollow", rooms: ["pe:main"] } });
  });

  it("refuses binary frames, bad JSON, unknown types and bad versions", () => {
    const bad = [new ArrayBuffer(2), "{", "[]", '{"type":"subscribe","rooms":[]}', '{"type":"follow"}', '{"type":"follow","rooms":["graphist:main"],"since":{"graphist:main":-1}}'];
    for (const message of bad) expect(parseClientMessage(message).ok).toBe(false);
  });
});
