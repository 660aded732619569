import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import Papa from 'papaparse';
import { type Dialect, sniffDialect } from './sniffDialect.js';

/** One parsed record with the physical, 1-based line of the original file it starts on. */
export interface CsvRecord {
  readonly cells: string[];
  readonly line: number;
}

/** A structural problem papaparse found, placed on our own line numbers. */
export interface CsvIssue {
  readonly kind: 'unterminated-quote' | 'malformed-quote';
  readonly line: number;
}

/** A batch of records as parsed from one input chunk. */
export interface CsvBatch {
  readonly records: CsvRecord[];
  readonly issues: CsvIssue[];
  readonly delimiter: string;
  readonly linebreak: string;
}

const HEAD_CHARS = 64 * 1024;

/**
 * Reads the head of the input, detects the dialect on it, then feeds the
 * head and the rest to `target` with backpressure.
 */
const pumpWithDialect = async (
  input: Readable,
  target: PassThrough,
  onDialect: (dialect: Dialect, error?: unknown) => void,
): Promise<void> => {
  let head = '';
  let sniffed = false;
  const start = () => {
    sniffed = true;
    onDialect(sniffDialect(head));
    target.write(head);
  };
  try {
    for await (const chunk of input) {
      if (!sniffed) {
        head += String(chunk);
        if (head.length >= HEAD_CHARS) start();
        continue;
      }
      if (!target.write(chunk)) await once(target, 'drain');
    }
    if (!sniffed) start();
    target.end();
  } catch (error) {
    // Before the dialect is known nothing reads `target`: hand the error over.
    if (!sniffed) onDialect(sniffDialect(head), error);
    else target.destroy(error as Error);
  }
};

const countOf = (text: string, ch: string): number => {
  let n = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) n++;
  return n;
};

/**
 * Streams a decoded CSV (string chunks) through papaparse and yields batches
 * of records. Papaparse's `row` is not trusted (PapaParse #441, #929): a
 * record's line is the line after the previous record plus the line breaks
 * inside its quoted cells. The parser is paused while a batch is consumed,
 * so memory stays bounded by one chunk.
 */
async function* readCsvRecords(
  input: Readable,
  options: { delimiter?: string } = {},
): AsyncGenerator<CsvBatch> {
  const queue: CsvBatch[] = [];
  let parser: Papa.Parser | undefined;
  let paused = false;
  let done = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  let nextLine = 1;

  const notify = () => {
    wake?.();
    wake = undefined;
  };
  // Object mode passes the decoded strings through without re-encoding.
  const source = new PassThrough({ objectMode: true, highWaterMark: 4 });
  source.once('error', (error) => {
    failure = error;
    done = true;
    notify();
  });
  const { dialect, error } = await new Promise<{
    dialect: Dialect;
    error?: unknown;
  }>((resolve) => {
    void pumpWithDialect(input, source, (d, e) =>
      resolve({ dialect: d, error: e }),
    );
  });
  if (error) throw error;
  const delimiter = options.delimiter ?? dialect.delimiter;
  const breakChar = dialect.linebreak.includes('\n') ? '\n' : '\r';

  Papa.parse<string[]>(source as unknown as File, {
    delimiter,
    newline: dialect.linebreak,
    skipEmptyLines: false,
    chunk(results, handle) {
      const records: CsvRecord[] = [];
      const issues: CsvIssue[] = [];
      const quoteErrors = new Map<number, CsvIssue['kind']>();
      for (const error of results.errors) {
        if (error.type === 'Quotes' && error.row !== undefined) {
          quoteErrors.set(
            error.row,
            error.code === 'MissingQuotes'
              ? 'unterminated-quote'
              : 'malformed-quote',
          );
        }
      }
      results.data.forEach((cells, index) => {
        const line = nextLine;
        let breaks = 0;
        for (const cell of cells) breaks += countOf(cell, breakChar);
        nextLine += 1 + breaks;
        const quoteError = quoteErrors.get(index);
        if (quoteError) issues.push({ kind: quoteError, line });
        records.push({ cells, line });
      });
      queue.push({ records, issues, delimiter, linebreak: dialect.linebreak });
      parser = handle;
      paused = true;
      handle.pause();
      notify();
    },
    complete() {
      done = true;
      notify();
    },
    error(error: Error) {
      failure = error;
      done = true;
      notify();
    },
  });

  while (true) {
    const batch = queue.shift();
    if (batch) {
      yield batch;
      continue;
    }
    if (failure) throw failure;
    if (done) return;
    const waiting = new Promise<void>((resolve) => {
      wake = resolve;
    });
    if (paused && parser) {
      paused = false;
      parser.resume();
    }
    if (queue.length === 0 && !done) await waiting;
  }
}

export { readCsvRecords };
