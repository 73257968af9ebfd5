/**
 * The continuous feeds behind `pe.console` and `pe.mutations`: console calls (wrapped, the
 * originals still run) and uncaught errors, and DOM mutations inside plugin panels summarised
 * per element, posted in batches (see `Batcher`) to `/perception/console` and `/mutations`.
 * Posting never logs, and lines logged while capturing are not captured again.
 */
import { Batcher } from "./batcher";
import { isOwnUi, pathBuilder } from "./dom";
import { callerOf, cap, formatArgs, SOURCE_MAX } from "./format";
import { IdleQueue, idleSchedule } from "./idle-queue";

type Level = "debug" | "log" | "info" | "warn" | "error";
export interface ConsoleEntry {
  at: string;
  level: Level;
  message: string;
  source: string;
}
export interface MutationEntry {
  at: string;
  target: string;
  kind: MutationRecordType;
  detail: string;
}

const LEVELS: Level[] = ["debug", "log", "info", "warn", "error"];

/** Starts both feeds; `post` sends one batch body to a path under `/api/w/:ws/perception/`. */
export function startFeeds(post: (path: "console" | "mutations", body: unknown) => Promise<unknown>, client: string): () => void {
  const lines = new Batcher<ConsoleEntry>({ send: (entries) => post("console", { client, entries }) });
  const changes = new Batcher<MutationEntry>({ send: (entries) => post("mutations", { client, entries }) });
  const stopConsole = captureConsole((e) => lines.push(e));
  // Summarised at idle time, not in the frame that changed the DOM; a tween of a thousand
  // shapes changes a thousand elements a frame, so only what fits the batcher is built.
  const idle = new IdleQueue<MutationRecord>((batches) => {
    for (const records of batches) if (changes.room > 0) summarise(records, changes.room).forEach((e) => changes.push(e));
  }, idleSchedule());
  const observer = new MutationObserver((records) => {
    if (changes.room > 0) idle.push(records);
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  return () => {
    stopConsole();
    observer.disconnect();
    idle.stop();
    void lines.flush();
    void changes.flush();
  };
}

function captureConsole(push: (e: ConsoleEntry) => void): () => void {
  const originals = new Map<Level, (...args: unknown[]) => void>();
  let inside = false;
  const record = (level: Level, message: string, source: string) => {
    if (inside) return;
    inside = true;
    try {
      push({ at: new Date().toISOString(), level, message, source: cap(source, SOURCE_MAX) });
    } finally {
      inside = false;
    }
  };
  for (const level of LEVELS) {
    const original = console[level] as (...args: unknown[]) => void;
    originals.set(level, original);
    console[level] = function captured(...args: unknown[]) {
      original.apply(console, args);
      if (!inside) record(level, formatArgs(args), callerOf(new Error().stack, 1));
    };
  }
  const onError = (e: ErrorEvent) => record("error", formatArgs([`Uncaught ${e.message}`]), e.filename ? `${e.filename}:${e.lineno}:${e.colno}` : "");
  const onRejection = (e: PromiseRejectionEvent) => record("error", formatArgs(["Unhandled rejection:", e.reason]), "");
  window.addEventListener("error", onError);
  window.addEventListener("unhandledrejection", onRejection);
  return () => {
    for (const [level, original] of originals) console[level] = original;
    window.removeEventListener("error", onError);
    window.removeEventListener("unhandledrejection", onRejection);
  };
}

const names = (nodes: NodeList) => [...nodes].map((n) => (n instanceof Element ? n.localName : n.nodeType === Node.TEXT_NODE ? "#text" : n.nodeName)).slice(0, 8).join(", ");

/** One entry per (element, kind) of a mutation callback, only inside plugin panels; at most `limit`. */
function summarise(records: MutationRecord[], limit: number): MutationEntry[] {
  const at = new Date().toISOString();
  const groups = new Map<Node, Map<MutationRecordType, string[]>>();
  for (const r of records) {
    const el = r.target instanceof Element ? r.target : r.target.parentElement;
    if (!el || (!groups.has(el) && groups.size >= limit) || !el.closest("[data-plugin]") || isOwnUi(el)) continue;
    const byKind = groups.get(el) ?? new Map<MutationRecordType, string[]>();
    groups.set(el, byKind);
    const details = byKind.get(r.type) ?? [];
    byKind.set(r.type, details);
    if (r.type === "attributes" && r.attributeName) {
      const v = el.getAttribute(r.attributeName);
      details.push(v === null ? `-${r.attributeName}` : `${r.attributeName}=${JSON.stringify(cap(v, 80))}`);
    } else if (r.type === "characterData") {
      details.push(JSON.stringify(cap(r.target.textContent ?? "", 200)));
    } else if (r.type === "childList") {
      if (r.addedNodes.length) details.push(`+${r.addedNodes.length} (${names(r.addedNodes)})`);
      if (r.removedNodes.length) details.push(`-${r.removedNodes.length} (${names(r.removedNodes)})`);
    }
  }
  const out: MutationEntry[] = [];
  const pathOf = pathBuilder();
  for (const [el, byKind] of groups) {
    if (!(el instanceof Element) || !el.isConnected) continue;
    const target = cap(pathOf(el), 500);
    for (const [kind, details] of byKind) if (out.length < limit) out.push({ at, target, kind, detail: cap([...new Set(details)].join("; "), 2000) });
  }
  return out;
}
