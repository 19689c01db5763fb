/**
 * The reference server's keyed store, shared by every session of one server process: what `store_put` writes and
 * `store_get` reads back, so a journey can create something and read it by the id it was given. Bounded: past
 * `MAX_STORE_ENTRIES` keys the oldest written is forgotten (a long run with unique keys keeps a flat memory).
 */
export const MAX_STORE_ENTRIES = 100_000;

export interface StoredItem {
  readonly key: string;
  readonly value: unknown;
  /** 1 when first written, +1 for every overwrite. */
  readonly version: number;
}

export class KeyedStore {
  private readonly items = new Map<string, StoredItem>();
  private generated = 0;

  constructor(private readonly capacity = MAX_STORE_ENTRIES) {}

  /** Writes `value` under `key` (a new key `item-<n>` when none is given) and returns what was stored. */
  put(key: string | undefined, value: unknown): StoredItem {
    const chosen = key ?? `item-${++this.generated}`;
    const previous = this.items.get(chosen);
    const item = { key: chosen, value, version: (previous?.version ?? 0) + 1 };
    this.items.delete(chosen); // re-inserted last: the oldest written is the first in the map
    this.items.set(chosen, item);
    if (this.items.size > this.capacity) this.items.delete(this.items.keys().next().value!);
    return item;
  }

  get(key: string): StoredItem | undefined {
    return this.items.get(key);
  }

  get size(): number {
    return this.items.size;
  }
}
