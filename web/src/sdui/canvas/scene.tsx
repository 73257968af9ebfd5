import { createMemo, For, Show, untrack } from "solid-js";
import type { JSX } from "solid-js";
import type { Point, SceneElement } from "../../../../lib/sdui/index.ts";
import { DEFAULT_DURATION, enterFrames, timing } from "../look/animate";
import { animateElement, ExitGroup, ExitSwitch, registerExit } from "../look/exit";
import type { Tweenable } from "../look/motion";
import { effectiveAnimate, isTweened, sceneTransitionCss, sceneTransitions } from "../look/motion";
import { createTween } from "../look/tween";

const BASELINE: Record<string, "hanging" | "central" | "alphabetic"> = { top: "hanging", middle: "central", bottom: "alphabetic" };

function groupTransform(translate: Point | undefined, rotate: number | undefined, scale: number | Point | undefined): string | undefined {
  const parts: string[] = [];
  if (translate) parts.push(`translate(${translate[0]} ${translate[1]})`);
  if (typeof rotate === "number") parts.push(`rotate(${rotate})`);
  if (scale !== undefined) parts.push(Array.isArray(scale) ? `scale(${scale[0]} ${scale[1]})` : `scale(${scale})`);
  return parts.length ? parts.join(" ") : undefined;
}

const marker = (m: string | undefined) => (m === "arrow" || m === "dot" ? `url(#sd-marker-${m})` : undefined);

interface SceneProps {
  plugin: string;
  selected: (id: string) => boolean;
  reducedMotion: () => boolean;
}

/**
 * Renders scene elements as SVG; every element carries data-id and data-kind. Removed elements
 * play their declared exit first; geometry declared in `animate.transition` tweens on change.
 */
export function SceneElements(props: SceneProps & { elements: readonly SceneElement[] | undefined }): JSX.Element {
  return (
    <ExitGroup reducedMotion={props.reducedMotion}>
      <For each={props.elements ?? []}>{(el, i) => <SceneEl el={el} index={i()} plugin={props.plugin} selected={props.selected} reducedMotion={props.reducedMotion} />}</For>
    </ExitGroup>
  );
}

type Of<K extends SceneElement["kind"]> = Extract<SceneElement, { kind: K }>;

