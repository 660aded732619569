import { Readable } from 'node:stream';
import type { TextDecoderStream } from '../csv/decode.js';
import { type CsvBatch, readCsvRecords } from '../csv/readCsvRecords.js';
import type { Finding } from '../validation/codes.js';
import { finding } from '../validation/codes.js';
import { type ArchiveLimits, inspectArchive } from './inspectArchive.js';
import { readWorkbookRecords } from './readWorkbookRecords.js';
import { oleKindOf, SNIFF_BYTES, sniffContent } from './sniffContent.js';

/** What a submission's content turned out to be. */
export type SubmissionFormat = 'csv' | 'xlsx';

/** How a submission's records are read. */
export interface SubmissionReadOptions {
  /** The object key or file name, only to say when the name and the content disagree. */
  readonly name: string;
  /** Turns bytes into text, for CSV content (the CSV decoder, which also names the encoding). */
  readonly decoder: TextDecoderStream;
  isHeader(cells: readonly string[]): boolean;
  onFinding(finding: Finding): void;
  readonly archiveLimits?: ArchiveLimits;
}

/** The records of a submission, and what its content was. */
export interface SubmissionRecords {
  readonly format: SubmissionFormat;
  readonly batches: AsyncIterable<CsvBatch>;
  /** The content was refused before any record was read (its finding is given). */
  readonly refused: boolean;
}

const NONE: AsyncIterable<CsvBatch> = {
  async *[Symbol.asyncIterator]() {},
};

/** Reads the first bytes of a stream and gives them back with the stream's rest. */
const peek = async (
  raw: Readable,
  size: number,
): Promise<{ head: Buffer; rest: AsyncIterator<Buffer> }> => {
  const rest = raw[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const parts: Buffer[] = [];
  let length = 0;
  while (length < size) {
    const next = await rest.next();
    if (next.done) break;
    const chunk = Buffer.from(next.value);
    parts.push(chunk);
    length += chunk.length;
  }
  return { head: Buffer.concat(parts), rest };
};

const drain = async (head: Buffer, rest: AsyncIterator<Buffer>) => {
  const parts = [head];
  for (let next = await rest.next(); !next.done; next = await rest.next()) {
    parts.push(Buffer.from(next.value));
  }
  return Buffer.concat(parts);
};

const WORKBOOK_NAME = /\.xls[xmb]?$/i;

/**
 * Opens a submission by its content, never its name: a ZIP archive is
 * inspected (corrupt, too large, macros, not a workbook) and, if sound,
 * read as a workbook; an OLE container is refused (password-protected, or
 * a legacy .xls); anything else is CSV text, and a CSV carrying a workbook
 * name is read as CSV with a warning. A workbook's archive (bounded by the
 * file-size limit) is held in memory for the inspection, which needs its
 * central directory at the end; its sheets are then streamed. CSV streams
 * through the decoder as before. Refusals are findings, never throws.
 */
const readSubmissionRecords = async (
  raw: Readable,
  options: SubmissionReadOptions,
): Promise<SubmissionRecords> => {
  const { head, rest } = await peek(raw, SNIFF_BYTES);
  const kind = sniffContent(head);
  if (kind === 'text') {
    if (WORKBOOK_NAME.test(options.name)) {
      options.onFinding(
        finding('csv-named-workbook', {
          value: options.name.split('/').at(-1) ?? options.name,
        }),
      );
    }
    const replay = Readable.from(
      (async function* () {
        if (head.length > 0) yield head;
        for (
          let next = await rest.next();
          !next.done;
          next = await rest.next()
        ) {
          yield next.value;
        }
      })(),
    );
    const text = replay.pipe(options.decoder);
    replay.on('error', (error) => text.destroy(error));
    return { format: 'csv', batches: readCsvRecords(text), refused: false };
  }
  const bytes = await drain(head, rest);
  if (kind === 'ole') {
    options.onFinding(
      oleKindOf(bytes) === 'encrypted'
        ? finding('workbook-encrypted')
        : finding('workbook-unsupported', {
            value: 'Excel 97–2003 (.xls)',
          }),
    );
    return { format: 'xlsx', batches: NONE, refused: true };
  }
  const inspection = inspectArchive(bytes, options.archiveLimits);
  if (!inspection.ok) {
    options.onFinding(inspection.finding);
    return { format: 'xlsx', batches: NONE, refused: true };
  }
  return {
    format: 'xlsx',
    refused: false,
    batches: readWorkbookRecords(bytes, {
      isHeader: options.isHeader,
      onFinding: options.onFinding,
    }),
  };
};

export { readSubmissionRecords };
