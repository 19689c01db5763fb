export interface LruLimits {
  /** Entries kept at most (≥ 1). */
  readonly maxEntries: number;
  /** Sum of entry sizes kept at most; an entry larger than this is not stored. */
  readonly maxBytes: number;
  /** An entry is gone `ttlUs` after it was stored: at exactly that age it is already expired. */
  readonly ttlUs: number;
}

/**
 * Why an entry left the map: pushed out by the limits (`evicted`), found past its TTL (`expired`), or taken out by
 * `delete` or a `set` of the same key (`deleted`).
 */
export type RemovalCause = 'evicted' | 'expired' | 'deleted';

/** Told of every entry that leaves the map, with its value and size (per-key accounting: cache-accounting.ts). */
export type RemovalListener<V> = (value: V, bytes: number, cause: RemovalCause) => void;

interface Entry<V> {
  value: V;
  bytes: number;
  expiresAtUs: number;
}

/**
 * A least-recently-used map with a time to live and size accounting. Recency is the Map's insertion order (a hit
 * re-inserts its key), so eviction takes the oldest key first, in O(1). Time is passed in, never read here.
 * Expired entries are dropped when looked up, when they reach the front of the eviction order, or by `dropExpired`.
 */
export class LruMap<K, V> {
  private readonly entries = new Map<K, Entry<V>>();
  private totalBytes = 0;
  evictions = 0;
  expirations = 0;

  constructor(
    private readonly limits: LruLimits,
    private readonly onRemove?: RemovalListener<V>,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  /** The live value under `key`, now the most recently used; an expired entry is removed and counted. */
  get(key: K, nowUs: number): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (nowUs >= entry.expiresAtUs) {
      this.remove(key, entry, 'expired');
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Stores `value` as the most recently used entry, then evicts the oldest until within limits. */
  set(key: K, value: V, bytes: number, nowUs: number): boolean {
    this.delete(key);
    this.dropExpiredFront(nowUs);
    if (bytes > this.limits.maxBytes || this.limits.maxEntries < 1) return false;
    this.entries.set(key, { value, bytes, expiresAtUs: nowUs + this.limits.ttlUs });
    this.totalBytes += bytes;
    while (this.entries.size > this.limits.maxEntries || this.totalBytes > this.limits.maxBytes) this.evictOldest(nowUs);
    return true;
  }

  delete(key: K): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    this.remove(key, entry, 'deleted');
    return true;
  }

  /** Drops every expired entry, wherever it is in the order (O(size)): what is left is what the map really holds. */
  dropExpired(nowUs: number): void {
    for (const [key, entry] of this.entries) if (nowUs >= entry.expiresAtUs) this.remove(key, entry, 'expired');
  }

  /** Drops expired entries at the front of the order (the least recently used), so dead entries do not linger. */
  private dropExpiredFront(nowUs: number): void {
    for (const [key, entry] of this.entries) {
      if (nowUs < entry.expiresAtUs) return;
      this.remove(key, entry, 'expired');
    }
  }

  private evictOldest(nowUs: number): void {
    const first = this.entries.entries().next();
    if (first.done === true) return;
    const [key, entry] = first.value;
    this.remove(key, entry, nowUs >= entry.expiresAtUs ? 'expired' : 'evicted');
  }

  private remove(key: K, entry: Entry<V>, cause: RemovalCause): void {
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
    if (cause === 'expired') this.expirations++;
    else if (cause === 'evicted') this.evictions++;
    this.onRemove?.(entry.value, entry.bytes, cause);
  }
}
