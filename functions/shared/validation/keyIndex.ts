/**
 * The primary keys a file has shown so far, each with the line it first
 * appeared on, in 12 bytes per key: a 64-bit fingerprint and a line number
 * in typed arrays (open addressing), instead of a Map of key strings
 * (~100 bytes per key). A 5,000,000-row file needs ~100 MB this way
 * against ~500 MB as strings.
 *
 * Two different keys share a fingerprint with probability about n²/2⁶⁵:
 * below one in a million for 5,000,000 keys, below 10⁻¹³ for a province's
 * thousand-row files. Such a pair would be reported as a duplicate.
 */
export interface KeyIndex {
  /** The line a key was first seen on; `undefined` (and the key remembered) when it is new. */
  firstLine(key: string, line: number): number | undefined;
  readonly size: number;
}

const MAX_LOAD = 0.7;

/** Two 32-bit lanes of cyrb53 (public domain), both kept: 64 bits. */
const fingerprint = (key: string, out: Int32Array): void => {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  out[0] = h1;
  out[1] = h2;
};

const createKeyIndex = (initialCapacity = 1024): KeyIndex => {
  let capacity = 2 ** Math.ceil(Math.log2(Math.max(16, initialCapacity)));
  let high = new Int32Array(capacity);
  let low = new Int32Array(capacity);
  // Line 0 marks an empty slot: file lines start at 1.
  let lines = new Int32Array(capacity);
  let size = 0;
  const print = new Int32Array(2);

  const slotOf = (h1: number, h2: number): number => {
    const mask = capacity - 1;
    let slot = h1 & mask;
    while (lines[slot] !== 0 && (high[slot] !== h1 || low[slot] !== h2)) {
      slot = (slot + 1) & mask;
    }
    return slot;
  };

  const grow = () => {
    const [oldHigh, oldLow, oldLines] = [high, low, lines];
    capacity *= 2;
    high = new Int32Array(capacity);
    low = new Int32Array(capacity);
    lines = new Int32Array(capacity);
    for (let i = 0; i < oldLines.length; i++) {
      const line = oldLines[i] ?? 0;
      if (line === 0) continue;
      const h1 = oldHigh[i] ?? 0;
      const h2 = oldLow[i] ?? 0;
      const slot = slotOf(h1, h2);
      high[slot] = h1;
      low[slot] = h2;
      lines[slot] = line;
    }
  };

  return {
    firstLine(key, line) {
      fingerprint(key, print);
      const h1 = print[0] ?? 0;
      const h2 = print[1] ?? 0;
      const slot = slotOf(h1, h2);
      const seen = lines[slot] ?? 0;
      if (seen !== 0) return seen;
      high[slot] = h1;
      low[slot] = h2;
      lines[slot] = line;
      if (++size > capacity * MAX_LOAD) grow();
      return undefined;
    },
    get size() {
      return size;
    },
  };
};

export { createKeyIndex };
