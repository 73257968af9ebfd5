/**
 * Per-room version bookkeeping for the multiplexed stream: the resume cursor
 * (`graphist:main=12,pe:main=3`) and what to do with each incoming state event.
 */

/** Formats known versions as the `since` / Last-Event-ID cursor (rooms sorted for stability). */
export function formatCursor(versions: ReadonlyMap<string, number>): string {
  return [...versions.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([room, v]) => `${room}=${v}`)
    .join(",");
}

/** Parses a cursor; malformed parts are skipped. */
export function parseCursor(cursor: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const part of cursor.split(",")) {
    const eq = part.lastIndexOf("=");
    if (eq <= 0) continue;
    const v = Number(part.slice(eq + 1));
    if (Number.isInteger(v) && v >= 0) out.set(part.slice(0, eq), v);
  }
  return out;
}

/** "apply": the next version; "stale": already seen (a replay overlap); "gap": versions were missed. */
export type Verdict = "apply" | "stale" | "gap";

export function judgeVersion(known: number | undefined, incoming: number): Verdict {
  if (known === undefined) return "gap";
  if (incoming <= known) return "stale";
  return incoming === known + 1 ? "apply" : "gap";
}

/** The events URL for a set of rooms, resuming from their known versions, naming the tab (`client`). */
export function eventsUrl(ws: string, rooms: readonly string[], versions: ReadonlyMap<string, number>, client?: string): string {
  const known = new Map([...versions].filter(([room]) => rooms.includes(room)));
  const since = formatCursor(known);
  const q = `rooms=${encodeURIComponent([...rooms].sort().join(","))}`;
  return `/api/w/${encodeURIComponent(ws)}/events?${q}${since ? `&since=${encodeURIComponent(since)}` : ""}${client ? `&client=${encodeURIComponent(client)}` : ""}`;
}

/** Next reconnect delay: exponential from 250 ms, capped at 5 s, with up to 20 % jitter. */
export function backoff(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(5000, 250 * 2 ** Math.min(attempt, 10));
  return Math.round(base * (1 - 0.2 * random()));
}
