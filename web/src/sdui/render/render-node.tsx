import { children, createMemo, createRenderEffect, For, onMount, Show } from "solid-js";
import type { JSX } from "solid-js";
import { deferredProps, isComponentType, resolveProps } from "../../../../lib/sdui/index.ts";
import { DEFAULT_DURATION, enterFrames, timing } from "../look/animate";
import { ExitSwitch, registerExit } from "../look/exit";
import type { AnimateSpec } from "../look/motion";
import { effectiveAnimate, transitionCss } from "../look/motion";
import type { CompProps, ItemScope, RenderCtx } from "./context";
import { bool, dataAttrs } from "./context";
import { isNode, nodeProblem } from "./node-check";
import { componentFor } from "./registry";


/** A visible error box in place of a node that cannot render. */
export function ErrorBox(props: { plugin: string; message: string; path?: string }) {
  return (
    <div class="sd-error-box" role="alert" data-plugin={props.plugin} data-component="error">
      <strong>Cannot render</strong> {props.message}
    </div>
  );
}

/** Renders one ui.json node (and, through its component, its children). */
export function RenderNode(props: { node: unknown; ctx: RenderCtx; scope?: ItemScope; index?: number }): JSX.Element {
  const node = props.node;
  const problem = nodeProblem(node);
  if (problem !== null || !isNode(node) || !isComponentType(node.type)) return <ErrorBox plugin={props.ctx.plugin} message={problem ?? "bad node"} />;
  const type = node.type;
  const scope = props.scope ?? {};
  const skip = deferredProps(type);
  const resolved = createMemo(() => resolveProps(node.props ?? {}, { state: props.ctx.state(), item: scope.item, index: scope.index }, { skip }));
  const p = () => resolved().props;
  const Comp = componentFor(type);
  const c: CompProps = { node, p, ctx: props.ctx, scope, attrs: dataAttrs(node, props.ctx.plugin, scope, props.ctx.state) };
  const visible = () => bool(p().visible, true);
  const spec = effectiveAnimate(type, node.animate);
  const body = () => (
    <Show when={visible()}>
      <Animated spec={spec} ctx={props.ctx} index={props.index ?? 0}>
        <Comp {...c} />
      </Animated>
    </Show>
  );
  // A node that can be hidden by state and declares an exit plays it before it goes.
  if (spec?.exit && node.props?.visible !== undefined) return <ExitSwitch reducedMotion={props.ctx.reducedMotion}>{body()}</ExitSwitch>;
  return body();
}

/**
 * Gives a node's first element its motion: the enter animation when it mounts, its exit
 * (played by ExitSwitch/ExitGroup when it leaves) and its CSS transition (`--sd-transition`).
 */
function Animated(props: { spec: AnimateSpec | null; ctx: RenderCtx; index: number; children: JSX.Element }): JSX.Element {
  const a = props.spec;
  if (!a) return props.children;
  const resolvedChild = children(() => props.children);
  const el = resolvedChild.toArray().find((n) => n instanceof Element);
  if (!(el instanceof Element)) return resolvedChild as unknown as JSX.Element;
  if (a.exit) registerExit(el, () => a);
  if (a.transition !== undefined && a.transition !== "none") {
    createRenderEffect(() => {
      const css = transitionCss(a, props.index, props.ctx.reducedMotion());
      const style = (el as HTMLElement).style;
      if (css) {
        style.setProperty("--sd-transition", css);
        el.setAttribute("data-transition", "");
      } else {
        style.removeProperty("--sd-transition");
        el.removeAttribute("data-transition");
      }
    });
  }
  if (a.enter) {
    onMount(() => {
      if (typeof el.animate !== "function") return;
      el.animate(enterFrames(a.enter!, a.from) as Keyframe[], timing(a, DEFAULT_DURATION.enter, props.index, props.ctx.reducedMotion()));
    });
  }
  return resolvedChild as unknown as JSX.Element;
}

/** Renders a node's children in order. */
export function Children(props: { nodes: unknown[] | undefined; ctx: RenderCtx; scope: ItemScope }): JSX.Element {
  return <For each={props.nodes ?? []}>{(child, i) => <RenderNode node={child} ctx={props.ctx} scope={props.scope} index={i()} />}</For>;
}
