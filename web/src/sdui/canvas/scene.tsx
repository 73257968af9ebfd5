import { createMemo, createRenderEffect, For, Show, untrack } from "solid-js";
import type { JSX } from "solid-js";
import type { Point, SceneElement } from "../../../../lib/sdui/index.ts";
import { DEFAULT_DURATION, enterFrames, timing } from "../look/animate";
import { animateElement, ExitGroup, ExitSwitch, registerExit } from "../look/exit";
import type { AnimateSpec, Tweenable } from "../look/motion";
import { effectiveAnimate, isTweened, sceneTransitionCss, sceneTransitions } from "../look/motion";
import { createTween } from "../look/tween";
import { createKeyed, entryOf } from "../render/keyed";

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
 * Renders scene elements as SVG, keyed by id; every element carries data-id and data-kind.
 * Removed elements play their declared exit first; geometry named in `animate.transition` tweens.
 */
export function SceneElements(props: SceneProps & { elements: readonly SceneElement[] | undefined }): JSX.Element {
  const keyed = createKeyed(() => props.elements ?? [], (el) => el.id);
  return (
    <ExitGroup reducedMotion={props.reducedMotion}>
      <For each={keyed.keys()}>{(id) => <SceneEl el={entryOf(keyed, id)} plugin={props.plugin} selected={props.selected} reducedMotion={props.reducedMotion} />}</For>
    </ExitGroup>
  );
}

type Of<K extends SceneElement["kind"]> = Extract<SceneElement, { kind: K }>;

interface ShapeProps<K extends SceneElement["kind"]> {
  el: () => Of<K>;
  index: () => number;
  common: () => Record<string, unknown>;
  spec: () => AnimateSpec | null;
  props: SceneProps;
}

function SceneEl(props: SceneProps & { el: () => { item: SceneElement; index: number } }): JSX.Element {
  const el = () => props.el().item;
  const index = () => props.el().index;
  const spec = createMemo(() => effectiveAnimate("canvas-element", el().animate));
  const transition = createMemo(() => sceneTransitionCss(spec(), index(), props.reducedMotion()) ?? undefined);
  // One object per change: the shapes spread it, and a spread re-reads every prop on any change.
  const common = createMemo(() => ({
    "data-id": el().id,
    "data-kind": el().kind,
    "data-plugin": props.plugin,
    "data-component": "canvas-element",
    class: [el().class, props.selected(el().id) && "sd-selected"].filter(Boolean).join(" ") || undefined,
    fill: el().fill,
    stroke: el().stroke,
    "stroke-width": el().stroke_width,
    opacity: el().opacity,
    "stroke-dasharray": el().dash?.join(" "),
    style: transition() ? `transition: ${transition()}` : undefined,
  }));
  const shape = <K extends SceneElement["kind"]>(): ShapeProps<K> => ({ el: el as () => Of<K>, index, common, spec, props });
  // The shape is built again when the kind or the set of tweened attributes changes (an
  // element's slot follows its id, and patches may change either in place).
  const build = createMemo(() => {
    const a = spec();
    return a?.transition && a.transition !== "none" ? `${el().kind}|${[...sceneTransitions(a)].filter(isTweened).sort().join(",")}` : el().kind;
  });
  return (
    <Show when={build()} keyed>
      {(_built: string) => {
        switch (untrack(el).kind) {
          case "circle": return <Circle {...shape<"circle">()} />;
          case "rect": return <Rect {...shape<"rect">()} />;
          case "line": return <Line {...shape<"line">()} />;
          case "path": return <PathEl {...shape<"path">()} />;
          case "polygon": return <Polygon {...shape<"polygon">()} />;
          case "text-label": return <TextLabel {...shape<"text-label">()} />;
          case "group": return <Group {...shape<"group">()} />;
          case "layer": return <Layer {...shape<"layer">()} />;
          default: return null;
        }
      }}
    </Show>
  );
}

