/**
 * Least-recently-used cache bounded by a byte budget (decoded images are big and vary in size, so counting
 * entries is meaningless). Map iteration order is insertion order, so re-inserting on access keeps the oldest
 * entry first and eviction is O(1) per entry.
 */
export interface LruStats {
  readonly entries: number;
  readonly bytes: number;
  readonly budget: number;
  readonly hits: number;
  readonly misses: number;
  readonly evictions: number;
}

export class ByteLruCache<V> {
  private readonly map = new Map<string, { value: V; bytes: number }>();
  private total = 0;
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  constructor(
    private budget: number,
    private readonly onEvict?: (key: string, value: V) => void,
  ) {
    if (!(budget >= 0)) throw new RangeError(`cache budget must be >= 0 bytes, got ${budget}`);
  }

  get(key: string): V | undefined {
    const entry = this.map.get(key);
    if (entry === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.map.delete(key);
    this.map.set(key, entry);
    return entry.value;
  }

  /** The value without touching recency or the hit/miss counts. */
  peek(key: string): V | undefined {
    return this.map.get(key)?.value;
  }

  /** Presence without touching recency (prefetch asks this). */
  has(key: string): boolean {
    return this.map.has(key);
  }

  /**
   * Adds or replaces an entry. An entry larger than the whole budget is not kept (it would evict everything and
   * then itself); returns whether it was kept.
   */
  set(key: string, value: V, bytes: number): boolean {
    if (!(bytes >= 0) || !Number.isFinite(bytes)) throw new RangeError(`entry size must be a finite number >= 0, got ${bytes}`);
    this.delete(key);
    if (bytes > this.budget) return false;
    this.map.set(key, { value, bytes });
    this.total += bytes;
    this.evictToBudget();
    return true;
  }

  delete(key: string): boolean {
    const entry = this.map.get(key);
    if (entry === undefined) return false;
    this.map.delete(key);
    this.total -= entry.bytes;
    return true;
  }

  setBudget(budget: number): void {
    if (!(budget >= 0)) throw new RangeError(`cache budget must be >= 0 bytes, got ${budget}`);
    this.budget = budget;
    this.evictToBudget();
  }

  clear(): void {
    this.map.clear();
    this.total = 0;
  }

  keys(): string[] {
    return [...this.map.keys()];
  }

  stats(): LruStats {
    return { entries: this.map.size, bytes: this.total, budget: this.budget, hits: this.hits, misses: this.misses, evictions: this.evictions };
  }

  private evictToBudget(): void {
    while (this.total > this.budget) {
      const oldest = this.map.keys().next();
      if (oldest.done === true) break;
      const key = oldest.value;
      const entry = this.map.get(key);
      this.map.delete(key);
      if (entry === undefined) continue;
      this.total -= entry.bytes;
      this.evictions++;
      this.onEvict?.(key, entry.value);
    }
  }
}
