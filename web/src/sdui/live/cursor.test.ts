import { describe, expect, it } from "vitest";
import { backoff, eventsUrl, formatCursor, judgeVersion, parseCursor } from "./cursor";

describe("resume cursor", () => {
  it("formats versions sorted by room and parses them back", () => {
    const c = formatCursor(new Map([["pe:main", 3], ["graphist:main", 12]]));
    expect(c).toBe("graphist:main=12,pe:main=3");
    expect([...parseCursor(c)]).toEqual([["graphist:main", 12], ["pe:main", 3]]);
  });

  it("skips malformed parts of a cursor", () => {
    expect([...parseCursor("a:main=1,bad,b:x=-1,c:y=2.5,d:z=4")]).toEqual([["a:main", 1], ["d:z", 4]]);
  });

  it("applies the next version, drops replays and reports gaps", () => {
    expect(judgeVersion(4, 5)).toBe("apply");
    expect(judgeVersion(4, 4)).toBe("stale");
    expect(judgeVersion(4, 2)).toBe("stale");
    expect(judgeVersion(4, 7)).toBe("gap");
    expect(judgeVersion(undefined, 1)).toBe("gap");
  });

  it("builds one multiplexed URL with since cursors for the rooms it follows", () => {
    const url = eventsUrl("ws 1", ["pe:main", "graphist:main"], new Map([["graphist:main", 12], ["other:main", 9]]));
    expect(url).toBe("/api/w/ws%201/events?rooms=graphist%3Amain%2Cpe%3Amain&since=graphist%3Amain%3D12");
    expect(eventsUrl("w", ["a:main"], new Map())).toBe("/api/w/w/events?rooms=a%3Amain");
    expect(eventsUrl("w", ["a:main"], new Map(), "tab_1234-x")).toBe("/api/w/w/events?rooms=a%3Amain&client=tab_1234-x");
  });

  it("backs off exponentially up to 5 s", () => {
    expect(backoff(0, () => 0)).toBe(250);
    expect(backoff(2, () => 0)).toBe(1000);
    expect(backoff(20, () => 0)).toBe(5000);
    expect(backoff(20, () => 1)).toBe(4000);
  });
});
