/** Display helpers; pure, so they are tested without a DOM. */

/** Up to two initials from a name: "Ada Lovelace" → "AL", "root" → "R". */
export function initials(name: string): string {
  const words = name.trim().split(/[\s._@-]+/).filter(Boolean);
  if (words.length === 0) return "?";
  const first = words[0] ?? "";
  const last = words.length > 1 ? (words[words.length - 1] ?? "") : "";
  return (first.slice(0, 1) + last.slice(0, 1)).toUpperCase();
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/**
 * A relative time like "3 days ago" or "in 2 hours"; "just now" under a minute;
 * "—" for a missing or unreadable timestamp.
 */
export function formatRelative(iso: string | null | undefined, now: Date = new Date(), locale = "en"): string {
  if (!iso) return "—";
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return "—";
  const seconds = Math.round((time - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return "just now";
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  for (const [unit, size] of UNITS) {
    if (abs >= size) return format.format(Math.round(seconds / size), unit);
  }
  return "just now";
}

/** How an identity type reads in a badge. */
export function identityTypeLabel(type: string): string {
  if (type === "ai") return "AI";
  return type.slice(0, 1).toUpperCase() + type.slice(1);
}

/** Starts a server message with a capital letter ("a workspace must…" → "A workspace must…"). */
export function sentence(message: string): string {
  return message.slice(0, 1).toUpperCase() + message.slice(1);
}

/** A full local date and time for a tooltip; empty for a missing timestamp. */
export function formatFull(iso: string | null | undefined, locale?: string): string {
  if (!iso) return "";
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return "";
  return new Date(time).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
}

/** An absolute URL for a path on this origin (accept links are paths). */
export function absoluteUrl(pathOrUrl: string, origin: string): string {
  try {
    return new URL(pathOrUrl, origin).toString();
  } catch {
    return pathOrUrl;
  }
}
