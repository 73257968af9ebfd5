/** Pure helpers for the virtualised table: sorting order and the visible window. */

export interface Column {
  header: string;
  field?: string;
  value?: string;
  sortable?: boolean;
  width?: number | string;
  align?: "start" | "center" | "end";
}

/** Compares two cell values: numbers numerically, null last, the rest as text (natural order). */
export function compareCells(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

/** Row order for a sort: indexes into the items, stable for equal cells. */
export function sortOrder(count: number, cell: (i: number) => unknown, direction: "asc" | "desc"): number[] {
  const values = Array.from({ length: count }, (_, i) => cell(i));
  const order = Array.from({ length: count }, (_, i) => i);
  const sign = direction === "asc" ? 1 : -1;
  order.sort((x, y) => sign * compareCells(values[x], values[y]) || x - y);
  return order;
}

/** Positions [start, end) to render for a scroll offset, with overscan rows on both sides. */
export function visibleWindow(scrollTop: number, viewport: number, rowHeight: number, count: number, overscan = 6): { start: number; end: number } {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + Math.ceil(viewport / rowHeight) + overscan);
  return { start, end: Math.max(start, end) };
}

export function columnsOf(v: unknown): Column[] {
  return Array.isArray(v) ? v.filter((c): c is Column => typeof c === "object" && c !== null && typeof (c as Column).header === "string") : [];
}
