/** @module A small least-recently-used memo of promises (failed computations are forgotten). */

/** Returns `get(key, compute)`: the cached promise for `key`, or `compute()` stored under it. */
export function createMemo<T>(max: number): (key: string, compute: () => Promise<T>) => Promise<T> {
  const map = new Map<string, Promise<T>>();
  return (key, compute) => {
    const hit = map.get(key);
    if (hit) {
      map.delete(key);
      map.set(key, hit);
      return hit;
    }
    const value = compute();
    map.set(key, value);
    value.catch(() => map.delete(key));
    while (map.size > max) map.delete(map.keys().next().value as string);
    return value;
  };
}
