import type { NormalizedRow } from './types.js';

/**
 * The primary keys a file has shown so far, each with the line it first
 * appeared on, in 12 bytes per key: a 64-bit fingerprint and a line number,
 * side by side in one typed array (open addressing, one cache line per
 * probe), instead of a Map of key strings (~100 bytes per key). A
 * 5,000,000-row file needs ~100 MB this way against ~500 MB as strings.
 *
 * Two different keys share a fingerprint with probability about n²/2⁶⁵:
 * below one in a million for 5,000,000 keys, below 10⁻¹³ for a province's
 * thousand-row files. Such a pair would be reported as a duplicate.
 */
export interface KeyIndex {
  /** The line the row's key was first seen on; `undefined` (and the key remembered) when it is new. */
  firstLine(row: NormalizedRow, line: number): number | undefined;
  readonly size: number;
}

const MAX_LOAD = 0.7;
/** Slot layout: fingerprint high, fingerprint low, line (0 = empty: file lines start at 1). */
const STRIDE = 3;
/** Mixed in between key fields, so `a|bc` and `ab|c` differ. */
const SEPARATOR = 0x1f;

/** Creates an index of the key made of `fields`, in that order. */
const createKeyIndex = (
  fields: readonly string[],
  initialCapacity = 1024,
): KeyIndex => {
  let capacity = 2 ** Math.ceil(Math.log2(Math.max(16, initialCapacity)));
  let slots = new Int32Array(capacity * STRIDE);
  let size = 0;

  /** The slot holding (h1, h2), or the empty one where it belongs. */
  const slotOf = (h1: number, h2: number): number => {
    const mask = capacity - 1;
    let slot = h1 & mask;
    for (;;) {
      const at = slot * STRIDE;
      if (slots[at + 2] === 0) return at;
      if (slots[at] === h1 && slots[at + 1] === h2) return at;
      slot = (slot + 1) & mask;
    }
  };

  const grow = () => {
    const old = slots;
    capacity *= 2;
    slots = new Int32Array(capacity * STRIDE);
    for (let at = 0; at < old.length; at += STRIDE) {
      if (old[at + 2] === 0) continue;
      const to = slotOf(old[at] ?? 0, old[at + 1] ?? 0);
      slots[to] = old[at] ?? 0;
      slots[to + 1] = old[at + 1] ?? 0;
      slots[to + 2] = old[at + 2] ?? 0;
    }
  };

  return {
    firstLine(row, line) {
      // Two 32-bit lanes of cyrb53 (public domain) over the key's fields, both kept.
      let h1 = 0xdeadbeef;
      let h2 = 0x41c6ce57;
      for (let f = 0; f < fields.length; f++) {
        const text = row[fields[f] ?? ''] ?? '';
        for (let i = 0; i < text.length; i++) {
          const c = text.charCodeAt(i);
          h1 = Math.imul(h1 ^ c, 2654435761);
          h2 = Math.imul(h2 ^ c, 1597334677);
        }
        h1 = Math.imul(h1 ^ SEPARATOR, 2654435761);
        h2 = Math.imul(h2 ^ SEPARATOR, 1597334677);
      }
      h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
      h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
      h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
      h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);

      const at = slotOf(h1, h2);
      const seen = slots[at + 2] ?? 0;
      if (seen !== 0) return seen;
      slots[at] = h1;
      slots[at + 1] = h2;
      slots[at + 2] = line;
      if (++size > capacity * MAX_LOAD) grow();
      return undefined;
    },
    get size() {
      return size;
    },
  };
};

export { createKeyIndex };
