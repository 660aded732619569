/** How a CSV file separates cells and lines. */
export interface Dialect {
  readonly delimiter: string;
  readonly linebreak: '\r\n' | '\n' | '\r';
}

const CANDIDATES = [',', ';', '\t', '|'] as const;
const SAMPLE_LINES = 50;

/** Splits a sample into lines, ignoring line breaks inside quotes; counts candidates outside quotes. */
const countPerLine = (sample: string) => {
  const counts: Record<string, number>[] = [];
  let current: Record<string, number> = {};
  let quoted = false;
  let linebreak: Dialect['linebreak'] | undefined;
  for (let i = 0; i < sample.length && counts.length < SAMPLE_LINES; i++) {
    const ch = sample[i] ?? '';
    if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (ch === '\r' && sample[i + 1] === '\n') {
        linebreak ??= '\r\n';
        i++;
      } else {
        linebreak ??= ch;
      }
      counts.push(current);
      current = {};
    } else if (!quoted && (CANDIDATES as readonly string[]).includes(ch)) {
      current[ch] = (current[ch] ?? 0) + 1;
    }
  }
  counts.push(current);
  return { counts, linebreak: linebreak ?? '\n' };
};

/**
 * Detects the delimiter and line break from the head of a file. The
 * delimiter is the candidate that splits the most lines into the same,
 * non-zero number of cells, so letterhead lines above the header and a
 * stray comma in a note do not sway it. Ties go to `,` `;` tab `|`, in order.
 */
const sniffDialect = (sample: string): Dialect => {
  const { counts, linebreak } = countPerLine(sample);
  let best: { delimiter: string; score: number } = {
    delimiter: ',',
    score: 0,
  };
  for (const candidate of CANDIDATES) {
    const tally = new Map<number, number>();
    for (const line of counts) {
      const n = line[candidate] ?? 0;
      if (n > 0) tally.set(n, (tally.get(n) ?? 0) + 1);
    }
    const score = Math.max(0, ...tally.values());
    if (score > best.score) best = { delimiter: candidate, score };
  }
  return { delimiter: best.delimiter, linebreak };
};

export { sniffDialect };