function SceneEl(props: SceneProps & { el: SceneElement; index: number }): JSX.Element {
  const el = props.el;
  let node: SVGElement | undefined;
  const spec = createMemo(() => effectiveAnimate("canvas-element", el.animate));
  const declared = untrack(() => sceneTransitions(spec()));
  /** An attribute's value, tweened when the element declared a transition of it when it appeared. */
  const tw = <T extends Tweenable | undefined>(name: string, value: () => T): (() => T) =>
    isTweened(name) && declared.has(name)
      ? createTween(value, { name, el: () => node, active: () => (sceneTransitions(spec()).has(name) ? spec() : null), reducedMotion: props.reducedMotion, index: props.index })
      : value;
  const ref = (n: SVGElement) => {
    node = n;
    registerExit(n, spec);
    const s = untrack(spec);
    if (s?.enter && !props.reducedMotion()) {
      const frames = enterFrames(s.enter, s.from);
      queueMicrotask(() => {
        if (!n.isConnected || typeof n.animate !== "function") return;
        const anims = animateElement(n, frames, timing(s, DEFAULT_DURATION.enter, props.index, false), `sd-enter:${s.enter}`);
        const clean = () => {
          n.style.removeProperty("transform-box");
          n.style.removeProperty("transform-origin");
        };
        void Promise.all(anims.map((a) => a.finished)).then(clean, () => undefined);
      });
    }
  };
  const transition = () => sceneTransitionCss(spec(), props.index, props.reducedMotion()) ?? undefined;
  const common = () => ({
    "data-id": el.id,
    "data-kind": el.kind,
    "data-plugin": props.plugin,
    "data-component": "canvas-element",
    class: [el.class, props.selected(el.id) && "sd-selected"].filter(Boolean).join(" ") || undefined,
    fill: el.fill,
    stroke: el.stroke,
    "stroke-width": el.stroke_width,
    opacity: el.opacity,
    "stroke-dasharray": el.dash?.join(" "),
    style: transition() ? `transition: ${transition()}` : undefined,
  });
  const title = () => (el.label ? <title>{el.label}</title> : null);
  switch (el.kind) {
    case "circle": {
      const c = el as Of<"circle">;
      const [cx, cy, r] = [tw("cx", () => c.cx), tw("cy", () => c.cy), tw("r", () => c.r)];
      return <circle ref={ref} {...common()} cx={cx()} cy={cy()} r={r()}>{title()}</circle>;
    }
    case "rect": {
      const b = el as Of<"rect">;
      const [x, y, w, h, rx] = [tw("x", () => b.x), tw("y", () => b.y), tw("width", () => b.width), tw("height", () => b.height), tw("rx", () => b.rx)];
      return <rect ref={ref} {...common()} x={x()} y={y()} width={w()} height={h()} rx={rx()}>{title()}</rect>;
    }
    case "line": {
      const l = el as Of<"line">;
      const [x1, y1, x2, y2] = [tw("x1", () => l.x1), tw("y1", () => l.y1), tw("x2", () => l.x2), tw("y2", () => l.y2)];
      return <line ref={ref} {...common()} x1={x1()} y1={y1()} x2={x2()} y2={y2()} stroke={l.stroke ?? "currentColor"} marker-start={marker(l.marker_start)} marker-end={marker(l.marker_end)}>{title()}</line>;
    }
    case "path": {
      const p = el as Of<"path">;
      return <path ref={ref} {...common()} d={p.d} marker-start={marker(p.marker_start)} marker-end={marker(p.marker_end)}>{title()}</path>;
    }
    case "polygon": {
      const p = el as Of<"polygon">;
      return <polygon ref={ref} {...common()} points={p.points.map((pt) => `${pt[0]},${pt[1]}`).join(" ")}>{title()}</polygon>;
    }
    case "text-label": {
      const t = el as Of<"text-label">;
      const [x, y, size] = [tw("x", () => t.x), tw("y", () => t.y), tw("font_size", () => t.font_size)];
      return <text ref={ref} {...common()} x={x()} y={y()} font-size={size() === undefined ? undefined : String(size())} text-anchor={t.anchor} dominant-baseline={t.baseline ? BASELINE[t.baseline] : undefined}>{t.text}</text>;
    }
    case "group": {
      const g = el as Of<"group">;
      const [translate, rotate, scale] = [tw("translate", () => g.translate), tw("rotate", () => g.rotate), tw("scale", () => g.scale)];
      return <g ref={ref} {...common()} transform={groupTransform(translate(), rotate(), scale())}>{title()}<SceneElements elements={g.children} plugin={props.plugin} selected={props.selected} reducedMotion={props.reducedMotion} /></g>;
    }
    case "layer": {
      const l = el as Of<"layer">;
      return (
        <ExitSwitch reducedMotion={props.reducedMotion}>
          <Show when={l.visible !== false}>
            <g ref={ref} {...common()} data-layer={l.name}><SceneElements elements={l.children} plugin={props.plugin} selected={props.selected} reducedMotion={props.reducedMotion} /></g>
          </Show>
        </ExitSwitch>
      );
    }
    default:
      return null;
  }
}

/** Finds an element by id anywhere in the scene. */
export function findElement(elements: readonly SceneElement[] | undefined, id: string): SceneElement | null {
  for (const el of elements ?? []) {
    if (el.id === id) return el;
    if (el.kind === "group" || el.kind === "layer") {
      const hit = findElement(el.children, id);
      if (hit) return hit;
    }
  }
  return null;
}
