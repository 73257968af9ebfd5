import { createSignal, For, Index, Show } from "solid-js";
import type { JSX } from "solid-js";
import type { CompProps } from "../render/context";
import { act, bool, cls, num, space, str } from "../render/context";
import { Children, RenderNode } from "../render/render-node";

const JUSTIFY: Record<string, string> = { start: "flex-start", center: "center", end: "flex-end", between: "space-between", around: "space-around", evenly: "space-evenly" };
const ALIGN: Record<string, string> = { start: "flex-start", center: "center", end: "flex-end", stretch: "stretch" };

function flowStyle(c: CompProps, direction: "column" | "row"): JSX.CSSProperties {
  const p = c.p();
  return {
    display: "flex",
    "flex-direction": direction,
    gap: space(p.gap) ?? (direction === "column" ? "var(--space-sm)" : "var(--space-sm)"),
    padding: space(p.padding),
    "align-items": ALIGN[str(p.align)],
    "justify-content": JUSTIFY[str(p.justify)],
    "flex-wrap": bool(p.wrap) ? "wrap" : undefined,
    overflow: bool(p.scroll) ? "auto" : undefined,
    "min-width": "0",
  };
}

export function Column(c: CompProps) {
  return <div {...c.attrs} class={cls("sd-column", c.p().class)} style={flowStyle(c, "column")}><Children nodes={c.node.children} ctx={c.ctx} scope={c.scope} /></div>;
}

export function Row(c: CompProps) {
  return <div {...c.attrs} class={cls("sd-row", c.p().class)} style={flowStyle(c, "row")}><Children nodes={c.node.children} ctx={c.ctx} scope={c.scope} /></div>;
}

export function Grid(c: CompProps) {
  const columns = () => {
    const p = c.p();
    if (typeof p.min_column_width === "number") return `repeat(auto-fill, minmax(${p.min_column_width}px, 1fr))`;
    if (typeof p.columns === "number") return `repeat(${p.columns}, minmax(0, 1fr))`;
    if (typeof p.columns === "string" && /^[0-9a-z.%() ,-]+$/i.test(p.columns)) return p.columns;
    return "repeat(2, minmax(0, 1fr))";
  };
  return (
    <div {...c.attrs} class={cls("sd-grid", c.p().class)} style={{ display: "grid", "grid-template-columns": columns(), gap: space(c.p().gap) ?? "var(--space-sm)", padding: space(c.p().padding) }}>
      <Children nodes={c.node.children} ctx={c.ctx} scope={c.scope} />
    </div>
  );
}

export function Stack(c: CompProps) {
  return (
    <div {...c.attrs} class={cls("sd-stack", c.p().class)} style={{ display: "grid", "place-items": ALIGN[str(c.p().align)] ?? "start", padding: space(c.p().padding) }}>
      <Children nodes={c.node.children} ctx={c.ctx} scope={c.scope} />
    </div>
  );
}

export function Spacer(c: CompProps) {
  const size = () => space(c.p().size);
  return <div {...c.attrs} class={cls("sd-spacer", c.p().class)} style={{ flex: size() ? `0 0 ${size()}` : bool(c.p().grow, true) ? "1 1 auto" : undefined, "min-width": size(), "min-height": size() }} />;
}

export function Divider(c: CompProps) {
  return (
    <div {...c.attrs} role="separator" aria-orientation={str(c.p().orientation, "horizontal") === "vertical" ? "vertical" : "horizontal"} class={cls("sd-divider", str(c.p().orientation) === "vertical" && "sd-divider-vertical", c.p().class)}>
      <Show when={c.p().label}><span>{str(c.p().label)}</span></Show>
    </div>
  );
}

interface Entry {
  key: string;
  label: string;
}
const entries = (v: unknown): Entry[] => (Array.isArray(v) ? v.filter((e): e is Entry => typeof e === "object" && e !== null && typeof (e as Entry).key === "string") : []);

