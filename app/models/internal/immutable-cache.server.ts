/**
 * A small in-process cache for values derived from rows that never change (an agreement version's
 * snapshot: the database refuses to change it, migration 0011), so a page can skip reading and
 * rebuilding them on every request. Bounded: past `max` entries the least recently used goes.
 * Cached values are deep-frozen, because every request shares them. The caller checks access
 * before it asks; the key must name the row exactly (its id with an immutable fingerprint such
 * as its creation time, so another database with the same ids, as in tests, cannot hit it).
 */
export class ImmutableCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): V {
    const frozen = deepFreeze(value);
    this.entries.delete(key);
    this.entries.set(key, frozen);
    while (this.entries.size > this.max) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    return frozen;
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}
