import { createComputed, createMemo, createSignal, For, Index, onCleanup, onMount, Show, untrack } from "solid-js";
import { compileTemplate } from "../../../../lib/sdui/index.ts";
import { playExit, registerExit } from "../look/exit";
import type { AnimateSpec } from "../look/motion";
import { effectiveAnimate } from "../look/motion";
import type { CompProps } from "../render/context";
import { act, bool, cls, fieldOf, str } from "../render/context";
import { perItem } from "./data";
import type { Column } from "./table-logic";
import { columnsOf, sortOrder, visibleWindow } from "./table-logic";

const ROW_H = 32;

/**
 * A sortable, virtualised table: only the rows in view (plus overscan) exist in the DOM; each
 * cell reads its item through the store, so a patch to one row re-renders that row's cells only.
 */
export function Table(c: CompProps) {
  const items = () => (Array.isArray(c.p().items) ? (c.p().items as unknown[]) : []);
  const columns = createMemo(() => columnsOf(c.node.props?.columns));
  const initial = c.p().sort;
  const [sort, setSort] = createSignal<{ column: number; direction: "asc" | "desc" } | null>(
    typeof initial === "object" && initial !== null && !Array.isArray(initial) && typeof initial.column === "number" ? { column: initial.column, direction: initial.direction === "desc" ? "desc" : "asc" } : null,
  );
  const cell = (col: Column, item: unknown, index: number): unknown => {
    if (col.field) return fieldOf(item, col.field);
    if (!col.value) return null;
    const t = compileTemplate(col.value);
    if (!t.ok) return null;
    const r = t.template.evaluate({ state: c.ctx.state(), item, index });
    return r.ok ? r.value : null;
  };
  const order = createMemo(() => {
    const s = sort();
    const list = items();
    if (!s) return null;
    const col = columns()[s.column];
    return col ? sortOrder(list.length, (i) => cell(col, list[i], i), s.direction) : null;
  });
  const [scrollTop, setScrollTop] = createSignal(0);
  const [viewport, setViewport] = createSignal(480);
  const win = createMemo(() => visibleWindow(scrollTop(), viewport(), ROW_H, items().length));
  const positions = createMemo(() => {
    const { start, end } = win();
    return Array.from({ length: end - start }, (_, i) => start + i);
  });
  let scroller: HTMLDivElement | undefined;
  let rows: HTMLDivElement | undefined;
  if (typeof (c.node.props?.row_animate as { exit?: unknown } | undefined)?.exit === "string" || typeof c.node.props?.row_animate === "string") exitRows(c, items, () => rows);
  onMount(() => {
    if (!scroller) return;
    const ro = new ResizeObserver(() => setViewport(scroller?.clientHeight || 480));
    ro.observe(scroller);
    onCleanup(() => ro.disconnect());
  });
  const toggleSort = (i: number) => {
    if (!columns()[i]?.sortable) return;
    const s = sort();
    setSort(s?.column === i ? (s.direction === "asc" ? { column: i, direction: "desc" } : null) : { column: i, direction: "asc" });
  };
  const template = () => columns().map((col) => (typeof col.width === "number" ? `${col.width}px` : col.width ?? "minmax(80px, 1fr)")).join(" ");
  const selected = () => {
    const s = c.p().selected;
    return new Set(Array.isArray(s) ? s.map((x) => str(x)) : s === undefined || s === null ? [] : [str(s)]);
  };
  return (
    <div {...c.attrs} class={cls("sd-table", bool(c.p().striped) && "sd-striped", c.p().class)} role="table" aria-rowcount={items().length}>
      <div class="sd-table-head" role="row" style={{ "grid-template-columns": template() }}>
        <Index each={columns()}>
          {(col, i) => (
            <div role="columnheader" class={cls("sd-th", col().sortable && "sd-sortable", col().align && `sd-align-${col().align}`)} aria-sort={sort()?.column === i ? (sort()?.direction === "asc" ? "ascending" : "descending") : undefined} onClick={() => toggleSort(i)}>
              {col().header}
              <Show when={sort()?.column === i}>{sort()?.direction === "asc" ? " ▲" : " ▼"}</Show>
            </div>
          )}
        </Index>
      </div>
      <div ref={scroller} class="sd-table-body" onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <Show when={items().length} fallback={<div class="sd-empty">{str(c.p().empty_text, "No rows.")}</div>}>
          <div ref={rows} style={{ height: `${items().length * ROW_H}px`, position: "relative" }}>
            <Index each={positions()}>
              {(pos) => {
                const index = () => order()?.[pos()] ?? pos();
                const item = () => items()[index()];
                const key = () => str(perItem(c, "key", item(), index()));
                return (
                  <div role="row" class={cls("sd-tr", pos() % 2 === 1 && "sd-odd")} aria-rowindex={pos() + 1} data-key={key()} aria-selected={selected().has(key())}
                    style={{ transform: `translateY(${pos() * ROW_H}px)`, height: `${ROW_H}px`, "grid-template-columns": template() }}
                    onClick={() => act({ ...c, scope: { item: item(), index: index() } }, { value: key() })}>
                    <For each={columns()}>{(col) => <div role="cell" class={cls("sd-td", col.align && `sd-align-${col.align}`)}>{str(cell(col, item(), index()) as string)}</div>}</For>
                  </div>
                );
              }}
            </Index>
          </div>
        </Show>
      </div>
    </div>
  );
}

/**
 * Rows are virtual (a row element shows whichever item is at its position), so a removed item
 * leaves as a copy: before the rows re-render, each rendered row whose key is gone is cloned in
 * place, marked data-exiting and inert, plays `row_animate`'s exit and is dropped. Only tables
 * that declare `row_animate` pay for watching every key.
 */
function exitRows(c: CompProps, items: () => unknown[], container: () => HTMLDivElement | undefined): void {
  const spec = (): AnimateSpec | null => {
    const r = c.p().row_animate;
    return typeof r === "object" && r !== null && !Array.isArray(r) ? effectiveAnimate("table-row", r) : null;
  };
  createComputed((before: Set<string> | undefined) => {
    const list = items();
    const keys = new Set<string>();
    for (let i = 0; i < list.length; i++) keys.add(str(perItem(c, "key", list[i], i)));
    const body = container();
    if (!before || !body || untrack(c.ctx.reducedMotion) || !untrack(spec)?.exit) return keys;
    let k = 0;
    for (const row of body.querySelectorAll<HTMLElement>(':scope > [role="row"]:not([data-exiting])')) {
      const key = row.getAttribute("data-key");
      if (key === null || !before.has(key) || keys.has(key)) continue;
      const ghost = row.cloneNode(true) as HTMLElement;
      ghost.removeAttribute("aria-rowindex");
      registerExit(ghost, spec);
      body.appendChild(ghost);
      void playExit(ghost, k++).then(() => ghost.remove());
    }
    return keys;
  });
}
