/**
 * Keyed rendering of lists that the live client patches by index. The server's JSON patches
 * address array items by position, so removing item b of [a, b, c] arrives as "b's slot now
 * holds c, the last slot goes": object identity does not follow the items. Rendering by key
 * (an element's id, a list item's key) instead keeps each DOM element with its item, so enter
 * and exit animations play on the item that came or went, and tweens start from its own values.
 */
import type { Accessor } from "solid-js";
import { createMemo } from "solid-js";

/** Keys made unique: an empty key becomes "#<index>", a repeated one "<key>#<n>". */
export function uniqueKeys(raw: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((k, i) => {
    const key = k === "" ? `#${i}` : k;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return n === 0 ? key : `${key}#${n}`;
  });
}

export interface Keyed<T> {
  /** The keys in order (a new array only when they change). */
  keys: Accessor<string[]>;
  /** The item (and its position) under a key now. */
  get(key: string): { item: T; index: number } | undefined;
}

export function createKeyed<T>(list: () => readonly T[], keyOf: (item: T, index: number) => string): Keyed<T> {
  const table = createMemo(() => {
    const items = list();
    const keys = uniqueKeys(items.map((item, i) => keyOf(item, i)));
    const map = new Map<string, { item: T; index: number }>();
    keys.forEach((k, i) => map.set(k, { item: items[i]!, index: i }));
    return { keys, map };
  });
  const keys = createMemo(() => table().keys, [], { equals: (a, b) => a.length === b.length && a.every((k, i) => k === b[i]) });
  return { keys, get: (key) => table().map.get(key) };
}

/** One key's entry, keeping its last value after the key is gone (while its element exits). */
export function entryOf<T>(keyed: Keyed<T>, key: string): Accessor<{ item: T; index: number }> {
  return createMemo<{ item: T; index: number }>((prev) => keyed.get(key) ?? prev!, keyed.get(key)!);
}
