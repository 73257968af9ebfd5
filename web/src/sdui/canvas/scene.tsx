import { For, Match, Show, Switch } from "solid-js";
import type { JSX } from "solid-js";
import type { SceneElement } from "../../../../lib/sdui/index.ts";

const BASELINE: Record<string, "hanging" | "central" | "alphabetic"> = { top: "hanging", middle: "central", bottom: "alphabetic" };

function groupTransform(el: Extract<SceneElement, { kind: "group" }>): string | undefined {
  const parts: string[] = [];
  if (el.translate) parts.push(`translate(${el.translate[0]} ${el.translate[1]})`);
  if (typeof el.rotate === "number") parts.push(`rotate(${el.rotate})`);
  if (el.scale !== undefined) parts.push(Array.isArray(el.scale) ? `scale(${el.scale[0]} ${el.scale[1]})` : `scale(${el.scale})`);
  return parts.length ? parts.join(" ") : undefined;
}

const marker = (m: string | undefined) => (m === "arrow" || m === "dot" ? `url(#sd-marker-${m})` : undefined);

/** Renders scene elements as SVG; every element carries data-id and data-kind. */
export function SceneElements(props: { elements: readonly SceneElement[] | undefined; plugin: string; selected: (id: string) => boolean }): JSX.Element {
  return <For each={props.elements ?? []}>{(el) => <SceneEl el={el} plugin={props.plugin} selected={props.selected} />}</For>;
}

function SceneEl(props: { el: SceneElement; plugin: string; selected: (id: string) => boolean }): JSX.Element {
  const el = props.el;
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
  });
  const title = () => (el.label ? <title>{el.label}</title> : null);
  return (
    <Switch>
      <Match when={el.kind === "circle" && el}>{(c) => <circle {...common()} cx={c().cx} cy={c().cy} r={c().r}>{title()}</circle>}</Match>
      <Match when={el.kind === "rect" && el}>{(r) => <rect {...common()} x={r().x} y={r().y} width={r().width} height={r().height} rx={r().rx}>{title()}</rect>}</Match>
      <Match when={el.kind === "line" && el}>{(l) => <line {...common()} x1={l().x1} y1={l().y1} x2={l().x2} y2={l().y2} stroke={l().stroke ?? "currentColor"} marker-start={marker(l().marker_start)} marker-end={marker(l().marker_end)}>{title()}</line>}</Match>
      <Match when={el.kind === "path" && el}>{(p) => <path {...common()} d={p().d} marker-start={marker(p().marker_start)} marker-end={marker(p().marker_end)}>{title()}</path>}</Match>
      <Match when={el.kind === "polygon" && el}>{(p) => <polygon {...common()} points={p().points.map((pt) => `${pt[0]},${pt[1]}`).join(" ")}>{title()}</polygon>}</Match>
      <Match when={el.kind === "text-label" && el}>
        {(t) => <text {...common()} x={t().x} y={t().y} font-size={t().font_size === undefined ? undefined : String(t().font_size)} text-anchor={t().anchor} dominant-baseline={t().baseline ? BASELINE[t().baseline!] : undefined}>{t().text}</text>}
      </Match>
      <Match when={el.kind === "group" && el}>
        {(g) => <g {...common()} transform={groupTransform(g())}>{title()}<SceneElements elements={g().children} plugin={props.plugin} selected={props.selected} /></g>}
      </Match>
      <Match when={el.kind === "layer" && el}>
        {(l) => (
          <Show when={l().visible !== false}>
            <g {...common()} data-layer={l().name}><SceneElements elements={l().children} plugin={props.plugin} selected={props.selected} /></g>
          </Show>
        )}
      </Match>
    </Switch>
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
