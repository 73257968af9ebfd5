/**
 * Pure gesture → command mapping for the canvas: picks the first binding of a gesture whose
 * target selector, key/combo and `when` match, and resolves its params with `event.*` in scope.
 */
import type { Binding, Bindings, Gesture } from "../../../../lib/sdui/index.ts";
import { compileTemplate, matchTarget, resolveProps, truthyValue } from "./sdui-bridge";

export interface Target {
  id: string;
  kind: string;
  data: Record<string, unknown> | null;
}

export interface Fired {
  command: string;
  params: Record<string, unknown>;
}

export interface KeyInfo {
  key: string;
  code: string;
  ctrl: boolean;
  shift: boolean;
  alt: boolean;
  meta: boolean;
  repeat: boolean;
}

type KeyBinding = Binding & { key?: string; combo?: string; ctrl?: boolean; shift?: boolean; alt?: boolean; meta?: boolean };

function list<T>(v: T | T[] | undefined): T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Bindings of a gesture (for drag, of one phase). */
export function bindingsFor(bindings: Bindings, gesture: Gesture, phase?: "start" | "move" | "end"): KeyBinding[] {
  if (gesture === "drag") return phase ? list(bindings.drag?.[phase]) : [];
  return list(bindings[gesture] as KeyBinding | KeyBinding[] | undefined);
}

/** Whether a gesture has any binding at all (e.g. to skip work for unbound drag moves). */
export function isBound(bindings: Bindings, gesture: Gesture, phase?: "start" | "move" | "end"): boolean {
  return bindingsFor(bindings, gesture, phase).length > 0;
}

/** The canonical combo text of a key event: "ctrl+shift+z" (modifiers in a fixed order). */
export function comboText(k: KeyInfo): string {
  const mods = [k.ctrl && "ctrl", k.shift && "shift", k.alt && "alt", k.meta && "meta"].filter(Boolean);
  const key = k.key.length === 1 ? k.key.toLowerCase() : k.key;
  return [...mods, key].join("+");
}

/** Matches a binding's combo ("mod" = ctrl, or meta on macOS) against a key event. */
export function comboMatches(combo: string, k: KeyInfo, mac = false): boolean {
  const parts = combo.split("+");
  const key = parts.pop() ?? "";
  const want = { ctrl: false, shift: false, alt: false, meta: false };
  for (const p of parts) {
    if (p === "mod") want[mac ? "meta" : "ctrl"] = true;
    else if (p === "ctrl" || p === "shift" || p === "alt" || p === "meta") want[p] = true;
  }
  const pressed = k.key.length === 1 ? k.key.toLowerCase() : k.key;
  const wanted = key.length === 1 ? key.toLowerCase() : key;
  return pressed === wanted && want.ctrl === k.ctrl && want.shift === k.shift && want.alt === k.alt && want.meta === k.meta;
}

function keyMatches(b: KeyBinding, k: KeyInfo): boolean {
  if (b.key !== k.key && !(b.key?.length === 1 && b.key.toLowerCase() === k.key.toLowerCase())) return false;
  for (const m of ["ctrl", "shift", "alt", "meta"] as const) if (b[m] !== undefined && b[m] !== k[m]) return false;
  return true;
}

/**
 * The command a gesture fires, or null. `event` holds the gesture's variables
 * (see GESTURES in lib/sdui); `target` is null on the background.
 */
export function fire(
  bindings: Bindings,
  gesture: Gesture,
  target: Target | null,
  event: Record<string, unknown>,
  state: unknown,
  options: { phase?: "start" | "move" | "end"; key?: KeyInfo; mac?: boolean } = {},
): Fired | null {
  for (const b of bindingsFor(bindings, gesture, options.phase)) {
    if (gesture !== "key_press" && gesture !== "key_combo" && !matchTarget(b.target, target && { id: target.id, kind: target.kind })) continue;
    if (gesture === "key_press" && (!options.key || !keyMatches(b, options.key))) continue;
    if (gesture === "key_combo" && (!options.key || !b.combo || !comboMatches(b.combo, options.key, options.mac))) continue;
    const scopeEvent = gesture === "key_combo" && b.combo ? { ...event, combo: b.combo } : event;
    const scope = { state, event: scopeEvent };
    if (b.when !== undefined) {
      const c = compileTemplate(b.when);
      const w = c.ok ? c.template.evaluate(scope) : null;
      if (!w?.ok || !truthyValue(w.value)) continue;
    }
    const { props } = resolveProps(b.params ?? {}, scope);
    return { command: b.command, params: props };
  }
  return null;
}

/** The variables every pointer gesture shares. */
export function pointerVars(x: number, y: number, target: Target | null, mods: { ctrl: boolean; shift: boolean; alt: boolean; meta: boolean }): Record<string, unknown> {
  return {
    x: Math.round(x * 100) / 100,
    y: Math.round(y * 100) / 100,
    target_id: target?.id ?? null,
    target_type: target?.kind ?? "background",
    target_data: target?.data ?? null,
    ...mods,
  };
}
