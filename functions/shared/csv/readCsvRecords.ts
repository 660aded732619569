import Papa from 'papaparse';
import { type Dialect, sniffDialect } from './sniffDialect.js';

/** One parsed record with the physical, 1-based line of the original file it starts on. */
export interface CsvRecord {
  readonly cells: string[];
  readonly line: number;
  /** For a workbook's record: its sheet. */
  readonly sheet?: string;
  /** For a workbook's record: each cell's reference, such as `D7`. */
  readonly cellRefs?: readonly string[];
}

/** A structural problem papaparse found, placed on our own line numbers. */
export interface CsvIssue {
  readonly kind: 'unterminated-quote' | 'malformed-quote';
  readonly line: number;
}

/** The records of one parse of about 64 K characters. */
export interface CsvBatch {
  readonly records: CsvRecord[];
  readonly issues: CsvIssue[];
  readonly delimiter: string;
  readonly linebreak: string;
}

const HEAD_CHARS = 64 * 1024;
/** Text parsed at a time: larger batches measured slower (cache, garbage collection). */
const BATCH_CHARS = 64 * 1024;
/**
 * Longest record followed across chunks. Beyond it a quote is taken as
 * never closed: the file is not read further, so a stray quote cannot make
 * every later chunk re-parse an ever-growing tail.
 */
const MAX_RECORD_CHARS = 4 * 1024 * 1024;

const countOf = (text: string, ch: string): number => {
  let n = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) n++;
  return n;
};

type QuoteErrors = Map<number, CsvIssue['kind']>;

const quoteErrorsOf = (errors: readonly Papa.ParseError[]): QuoteErrors => {
  const found: QuoteErrors = new Map();
  for (const error of errors) {
    if (error.type === 'Quotes' && error.row !== undefined) {
      found.set(
        error.row,
        error.code === 'MissingQuotes'
          ? 'unterminated-quote'
          : 'malformed-quote',
      );
    }
  }
  return found;
};

/**
 * Streams a decoded CSV (string chunks) through papaparse's own parser and
 * yields batches of records. The dialect is sniffed on the first 64 K
 * characters; each batch is what one parse of about 64 K characters gave,
 * the unfinished last record carried to the next. Papaparse's `row` is not
 * trusted (PapaParse #441, #929): a record's line is the line after the
 * previous record plus the line breaks inside its quoted cells. Reading is
 * pulled by the consumer, so memory stays bounded by one batch.
 */
async function* readCsvRecords(
  input: AsyncIterable<string>,
  options: { delimiter?: string } = {},
): AsyncGenerator<CsvBatch> {
  const chunks = input[Symbol.asyncIterator]();
  try {
    let text = '';
    let ended = false;
    const fill = async (size: number) => {
      while (!ended && text.length < size) {
        const next = await chunks.next();
        if (next.done) ended = true;
        else text += next.value;
      }
    };
    await fill(HEAD_CHARS);
    const dialect: Dialect = sniffDialect(text);
    const delimiter = options.delimiter ?? dialect.delimiter;
    const breakChar = dialect.linebreak.includes('\n') ? '\n' : '\r';
    const parser = new Papa.Parser({ delimiter, newline: dialect.linebreak });
    let nextLine = 1;

    const batchOf = (data: string[][], errors: Papa.ParseError[]) => {
      const quoteErrors = quoteErrorsOf(errors);
      const records: CsvRecord[] = new Array(data.length);
      const issues: CsvIssue[] = [];
      for (let index = 0; index < data.length; index++) {
        const cells = data[index] ?? [];
        const line = nextLine;
        let breaks = 0;
        for (const cell of cells) breaks += countOf(cell, breakChar);
        nextLine += 1 + breaks;
        const quoteError = quoteErrors.get(index);
        if (quoteError) issues.push({ kind: quoteError, line });
        records[index] = { cells, line };
      }
      return { records, issues, delimiter, linebreak: dialect.linebreak };
    };

    let wanted = BATCH_CHARS;
    for (;;) {
      await fill(wanted);
      // Every record but the unfinished last one; that is carried over.
      const results = parser.parse(text, 0, true);
      text = text.slice(results.meta.cursor);
      if (results.data.length > 0) yield batchOf(results.data, results.errors);
      if (ended) break;
      if (results.data.length === 0 && text.length > MAX_RECORD_CHARS) {
        yield {
          records: [],
          issues: [{ kind: 'unterminated-quote', line: nextLine }],
          delimiter,
          linebreak: dialect.linebreak,
        };
        return;
      }
      wanted = text.length + BATCH_CHARS;
    }
    const last = parser.parse(text, 0, false);
    if (last.data.length > 0) yield batchOf(last.data, last.errors);
  } finally {
    await chunks.return?.();
  }
}

export { readCsvRecords };
