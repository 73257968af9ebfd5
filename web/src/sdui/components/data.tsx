import { createSignal, For, Show, untrack } from "solid-js";
import type { JSX } from "solid-js";
import { resolveProps } from "../../../../lib/sdui/index.ts";
import type { CompProps, ItemScope, Props } from "../render/context";
import { act, bool, cls, space, str } from "../render/context";
import { ExitGroup, registerExit } from "../look/exit";
import type { AnimateSpec } from "../look/motion";
import { effectiveAnimate } from "../look/motion";
import { createKeyed, entryOf } from "../render/keyed";
import { RenderNode } from "../render/render-node";
import { Icon } from "./display";

/** Evaluates a per-item prop (key, label, icon) for one item. */
export function perItem(c: CompProps, name: string, item: unknown, index: number): Props[string] {
  const raw = c.node.props?.[name];
  if (raw === undefined) return null;
  return resolveProps({ v: raw }, { state: c.ctx.state(), item, index }).props.v ?? null;
}

const itemsOf = (c: CompProps): unknown[] => (Array.isArray(c.p().items) ? (c.p().items as unknown[]) : []);
const selectedKeys = (c: CompProps): string[] => {
  const s = c.p().selected;
  return Array.isArray(s) ? s.map((x) => str(x)) : s === undefined || s === null || s === "" ? [] : [str(s)];
};

/** The exit of a list's items: the first item-template child that declares one (or its type's default). */
function itemExit(c: CompProps): AnimateSpec | null {
  for (const child of c.node.children ?? []) {
    const n = child as { type?: unknown; animate?: unknown };
    const spec = typeof n.type === "string" ? effectiveAnimate(n.type, n.animate) : null;
    if (spec?.exit) return spec;
  }
  return null;
}

export function List(c: CompProps) {
  const horizontal = () => str(c.p().direction) === "horizontal";
  const exit = itemExit(c);
  // Keyed by the item key: patches move items by index, the rendered rows follow their keys.
  const keyed = createKeyed(() => itemsOf(c), (item, i) => str(perItem(c, "key", item, i)));
  const row = (key: string) => {
    const entry = entryOf(keyed, key);
    const scope: ItemScope = {
      get item() {
        return entry().item;
      },
      get index() {
        return entry().index;
      },
    };
    return (
      <div ref={(el) => exit && registerExit(el, () => exit)} role="listitem" class="sd-list-item" data-key={key} aria-selected={selectedKeys(c).includes(key)} onClick={(e) => { if (!(e.target as Element).closest("input,button,select,textarea,a")) act({ ...c, scope: { item: entry().item, index: entry().index } }, { value: key }); }}>
        <For each={c.node.children ?? []}>{(child) => <RenderNode node={child} ctx={c.ctx} scope={scope} index={untrack(entry).index} />}</For>
      </div>
    );
  };
  const items = () => <For each={keyed.keys()} fallback={<div class="sd-empty">{str(c.p().empty_text, "Nothing here yet.")}</div>}>{row}</For>;
  return (
    <div {...c.attrs} role="list" class={cls("sd-list", horizontal() && "sd-list-horizontal", bool(c.p().dividers) && "sd-dividers", c.p().class)} style={{ gap: space(c.p().gap) }}>
      {exit ? <ExitGroup reducedMotion={c.ctx.reducedMotion}>{items()}</ExitGroup> : items()}
    </div>
  );
}

export function TreeView(c: CompProps) {
  const field = () => str(c.node.props?.children_field as Props[string], "children");
  const [local, setLocal] = createSignal<Set<string> | null>(null);
  const expanded = () => local() ?? new Set(Array.isArray(c.p().expanded) ? (c.p().expanded as unknown[]).map((k) => str(k as string)) : []);
  const toggle = (key: string) => {
    const next = new Set(expanded());
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setLocal(next);
  };
  const Level = (props: { items: unknown[]; depth: number }): JSX.Element => (
    <ul role={props.depth === 0 ? "tree" : "group"} class="sd-tree-level">
      <For each={props.items}>
        {(item, i) => {
          const key = () => str(perItem(c, "key", item, i()));
          const kids = () => {
            const k = typeof item === "object" && item !== null ? (item as Record<string, unknown>)[field()] : undefined;
            return Array.isArray(k) ? k : [];
          };
          const open = () => expanded().has(key());
          return (
            <li role="treeitem" aria-expanded={kids().length ? open() : undefined} aria-selected={selectedKeys(c).includes(key())} data-key={key()} class="sd-tree-item">
              <div class="sd-tree-row" style={{ "padding-left": `${props.depth * 16}px` }}>
                <button type="button" class="sd-tree-toggle" disabled={!kids().length} onClick={() => toggle(key())} aria-label={open() ? "Collapse" : "Expand"}>{kids().length ? (open() ? "▾" : "▸") : "·"}</button>
                <Show when={perItem(c, "icon", item, i())}><Icon name={str(perItem(c, "icon", item, i()))} size={14} /></Show>
                <span class="sd-tree-label" onClick={() => act({ ...c, scope: { item, index: i() } }, { value: key() })}>{str(perItem(c, "label", item, i()))}</span>
              </div>
              <Show when={open() && kids().length}><Level items={kids()} depth={props.depth + 1} /></Show>
            </li>
          );
        }}
      </For>
    </ul>
  );
  return (
    <div {...c.attrs} class={cls("sd-tree", c.p().class)}>
      <Show when={itemsOf(c).length} fallback={<div class="sd-empty">{str(c.p().empty_text, "Nothing here yet.")}</div>}><Level items={itemsOf(c)} depth={0} /></Show>
    </div>
  );
}

export function KeyValue(c: CompProps) {
  const rows = (): { label: string; value: string }[] => {
    const p = c.p();
    if (Array.isArray(p.entries)) return p.entries.map((e) => (typeof e === "object" && e !== null && !Array.isArray(e) ? { label: str(e.label), value: str(e.value) } : { label: "", value: str(e) }));
    if (typeof p.data === "object" && p.data !== null && !Array.isArray(p.data)) return Object.keys(p.data).map((k) => ({ label: k, value: str((p.data as Props)[k]) }));
    return [];
  };
  return (
    <dl {...c.attrs} class={cls("sd-kv", str(c.p().layout) === "columns" && "sd-kv-columns", c.p().class)}>
      <For each={rows()}>{(r) => <div class="sd-kv-row"><dt>{r.label}</dt><dd>{r.value}</dd></div>}</For>
    </dl>
  );
}
