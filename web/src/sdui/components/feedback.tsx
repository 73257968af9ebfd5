import { createEffect, createSignal, onCleanup, Show } from "solid-js";
import { Portal } from "solid-js/web";
import type { CompProps } from "../render/context";
import { act, bool, cls, num, str } from "../render/context";
import { Children, RenderNode } from "../render/render-node";

export function Alert(c: CompProps) {
  const [closed, setClosed] = createSignal(false);
  return (
    <Show when={!closed()}>
      <div {...c.attrs} role="alert" class={cls("sd-alert", `sd-tone-${str(c.p().tone, "info")}`, c.p().class)}>
        <div class="sd-alert-body">
          <Show when={c.p().title}><strong>{str(c.p().title)}</strong></Show>
          <Show when={c.p().text}><div>{str(c.p().text)}</div></Show>
          <Children nodes={c.node.children} ctx={c.ctx} scope={c.scope} />
        </div>
        <Show when={bool(c.p().dismissible)}>
          <button type="button" class="sd-close" aria-label="Dismiss" onClick={() => { setClosed(true); act(c, { value: null }); }}>×</button>
        </Show>
      </div>
    </Show>
  );
}

export function Toast(c: CompProps) {
  const [dismissed, setDismissed] = createSignal(false);
  const open = () => bool(c.p().open, true) && !dismissed();
  createEffect(() => {
    if (!open()) return;
    const ms = num(c.p().duration_ms, 4000);
    if (ms <= 0) return;
    const t = setTimeout(() => close(), ms);
    onCleanup(() => clearTimeout(t));
  });
  const close = () => {
    setDismissed(true);
    act(c, { value: null });
  };
  createEffect(() => {
    if (bool(c.p().open, true)) setDismissed(false);
  });
  return (
    <Show when={open()}>
      <div {...c.attrs} role="status" class={cls("sd-toast", "sd-toast-inline", `sd-tone-${str(c.p().tone, "info")}`, c.p().class)}>
        <span>{str(c.p().text)}</span>
        <button type="button" class="sd-close" aria-label="Close" onClick={close}>×</button>
      </div>
    </Show>
  );
}

export function Modal(c: CompProps) {
  const dismissible = () => bool(c.p().dismissible, true);
  const close = () => {
    if (dismissible()) act(c, { value: null });
  };
  createEffect(() => {
    if (!bool(c.p().open)) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") close();
    };
    window.addEventListener("keydown", onKey);
    onCleanup(() => window.removeEventListener("keydown", onKey));
  });
  return (
    <Show when={bool(c.p().open)}>
      <Portal>
        <div class="sd-modal-backdrop" data-plugin={c.ctx.plugin} onClick={(e) => { if (e.target === e.currentTarget) close(); }}>
          <div {...c.attrs} role="dialog" aria-modal="true" aria-label={str(c.p().title) || undefined} class={cls("sd-modal", `sd-modal-${str(c.p().size, "md")}`, c.p().class)}>
            <Show when={c.p().title}><h2 class="sd-modal-title">{str(c.p().title)}</h2></Show>
            <Children nodes={c.node.children} ctx={c.ctx} scope={c.scope} />
          </div>
        </div>
      </Portal>
    </Show>
  );
}

export function Tooltip(c: CompProps) {
  const [shown, setShown] = createSignal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const show = () => {
    clearTimeout(timer);
    timer = setTimeout(() => setShown(true), num(c.p().delay_ms, 300));
  };
  const hide = () => {
    clearTimeout(timer);
    setShown(false);
  };
  onCleanup(() => clearTimeout(timer));
  return (
    <span {...c.attrs} class={cls("sd-tooltip-anchor", c.p().class)} onPointerEnter={show} onPointerLeave={hide} onFocusIn={show} onFocusOut={hide}>
      <RenderNode node={(c.node.children ?? [])[0]} ctx={c.ctx} scope={c.scope} />
      <Show when={shown()}><span role="tooltip" class={cls("sd-tooltip", `sd-place-${str(c.p().placement, "top")}`)}>{str(c.p().text)}</span></Show>
    </span>
  );
}

export function Popover(c: CompProps) {
  const [local, setLocal] = createSignal(false);
  const controlled = () => c.p().open !== undefined && c.p().open !== null;
  const open = () => (controlled() ? bool(c.p().open) : local());
  const hover = () => str(c.p().trigger) === "hover";
  const toggle = () => {
    setLocal(!open());
    act(c, { value: !open() });
  };
  return (
    <span {...c.attrs} class={cls("sd-popover-anchor", c.p().class)} onPointerEnter={() => hover() && setLocal(true)} onPointerLeave={() => hover() && setLocal(false)}>
      <span onClick={() => !hover() && toggle()}><RenderNode node={(c.node.children ?? [])[0]} ctx={c.ctx} scope={c.scope} /></span>
      <Show when={open()}>
        <div role="dialog" class={cls("sd-popover", `sd-place-${str(c.p().placement, "bottom")}`)}>
          <Show when={c.p().title}><strong class="sd-popover-title">{str(c.p().title)}</strong></Show>
          <Children nodes={(c.node.children ?? []).slice(1)} ctx={c.ctx} scope={c.scope} />
        </div>
      </Show>
    </span>
  );
}
