/**
 * @module Lookup tables keyed by words taken from user text.
 * A plain object literal inherits `constructor`, `toString`, `__proto__`…, so `TABLE["constructor"]` would return a
 * function and a message such as "constructor" would be misread; these tables have no prototype.
 */
export function wordTable<V>(entries: Record<string, V>): Readonly<Record<string, V | undefined>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, V>, entries));
}

/** An own property of `record`, never an inherited one. */
export function ownValue<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