/** The element's ref (exit, enter) and its attribute tweens, for one shape. */
function motion<K extends SceneElement["kind"]>(s: ShapeProps<K>) {
  let node: SVGElement | undefined;
  const declared = untrack(() => sceneTransitions(s.spec()));
  const index = untrack(s.index);
  /** An attribute's value, tweened when the element declares a transition of it. */
  const tw = <T extends Tweenable | undefined>(name: string, value: () => T): (() => T) =>
    isTweened(name) && declared.has(name)
      ? createTween(value, { name, el: () => node, active: () => (sceneTransitions(s.spec()).has(name) ? s.spec() : null), reducedMotion: s.props.reducedMotion, index })
      : value;
  // Geometry is bound attribute by attribute, outside the spread of the common attributes: a
  // spread re-applies every prop on any change, and tweens change geometry every frame.
  const binds: [string, () => unknown][] = [];
  /** Binds an attribute to a value, through a tween when the element transitions `name`. */
  const geo = (name: string, value: () => Tweenable | undefined, attribute = name) => binds.push([attribute, tw(name, value)]);
  const attr = (attribute: string, value: () => unknown) => binds.push([attribute, value]);
  const ref = (n: SVGElement) => {
    node = n;
    for (const [name, value] of binds) {
      createRenderEffect(() => {
        const v = value();
        if (v === undefined || v === null) n.removeAttribute(name);
        else n.setAttribute(name, String(v));
      });
    }
    registerExit(n, s.spec);
    const a = untrack(s.spec);
    if (a?.enter && !s.props.reducedMotion()) {
      const frames = enterFrames(a.enter, a.from);
      queueMicrotask(() => {
        if (!n.isConnected || typeof n.animate !== "function") return;
        const anims = animateElement(n, frames, timing(a, DEFAULT_DURATION.enter, index, false), `sd-enter:${a.enter}`);
        const clean = () => {
          n.style.removeProperty("transform-box");
          n.style.removeProperty("transform-origin");
        };
        void Promise.all(anims.map((x) => x.finished)).then(clean, () => undefined);
      });
    }
  };
  return { tw, geo, attr, ref };
}

const title = (el: SceneElement) => (el.label ? <title>{el.label}</title> : null);

function Circle(s: ShapeProps<"circle">) {
  const { geo, ref } = motion(s);
  geo("cx", () => s.el().cx);
  geo("cy", () => s.el().cy);
  geo("r", () => s.el().r);
  return <circle ref={ref} {...s.common()}>{title(s.el())}</circle>;
}

function Rect(s: ShapeProps<"rect">) {
  const { geo, ref } = motion(s);
  for (const k of ["x", "y", "width", "height", "rx"] as const) geo(k, () => s.el()[k]);
  return <rect ref={ref} {...s.common()}>{title(s.el())}</rect>;
}

function Line(s: ShapeProps<"line">) {
  const { geo, ref } = motion(s);
  for (const k of ["x1", "y1", "x2", "y2"] as const) geo(k, () => s.el()[k]);
  return <line ref={ref} {...s.common()} stroke={s.el().stroke ?? "currentColor"} marker-start={marker(s.el().marker_start)} marker-end={marker(s.el().marker_end)}>{title(s.el())}</line>;
}

function PathEl(s: ShapeProps<"path">) {
  const { ref } = motion(s);
  return <path ref={ref} {...s.common()} d={s.el().d} marker-start={marker(s.el().marker_start)} marker-end={marker(s.el().marker_end)}>{title(s.el())}</path>;
}

function Polygon(s: ShapeProps<"polygon">) {
  const { ref } = motion(s);
  return <polygon ref={ref} {...s.common()} points={s.el().points.map((pt) => `${pt[0]},${pt[1]}`).join(" ")}>{title(s.el())}</polygon>;
}

function TextLabel(s: ShapeProps<"text-label">) {
  const { geo, ref } = motion(s);
  geo("x", () => s.el().x);
  geo("y", () => s.el().y);
  geo("font_size", () => s.el().font_size, "font-size");
  const t = s.el;
  return <text ref={ref} {...s.common()} text-anchor={t().anchor} dominant-baseline={t().baseline ? BASELINE[t().baseline!] : undefined}>{t().text}</text>;
}

function Group(s: ShapeProps<"group">) {
  const { tw, attr, ref } = motion(s);
  const [translate, rotate, scale] = [tw("translate", () => s.el().translate), tw("rotate", () => s.el().rotate), tw("scale", () => s.el().scale)];
  attr("transform", () => groupTransform(translate(), rotate(), scale()));
  return (
    <g ref={ref} {...s.common()}>
      {title(s.el())}
      <SceneElements elements={s.el().children} plugin={s.props.plugin} selected={s.props.selected} reducedMotion={s.props.reducedMotion} />
    </g>
  );
}

function Layer(s: ShapeProps<"layer">) {
  const { ref } = motion(s);
  return (
    <ExitSwitch reducedMotion={s.props.reducedMotion}>
      <Show when={s.el().visible !== false}>
        <g ref={ref} {...s.common()} data-layer={s.el().name}>
          <SceneElements elements={s.el().children} plugin={s.props.plugin} selected={s.props.selected} reducedMotion={s.props.reducedMotion} />
        </g>
      </Show>
    </ExitSwitch>
  );
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
