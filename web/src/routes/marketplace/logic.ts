/** Pure helpers of the marketplace pages (tested without a DOM). */

/** `₹5.00`, `$0.10`, or "Free". Amounts are minor units. */
export function formatPrice(pricing: { model: string; amount: number; currency: string }): string {
  if (pricing.model === "free" || pricing.amount === 0) return "Free";
  const symbol = pricing.currency === "INR" ? "₹" : pricing.currency === "USD" ? "$" : `${pricing.currency} `;
  return `${symbol}${(pricing.amount / 100).toFixed(2)} / run`;
}

export const formatPercent = (x: number | null | undefined) => (x === null || x === undefined ? "—" : `${Math.round(x * 1000) / 10}%`);
export const formatMs = (ms: number | null | undefined) => (ms === null || ms === undefined ? "—" : ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(2)} s`);

/** Parses JSON typed into a textarea: the value, or an error message with its position. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  if (!text.trim()) return { ok: false, message: "empty" };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
}

/** Base64 of bytes, in chunks so large files do not overflow the argument list. */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The code format a file name implies. */
export const codeFormatOf = (name: string): "js" | "tar.gz" => (/\.(tar\.gz|tgz)$/i.test(name) ? "tar.gz" : "js");

/** A fresh Idempotency-Key for one publish attempt (kept across retries of that attempt). */
export const newIdempotencyKey = () => `pub-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

export const FINAL_STATUSES = ["success", "failed", "timeout", "cancelled"] as const;
export const isFinal = (status: string) => (FINAL_STATUSES as readonly string[]).includes(status);

/** Badge class for an execution or agent status. */
export function statusClass(status: string): string {
  if (status === "success" || status === "approved" || status === "active") return "badge-success";
  if (status === "failed" || status === "timeout" || status === "rejected" || status === "suspended") return "badge-danger";
  if (status === "running" || status === "queued") return "badge-accent";
  return "";
}

/** A starting manifest for the publish form. */
export const MANIFEST_TEMPLATE = JSON.stringify(
  {
    name: "My agent",
    slug: "my-agent",
    version: "1.0.0",
    description: "What it does, in a sentence or two.",
    category: "productivity",
    pricing: { model: "free", amount: 0, currency: "INR" },
    runtime: { language: "nodejs", entry: "index.js", timeout_ms: 30000, memory_mb: 128 },
    inputs: { type: "object", properties: { text: { type: "string" } }, required: ["text"] },
    outputs: { type: "object" },
    config: { type: "object" },
    examples: [{ inputs: { text: "hello" } }],
  },
  null,
  2,
);

/** One line of a live log. */
export interface LogLine {
  seq: number;
  stream: "stdout" | "stderr";
  data: string;
}

/** Reads an SSE `stdout`/`stderr` event's data (`{"seq","data"}`); null when malformed. */
export function logLineOf(stream: "stdout" | "stderr", data: string): LogLine | null {
  try {
    const v = JSON.parse(data) as { seq?: unknown; data?: unknown };
    return typeof v.seq === "number" && typeof v.data === "string" ? { seq: v.seq, stream, data: v.data } : null;
  } catch {
    return null;
  }
}
