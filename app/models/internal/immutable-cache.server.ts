/**
 * A small in-process cache for values derived from rows that never change (an agreement version's
 * snapshot: the database refuses to change it, migration 0011), so a page can skip reading and
 * rebuilding them on every request. Bounded: past `max` entries the least recently used goes.
 * Cached values are deep-frozen, because every request shares them. The caller checks access
 * before it asks; the key must name the row exactly (its id with an immutable fingerprint such
 * as its creation time, so another database with the same ids, as in tests, cannot hit it).
 */
import { LRUCache } from "lru-cache";

export class ImmutableCache<V extends object> {
  private readonly entries: LRUCache<string, V>;

  constructor(max: number) {
    this.entries = new LRUCache<string, V>({ max });
  }

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: V): V {
    const frozen = deepFreeze(value);
    this.entries.set(key, frozen);
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