export function Tabs(c: CompProps) {
  const [local, setLocal] = createSignal<string | null>(null);
  const tabs = () => entries(c.p().tabs);
  const active = () => local() ?? (typeof c.p().active === "string" ? (c.p().active as string) : tabs()[0]?.key);
  const choose = (key: string) => {
    setLocal(key);
    act(c, { value: key });
  };
  return (
    <div {...c.attrs} class={cls("sd-tabs", c.p().class)}>
      <div role="tablist" class="sd-tablist">
        <For each={tabs()}>
          {(t) => (
            <button type="button" role="tab" class="sd-tab" aria-selected={active() === t.key} data-key={t.key} onClick={() => choose(t.key)}>
              {t.label}
            </button>
          )}
        </For>
      </div>
      <Index each={c.node.children ?? []}>
        {(child, i) => (
          <div role="tabpanel" hidden={tabs()[i]?.key !== active()} class="sd-tabpanel">
            <Show when={tabs()[i]?.key === active()}><RenderNode node={child()} ctx={c.ctx} scope={c.scope} /></Show>
          </div>
        )}
      </Index>
    </div>
  );
}

export function Accordion(c: CompProps) {
  const [local, setLocal] = createSignal<string[] | null>(null);
  const open = () => local() ?? (Array.isArray(c.p().open) ? (c.p().open as unknown[]).filter((k): k is string => typeof k === "string") : []);
  const toggle = (key: string) => {
    const isOpen = open().includes(key);
    const next = isOpen ? open().filter((k) => k !== key) : bool(c.p().multiple) ? [...open(), key] : [key];
    setLocal(next);
    act(c, { value: key, open: !isOpen });
  };
  return (
    <div {...c.attrs} class={cls("sd-accordion", c.p().class)}>
      <Index each={entries(c.p().sections)}>
        {(s, i) => (
          <section class="sd-accordion-section" data-key={s().key}>
            <button type="button" class="sd-accordion-head" aria-expanded={open().includes(s().key)} onClick={() => toggle(s().key)}>
              {s().label}
            </button>
            <Show when={open().includes(s().key)}>
              <div class="sd-accordion-body"><RenderNode node={(c.node.children ?? [])[i]} ctx={c.ctx} scope={c.scope} /></div>
            </Show>
          </section>
        )}
      </Index>
    </div>
  );
}

export function SplitPane(c: CompProps) {
  const [local, setLocal] = createSignal<number | null>(null);
  const ratio = () => local() ?? num(c.p().ratio, 0.5);
  const vertical = () => str(c.p().orientation) === "vertical";
  let box: HTMLDivElement | undefined;
  const onDown = (e: PointerEvent) => {
    if (!bool(c.p().resizable, true) || !box) return;
    const handle = e.currentTarget as HTMLElement;
    handle.setPointerCapture(e.pointerId);
    const rect = box.getBoundingClientRect();
    const move = (m: PointerEvent) => {
      const r = vertical() ? (m.clientY - rect.top) / rect.height : (m.clientX - rect.left) / rect.width;
      setLocal(Math.min(0.95, Math.max(0.05, r)));
    };
    const up = () => {
      handle.removeEventListener("pointermove", move);
      handle.removeEventListener("pointerup", up);
      act(c, { value: Math.round(ratio() * 1000) / 1000 });
    };
    handle.addEventListener("pointermove", move);
    handle.addEventListener("pointerup", up);
  };
  const kids = () => c.node.children ?? [];
  return (
    <div ref={box} {...c.attrs} class={cls("sd-split", vertical() && "sd-split-vertical", c.p().class)} style={{ display: "flex", "flex-direction": vertical() ? "column" : "row" }}>
      <div class="sd-split-pane" style={{ flex: `${ratio()} 1 0`, "min-width": vertical() ? undefined : `${num(c.p().min_size, 0)}px`, "min-height": vertical() ? `${num(c.p().min_size, 0)}px` : undefined }}>
        <RenderNode node={kids()[0]} ctx={c.ctx} scope={c.scope} />
      </div>
      <div class="sd-split-handle" role="separator" onPointerDown={onDown} />
      <div class="sd-split-pane" style={{ flex: `${1 - ratio()} 1 0`, "min-width": vertical() ? undefined : `${num(c.p().min_size, 0)}px` }}>
        <RenderNode node={kids()[1]} ctx={c.ctx} scope={c.scope} />
      </div>
    </div>
  );
}
