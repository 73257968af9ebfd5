import { createMemo, For, onMount, Show } from "solid-js";
import type { JSX } from "solid-js";
import { deferredProps, isComponentType, resolveProps } from "../../../../lib/sdui/index.ts";
import { DEFAULT_DURATION, enterFrames, timing } from "../look/animate";
import type { CompProps, ItemScope, NodeShape, RenderCtx } from "./context";
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
  const c: CompProps = { node, p, ctx: props.ctx, scope, attrs: dataAttrs(node, props.ctx.plugin) };
  const visible = () => bool(p().visible, true);
  return (
    <Show when={visible()}>
      <Animated node={node} ctx={props.ctx} index={props.index ?? 0}>
        <Comp {...c} />
      </Animated>
    </Show>
  );
}

/** Plays a node's enter animation on its first element when it mounts. */
function Animated(props: { node: NodeShape; ctx: RenderCtx; index: number; children: JSX.Element }): JSX.Element {
  const a = props.node.animate;
  if (!a || typeof a.enter !== "string") return props.children;
  const resolvedChild = props.children;
  onMount(() => {
    const el = Array.isArray(resolvedChild) ? resolvedChild[0] : resolvedChild;
    if (!(el instanceof Element) || typeof el.animate !== "function") return;
    const frames = enterFrames(a.enter as string, typeof a.from === "string" ? a.from : undefined);
    el.animate(frames, timing(a, DEFAULT_DURATION.enter, props.index, props.ctx.reducedMotion()));
  });
  return resolvedChild;
}

/** Renders a node's children in order. */
export function Children(props: { nodes: unknown[] | undefined; ctx: RenderCtx; scope: ItemScope }): JSX.Element {
  return <For each={props.nodes ?? []}>{(child, i) => <RenderNode node={child} ctx={props.ctx} scope={props.scope} index={i()} />}</For>;
}
