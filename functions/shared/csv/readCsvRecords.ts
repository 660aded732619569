import Papa from 'papaparse';
import { countOf } from './countOf.js';
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
  readonly kind: 'unterminated-quote' | 'malformed-quote' | 'record-too-long';
  readonly line: number;
}

/** The records of one parse of about 16 K characters. */
export interface CsvBatch {
  readonly records: CsvRecord[];
  readonly issues: CsvIssue[];
  readonly delimiter: string;
  readonly linebreak: string;
}

const HEAD_CHARS = 64 * 1024;
/**
 * Text parsed at a time. Measured on the bench's 1M-row file: papaparse
 * took 0.24 s per 20 MB in 16 K-character pieces, 0.9–1.4 s in 64 K ones.
 * A two-byte string of 64 K characters or more (Vietnamese text is
 * two-byte) lands in V8's large-object space, and every piece built from it
 * is a fresh large allocation.
 */
const BATCH_CHARS = 16 * 1024;
/**
 * Longest record followed across chunks: 1 MiB, far above any row a schema
 * allows (free text is at most 2,000 characters a cell). Beyond it a quote
 * is taken as never closed and the file is not read further. A record
 * longer than a piece is looked for in pieces of twice the size, so its
 * text is parsed again only a logarithmic number of times.
 */
const MAX_RECORD_CHARS = 1024 * 1024;

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
 * characters; each batch is what one parse of about 16 K characters gave,
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
    // What is parsed next: a few pieces' worth, taken from the decoded
    // chunks as needed. The chunks wait whole in `queued`: joining them
    // first would flatten large strings again and again.
    let text = '';
    let queued: string[] = [];
    /** Where the chunks still waiting start in `queued`. */
    let first = 0;
    let ended = false;
    /** Makes `text` at least `size` characters long, or all that is left. */
    const fill = async (size: number) => {
      while (text.length < size) {
        const chunk = queued[first];
        if (chunk === undefined) {
          if (ended) return;
          const next = await chunks.next();
          if (next.done) ended = true;
          else if (first === queued.length) {
            queued = [next.value];
            first = 0;
          } else queued.push(next.value);
          continue;
        }
        const need = size - text.length;
        if (chunk.length <= need) {
          text += chunk;
          first++;
        } else {
          text += chunk.slice(0, need);
          queued[first] = chunk.slice(need);
        }
      }
    };
    await fill(HEAD_CHARS);
    const dialect: Dialect = sniffDialect(text);
    const delimiter = options.delimiter ?? dialect.delimiter;
    const breakChar = dialect.linebreak.includes('\n') ? '\n' : '\r';
    const parser = new Papa.Parser({ delimiter, newline: dialect.linebreak });
    let nextLine = 1;

    /**
     * Records of one parse, with their lines. `terminated` is the text they
     * span when each ends with a line break (all but the file's last parse).
     */
    const batchOf = (
      data: string[][],
      errors: Papa.ParseError[],
      terminated?: string,
    ): CsvBatch => {
      const quoteErrors = quoteErrorsOf(errors);
      const records: CsvRecord[] = new Array(data.length);
      const issues: CsvIssue[] = [];
      // Text with exactly one line break per record has none inside a cell:
      // each record is one line, and no cell need be searched.
      const plain =
        terminated !== undefined &&
        countOf(terminated, breakChar) === data.length;
      for (let index = 0; index < data.length; index++) {
        const cells = data[index] ?? [];
        const line = nextLine;
        let breaks = 0;
        if (!plain)
          for (const cell of cells) breaks += countOf(cell, breakChar);
        nextLine += 1 + breaks;
        const quoteError = quoteErrors.get(index);
        if (quoteError) issues.push({ kind: quoteError, line });
        records[index] = { cells, line };
      }
      return { records, issues, delimiter, linebreak: dialect.linebreak };
    };

    let size = BATCH_CHARS;
    for (;;) {
      await fill(size);
      const piece = text.length > size ? text.slice(0, size) : text;
      const whole = ended && first === queued.length && piece === text;
      // Every record but the unfinished last one.
      const results = parser.parse(piece, 0, true);
      const { cursor } = results.meta;
      if (results.data.length > 0) {
        yield batchOf(results.data, results.errors, piece.slice(0, cursor));
      }
      text = text.slice(cursor);
      if (whole) break;
      if (results.data.length > 0) {
        size = BATCH_CHARS;
        continue;
      }
      // No record ends in the piece: look further, up to the limit.
      if (size >= MAX_RECORD_CHARS) {
        yield {
          records: [],
          issues: [
            {
              // Without a quote, the record is just one very long line.
              kind: text.includes('"')
                ? 'unterminated-quote'
                : 'record-too-long',
              line: nextLine,
            },
          ],
          delimiter,
          linebreak: dialect.linebreak,
        };
        return;
      }
      size *= 2;
    }
    // The last record, which no line break ends.
    const last = parser.parse(text, 0, false);
    if (last.data.length > 0) yield batchOf(last.data, last.errors);
  } finally {
    await chunks.return?.();
  }
}

export { MAX_RECORD_CHARS, readCsvRecords };
