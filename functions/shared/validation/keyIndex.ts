import type { NormalizedRow } from '../schema/types.js';

/** A row whose key an earlier row already had. */
export interface KeyRepeat {
  readonly line: number;
  readonly firstLine: number;
}

/**
 * The primary keys a file has shown, each with the line it first appeared
 * on, in memory that does not grow with the file.
 *
 * A key is kept as a 64-bit fingerprint and a line number: 12 bytes, side
 * by side in one typed array (open addressing), instead of a Map of key
 * strings (~100 bytes per key). The first `maxInMemory` keys stay in memory
 * and a repeat of one of them is known at once. Past that, further keys are
 * appended to 64 files by fingerprint, and repeats among them are found
 * at the end, one file at a time (`spilledRepeats`).
 *
 * Two different keys share a fingerprint with probability about n²/2⁶⁵:
 * below one in a million for 5,000,000 keys, below 10⁻¹³ for a province's
 * thousand-row files. Such a pair would be reported as a repeat.
 */
export interface KeyIndex {
  /** The line the row's key was first seen on, when known now; `undefined` for a new key (it is remembered). */
  firstLine(row: NormalizedRow, line: number): number | undefined;
  /** Repeats among the keys set aside on disk, in line order. Removes the files. */
  spilledRepeats(): KeyRepeat[];
  /** Removes the files set aside, if any; `spilledRepeats` does it too. */
  dispose(): void;
  /** Distinct keys so far (repeats set aside on disk count once `spilledRepeats` found them). */
  readonly size: number;
}

/**
 * Where keys past `maxInMemory` are set aside: records of (fingerprint
 * high, fingerprint low, line), appended, then read back partition by
 * partition. Files on disk in Node (`keySpillFiles.ts`); a browser keeps
 * every key in memory instead.
 */
export interface KeySpill {
  add(h1: number, h2: number, line: number): void;
  /** Each partition's records in the order added, in one reused array (valid until the next). */
  read(): Generator<Int32Array>;
  remove(): void;
}

export interface KeyIndexOptions {
  /** Keys held in memory before the next ones go to the spill. @default 1,000,000 (≈ 25 MB) */
  readonly maxInMemory?: number;
  /** Where later keys go; without one, every key stays in memory. */
  readonly spill?: KeySpill;
}

const MAX_LOAD = 0.7;
/** Record layout, in memory and in a spill: fingerprint high, fingerprint low, line. */
const STRIDE = 3;

/** Fingerprints → first line, in one growing typed array; line 0 marks an empty slot (file lines start at 1). */
const createFingerprintTable = (expected: number) => {
  let capacity = 2 ** Math.ceil(Math.log2(Math.max(16, expected / MAX_LOAD)));
  let slots = new Int32Array(capacity * STRIDE);
  let size = 0;

  /** Where (h1, h2) is, or the empty slot where it belongs. */
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
    // Three plain copies per key: a subarray per key made growing a
    // million-key table take a second.
    for (let at = 0; at < old.length; at += STRIDE) {
      const line = old[at + 2] ?? 0;
      if (line === 0) continue;
      const h1 = old[at] ?? 0;
      const h2 = old[at + 1] ?? 0;
      const to = slotOf(h1, h2);
      slots[to] = h1;
      slots[to + 1] = h2;
      slots[to + 2] = line;
    }
  };

  return {
    get size() {
      return size;
    },
    /** Empties the table, keeping its memory for the next use. */
    clear() {
      slots.fill(0);
      size = 0;
    },
    /** The line stored for (h1, h2), else 0. */
    get: (h1: number, h2: number): number => slots[slotOf(h1, h2) + 2] ?? 0,
    /** The line stored for (h1, h2); else stores `line` and gives 0. */
    getOrPut(h1: number, h2: number, line: number): number {
      const at = slotOf(h1, h2);
      const seen = slots[at + 2] ?? 0;
      if (seen !== 0) return seen;
      slots[at] = h1;
      slots[at + 1] = h2;
      slots[at + 2] = line;
      if (++size > capacity * MAX_LOAD) grow();
      return 0;
    },
  };
};

/** Creates an index of the key made of `fields`, in that order. */
const createKeyIndex = (
  fields: readonly string[],
  options: KeyIndexOptions = {},
): KeyIndex => {
  const { spill } = options;
  const maxInMemory = spill
    ? (options.maxInMemory ?? 1_000_000)
    : Number.POSITIVE_INFINITY;
  const table = createFingerprintTable(Math.min(16_384, maxInMemory));
  let size = 0;

  return {
    firstLine(row, line) {
      // Two 32-bit lanes of cyrb53 (public domain) over the key's fields, both kept.
      let h1 = 0xdeadbeef;
      let h2 = 0x41c6ce57;
      for (let f = 0; f < fields.length; f++) {
        const text = row[fields[f] ?? ''] ?? '';
        // Each field's length first, so `a|bc` and `ab|c` differ.
        h1 = Math.imul(h1 ^ text.length, 2654435761);
        h2 = Math.imul(h2 ^ text.length, 1597334677);
        for (let i = 0; i < text.length; i++) {
          const c = text.charCodeAt(i);
          h1 = Math.imul(h1 ^ c, 2654435761);
          h2 = Math.imul(h2 ^ c, 1597334677);
        }
      }
      h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
      h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
      h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
      h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);

      if (table.size < maxInMemory) {
        const seen = table.getOrPut(h1, h2, line);
        if (seen !== 0) return seen;
      } else {
        const seen = table.get(h1, h2);
        if (seen !== 0) return seen;
        spill?.add(h1, h2, line);
      }
      size++;
      return undefined;
    },
    spilledRepeats() {
      const repeats: KeyRepeat[] = [];
      // One table for every partition, sized by the first (they are alike).
      let seen: ReturnType<typeof createFingerprintTable> | undefined;
      if (!spill) return repeats;
      try {
        for (const records of spill.read()) {
          seen ??= createFingerprintTable(records.length / STRIDE);
          seen.clear();
          for (let at = 0; at < records.length; at += STRIDE) {
            const line = records[at + 2] ?? 0;
            const first = seen.getOrPut(
              records[at] ?? 0,
              records[at + 1] ?? 0,
              line,
            );
            if (first !== 0) repeats.push({ line, firstLine: first });
          }
        }
      } finally {
        spill.remove();
      }
      size -= repeats.length;
      return repeats.sort((a, b) => a.line - b.line);
    },
    dispose: () => spill?.remove(),
    get size() {
      return size;
    },
  };
};

export { createKeyIndex, STRIDE };
