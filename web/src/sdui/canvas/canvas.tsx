import { createMemo, createSignal, Show } from "solid-js";
import type { Bindings, Gesture, Scene } from "../../../../lib/sdui/index.ts";
import type { CompProps } from "../render/context";
import { bool, cls, num, str } from "../render/context";
import type { KeyInfo, Target } from "./gesture-map";
import { fire, isBound, pointerVars } from "./gesture-map";
import type { PinchEvent } from "./pinch";
import { PinchTracker } from "./pinch";
import { findElement, SceneElements } from "./scene";

const DRAG_THRESHOLD = 4;
const LONG_PRESS_MS = 500;
const MAC = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

interface Press {
  id: number;
  el: SVGElement | null;
  target: Target | null;
  startX: number;
  startY: number;
  lastX: number;
  lastY: number;
  dragging: boolean;
  longPressed: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
  at: number;
  transform: string | null;
}

/** The canvas: the scene graph as SVG, gestures mapped to commands through bindings.json. */
export function Canvas(c: CompProps) {
  let svg: SVGSVGElement | undefined;
  const scene = () => {
    const s = c.p().scene;
    return (typeof s === "object" && s !== null && !Array.isArray(s) ? s : { elements: [] }) as unknown as Scene;
  };
  const [zoom, setZoom] = createSignal<[number, number, number, number] | null>(null);
  const viewBox = () => {
    const z = zoom();
    return z ? z.join(" ") : str(c.p().viewBox, "0 0 800 600");
  };
  const [localSel, setLocalSel] = createSignal<string[]>([]);
  const selection = createMemo(() => new Set([...(Array.isArray(c.p().selection) ? (c.p().selection as unknown[]).map((x) => str(x as string)) : []), ...localSel()]));
  const selected = (id: string) => selection().has(id);
  const bindings = () => (c.ctx.bindings() ?? {}) as Bindings;
  let press: Press | null = null;
  let hovered: Target | null = null;

  const toScene = (clientX: number, clientY: number): [number, number] => {
    const m = svg?.getScreenCTM();
    if (!svg || !m) return [clientX, clientY];
    const p = new DOMPoint(clientX, clientY).matrixTransform(m.inverse());
    return [p.x, p.y];
  };
  const targetOf = (node: EventTarget | null): { el: SVGElement; target: Target } | null => {
    const el = node instanceof Element ? node.closest<SVGElement>("[data-kind]") : null;
    if (!el || !svg?.contains(el)) return null;
    const id = el.getAttribute("data-id") ?? "";
    const found = findElement(scene().elements, id);
    const data = found?.data && typeof found.data === "object" ? (JSON.parse(JSON.stringify(found.data)) as Record<string, unknown>) : null;
    return { el, target: { id, kind: el.getAttribute("data-kind") ?? "", data } };
  };
  const mods = (e: MouseEvent | KeyboardEvent) => ({ ctrl: e.ctrlKey, shift: e.shiftKey, alt: e.altKey, meta: e.metaKey });
  const run = (gesture: Gesture, target: Target | null, vars: Record<string, unknown>, options: Parameters<typeof fire>[5] = {}): Promise<void> | null => {
    const f = fire(bindings(), gesture, target, vars, c.ctx.state(), { mac: MAC, ...options });
    return f ? c.ctx.dispatch(f.command, f.params) : null;
  };

  const onPointerDown = (e: PointerEvent) => {
    if (e.pointerType === "touch" && onTouchDown(e)) return;
    if (e.button !== 0 || !svg) return;
    svg.focus({ preventScroll: true });
    const hit = targetOf(e.target);
    const [x, y] = toScene(e.clientX, e.clientY);
    press = { id: e.pointerId, el: hit?.el ?? null, target: hit?.target ?? null, startX: x, startY: y, lastX: x, lastY: y, dragging: false, longPressed: false, timer: undefined, at: performance.now(), transform: hit?.el.getAttribute("transform") ?? null };
    svg.setPointerCapture(e.pointerId);
    if (isBound(bindings(), "long_press")) {
      const p = press;
      p.timer = setTimeout(() => {
        if (press !== p || p.dragging) return;
        p.longPressed = true;
        void run("long_press", p.target, { ...pointerVars(p.startX, p.startY, p.target, mods(e)), duration_ms: LONG_PRESS_MS });
      }, LONG_PRESS_MS);
    }
  };

  const dragVars = (p: Press, x: number, y: number, phase: string, e: PointerEvent) => ({
    ...pointerVars(x, y, p.target, mods(e)),
    phase,
    start_x: p.startX,
    start_y: p.startY,
    delta_x: x - p.lastX,
    delta_y: y - p.lastY,
  });

  let moveInFlight = false;
  const onPointerMove = (e: PointerEvent) => {
    if (e.pointerType === "touch" && pinch.active) return onTouchMove(e);
    const p = press;
    if (!p || p.id !== e.pointerId) return onHover(e);
    const [x, y] = toScene(e.clientX, e.clientY);
    if (!p.dragging) {
      const m = svg?.getScreenCTM();
      const scale = m ? Math.hypot(m.a, m.b) : 1;
      if (Math.hypot(x - p.startX, y - p.startY) * scale < DRAG_THRESHOLD) return;
      p.dragging = true;
      clearTimeout(p.timer);
      void run("drag", p.target, dragVars(p, x, y, "start", e), { phase: "start" });
    }
    if (p.el && p.target) {
      const dx = x - p.startX;
      const dy = y - p.startY;
      p.el.setAttribute("transform", `translate(${dx} ${dy})${p.transform ? ` ${p.transform}` : ""}`);
    }
    if (!moveInFlight && isBound(bindings(), "drag", "move")) {
      const sent = run("drag", p.target, dragVars(p, x, y, "move", e), { phase: "move" });
      if (sent) {
        moveInFlight = true;
        void sent.finally(() => (moveInFlight = false));
      }
    }
    p.lastX = x;
    p.lastY = y;
  };

  /** Gives the dragged element back the transform it had before the drag offset it. */
  const dropOffset = (p: Press) => {
    if (!p.el) return;
    if (p.transform === null) p.el.removeAttribute("transform");
    else p.el.setAttribute("transform", p.transform);
  };

  const onPointerUp = (e: PointerEvent) => {
    if (e.pointerType === "touch" && onTouchUp(e)) return;
    const p = press;
    if (!p || p.id !== e.pointerId) return;
    press = null;
    clearTimeout(p.timer);
    const [x, y] = toScene(e.clientX, e.clientY);
    if (p.dragging) {
      const sent = run("drag", p.target, dragVars(p, x, y, "end", e), { phase: "end" });
      const restore = () => {
        // A transition started by the move's state change lands at once: the offset is gone too.
        for (const a of p.el?.getAnimations() ?? []) if (a.id.startsWith("sd-transition:")) a.finish();
        dropOffset(p);
      };
      if (sent) void sent.finally(restore);
      else restore();
      return;
    }
    if (p.longPressed) return;
    const vars = { ...pointerVars(x, y, p.target, mods(e)), button: e.button };
    void run("click", p.target, vars);
    select(p.target, e.shiftKey);
  };

  const select = (target: Target | null, additive: boolean) => {
    if (!isBound(bindings(), "select") && !isBound(bindings(), "deselect")) return;
    const before = localSel();
    if (target === null) {
      setLocalSel([]);
      for (const id of before) void run("deselect", { id, kind: "", data: null }, { target_id: id, target_type: "", target_data: null, selected_ids: [] });
      return;
    }
    const next = additive ? [...new Set([...before, target.id])] : [target.id];
    for (const id of before.filter((b) => !next.includes(b))) void run("deselect", { id, kind: "", data: null }, { target_id: id, target_type: "", target_data: null, selected_ids: next });
    setLocalSel(next);
    if (!before.includes(target.id)) void run("select", target, { target_id: target.id, target_type: target.kind, target_data: target.data, selected_ids: next, shift: additive });
  };

  const onHover = (e: PointerEvent) => {
    if (!isBound(bindings(), "hover_enter") && !isBound(bindings(), "hover_leave")) return;
    const hit = targetOf(e.target)?.target ?? null;
    if (hit?.id === hovered?.id) return;
    const [x, y] = toScene(e.clientX, e.clientY);
    if (hovered) void run("hover_leave", hovered, pointerVars(x, y, hovered, mods(e)));
    if (hit) void run("hover_enter", hit, pointerVars(x, y, hit, mods(e)));
    hovered = hit;
  };

  const pointerGesture = (gesture: Gesture) => (e: MouseEvent) => {
    if (gesture === "right_click") e.preventDefault();
    // The press captured the pointer, so a dblclick targets the svg: look under the pointer.
    const hit = targetOf(document.elementFromPoint(e.clientX, e.clientY) ?? e.target)?.target ?? null;
    const [x, y] = toScene(e.clientX, e.clientY);
    void run(gesture, hit, { ...pointerVars(x, y, hit, mods(e)), button: e.button });
  };

  // Two touch pointers pinch: the press of the first is dropped (an ongoing drag ends there).
  const pinch = new PinchTracker();
  let pinchInFlight = false;
  let lastScale = 1;
  const pinchGesture = (ev: PinchEvent) => {
    const [x, y] = toScene(ev.x, ev.y);
    if (isBound(bindings(), "pinch_zoom")) {
      if (ev.phase === "move" && pinchInFlight) return;
      const sent = run("pinch_zoom", null, { x: Math.round(x * 100) / 100, y: Math.round(y * 100) / 100, phase: ev.phase, scale: Math.round(ev.scale * 1000) / 1000 });
      if (sent && ev.phase === "move") {
        pinchInFlight = true;
        void sent.finally(() => (pinchInFlight = false));
      }
    } else if (bool(c.p().pan_zoom) && ev.phase !== "start") {
      zoomAt(x, y, ev.scale / lastScale);
    }
    lastScale = ev.phase === "end" ? 1 : ev.scale;
  };
  const onTouchDown = (e: PointerEvent): boolean => {
    if (pinch.active) return true;
    const started = pinch.down(e.pointerId, { x: e.clientX, y: e.clientY });
    if (!started) return false;
    const p = press;
    press = null;
    if (p) {
      clearTimeout(p.timer);
      if (p.dragging) {
        void run("drag", p.target, dragVars(p, p.lastX, p.lastY, "end", e), { phase: "end" });
        dropOffset(p);
      }
    }
    lastScale = 1;
    pinchGesture(started);
    return true;
  };
  const onTouchMove = (e: PointerEvent) => {
    const ev = pinch.move(e.pointerId, { x: e.clientX, y: e.clientY });
    if (ev) pinchGesture(ev);
  };
  const onTouchUp = (e: PointerEvent): boolean => {
    const wasActive = pinch.active;
    const ev = pinch.up(e.pointerId);
    if (ev) pinchGesture(ev);
    return wasActive || ev !== null;
  };

  const zoomAt = (x: number, y: number, scale: number) => {
    const [vx, vy, vw, vh] = viewBox().split(/[\s,]+/).map(Number) as [number, number, number, number];
    const w = vw / scale;
    const h = vh / scale;
    setZoom([x - ((x - vx) * w) / vw, y - ((y - vy) * h) / vh, w, h]);
  };

  const onWheel = (e: WheelEvent) => {
    const [x, y] = toScene(e.clientX, e.clientY);
    const hit = targetOf(e.target)?.target ?? null;
    if (e.ctrlKey) {
      const scale = Math.exp(-e.deltaY / 200);
      if (isBound(bindings(), "pinch_zoom")) {
        e.preventDefault();
        void run("pinch_zoom", hit, { x, y, phase: "move", scale });
      } else if (bool(c.p().pan_zoom)) {
        e.preventDefault();
        zoomAt(x, y, scale);
      }
      return;
    }
    if (isBound(bindings(), "scroll")) {
      e.preventDefault();
      void run("scroll", hit, { ...pointerVars(x, y, hit, mods(e)), delta_x: e.deltaX, delta_y: e.deltaY });
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const key: KeyInfo = { key: e.key, code: e.code, repeat: e.repeat, ...mods(e) };
    const vars = { key: e.key, code: e.code, repeat: e.repeat, ...mods(e) };
    const sent = ((e.ctrlKey || e.metaKey || e.altKey) && run("key_combo", null, vars, { key })) || run("key_press", null, vars, { key });
    if (sent) e.preventDefault();
  };

  const size = (v: unknown, fallback: string) => (typeof v === "number" ? `${v}px` : typeof v === "string" ? v : fallback);
  const grid = () => num(c.p().grid, 0);
  return (
    <div {...c.attrs} class={cls("sd-canvas", c.p().class)} style={{ width: size(c.p().width, "100%"), height: size(c.p().height, "480px") }}>
      <svg ref={svg} class="sd-canvas-svg" viewBox={viewBox()} tabindex="0" role="application" aria-label="Canvas" preserveAspectRatio="xMidYMid meet"
        onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp} onPointerCancel={onPointerUp}
        onDblClick={pointerGesture("double_click")} onContextMenu={pointerGesture("right_click")} onWheel={onWheel} onKeyDown={onKeyDown}
        style={{ background: typeof c.p().background === "string" ? str(c.p().background) : undefined }}>
        <defs>
          <marker id="sd-marker-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="context-stroke" /></marker>
          <marker id="sd-marker-dot" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="5" markerHeight="5"><circle cx="5" cy="5" r="4" fill="context-stroke" /></marker>
          <Show when={grid() > 0}>
            <pattern id={`sd-grid-${c.ctx.plugin}`} width={grid()} height={grid()} patternUnits="userSpaceOnUse"><path d={`M ${grid()} 0 L 0 0 0 ${grid()}`} class="sd-canvas-grid" fill="none" /></pattern>
          </Show>
        </defs>
        <Show when={grid() > 0}><rect x="-100000" y="-100000" width="200000" height="200000" fill={`url(#sd-grid-${c.ctx.plugin})`} pointer-events="none" /></Show>
        <SceneElements elements={scene().elements} plugin={c.ctx.plugin} selected={selected} reducedMotion={c.ctx.reducedMotion} />
      </svg>
    </div>
  );
}
