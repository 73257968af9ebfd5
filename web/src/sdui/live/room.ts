/**
 * One room's live data (`plugin:instance`): state in a Solid store updated by JSON patches (only
 * changed paths notify), plus ui.json, bindings.json and styles.css as signals.
 */
import { batch, createSignal } from "solid-js";
import { createStore, produce, reconcile } from "solid-js/store";
import type { JsonValue, PatchOp, RoomEvent } from "../../../../lib/protocol/events";
import { judgeVersion } from "./cursor";
import { applyPatch, PatchError } from "./patch";

export type RoomFiles = { ui: unknown; bindings: unknown; styles: string };

export interface Room {
  name: string;
  plugin: string;
  instance: string;
  state: () => JsonValue;
  version: () => number;
  ui: () => unknown;
  bindings: () => unknown;
  styles: () => string;
  /** Replaces the whole state (first load, too_old, broadcast), keeping unchanged items by id. */
  setFull(state: JsonValue, version: number): void;
  /** Applies one state event; "gap" means versions were missed (reload with ?since=). */
  applyState(ev: { version: number; patch: PatchOp[] }): "applied" | "stale" | "gap";
  applyFile(ev: Extract<RoomEvent, { type: "ui" | "styles" | "bindings" }>): void;
}

export function parseJsonFile(text: string | undefined, fallback: unknown): unknown {
  if (text === undefined || text === "") return fallback;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    return { type: "__invalid__", error: error instanceof Error ? error.message : String(error) };
  }
}

export function createRoom(plugin: string, instance: string, files: RoomFiles): Room {
  const [store, setStore] = createStore<{ s: JsonValue }>({ s: {} });
  const [version, setVersion] = createSignal(-1);
  const [ui, setUi] = createSignal<unknown>(files.ui);
  const [bindings, setBindings] = createSignal<unknown>(files.bindings);
  const [styles, setStyles] = createSignal<string>(files.styles);
  const setFull = (state: JsonValue, v: number) =>
    batch(() => {
      setStore("s", reconcile(state, { key: "id", merge: true }));
      setVersion(v);
    });
  return {
    name: `${plugin}:${instance}`,
    plugin,
    instance,
    state: () => store.s,
    version,
    ui,
    bindings,
    styles,
    setFull,
    applyState(ev) {
      const verdict = judgeVersion(version() < 0 ? undefined : version(), ev.version);
      if (verdict !== "apply") return verdict;
      try {
        batch(() => {
          setStore(
            produce((root) => {
              const next = applyPatch(root.s, ev.patch);
              if (next !== root.s) root.s = next;
            }),
          );
          setVersion(ev.version);
        });
      } catch (error) {
        if (error instanceof PatchError) return "gap";
        throw error;
      }
      return "applied";
    },
    applyFile(ev) {
      if (ev.type === "ui") setUi(typeof ev.value === "string" ? parseJsonFile(ev.value, null) : ev.value);
      else if (ev.type === "bindings") setBindings(typeof ev.value === "string" ? parseJsonFile(ev.value, {}) : ev.value);
      else setStyles(typeof ev.value === "string" ? ev.value : "");
    },
  };
}
