import { Readable } from 'node:stream';
import type { RowSink } from '../csv/csvSink.js';
import type { TextDecoderStream } from '../csv/decode.js';
import type { DatasetSchema } from '../schema/types.js';
import { type Finding, finding } from '../validation/codes.js';
import { HEADER_SCORE, headerScore } from '../validation/header.js';
import type { SubmissionSource } from '../validation/validateSubmission.js';
import { type ArchiveLimits, inspectArchive } from './inspectArchive.js';
import { readWorkbookRecords } from './readWorkbookRecords.js';
import { oleKindOf, SNIFF_BYTES, sniffContent } from './sniffContent.js';

/** What a submission's content turned out to be. */
export type SubmissionFormat = 'csv' | 'xlsx';

/** How a submission's content is opened. */
export interface OpenContentOptions {
  /** The object key or file name, only to say when the name and the content disagree. */
  readonly name: string;
  /** Turns bytes into text, for CSV content (it also names the encoding). */
  readonly decoder: TextDecoderStream;
  readonly schema: DatasetSchema;
  readonly archiveLimits?: ArchiveLimits;
}

/**
 * A submission's content, opened: the source for the validation core
 * (none when the content is refused before any record is read), and the
 * findings of the reading itself, which grow while the source is read (a
 * formula without a value) and belong in the same report.
 */
export interface OpenedContent {
  readonly format: SubmissionFormat;
  readonly source?: SubmissionSource;
  readonly findings: Finding[];
}

/** Reads the first bytes of a stream and gives them back with the stream's rest. */
const peek = async (raw: Readable, size: number) => {
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

async function* replay(head: Buffer, rest: AsyncIterator<Buffer>) {
  if (head.length > 0) yield head;
  for (let next = await rest.next(); !next.done; next = await rest.next()) {
    yield next.value;
  }
}

const drain = async (head: Buffer, rest: AsyncIterator<Buffer>) => {
  const parts: Buffer[] = [];
  for await (const part of replay(head, rest)) parts.push(Buffer.from(part));
  return Buffer.concat(parts);
};

const WORKBOOK_NAME = /\.xls[xmb]?$/i;

/**
 * Opens a submission by its content, never its name: a ZIP archive is
 * inspected (corrupt, too large, macros, not a workbook) and, if sound,
 * read as a workbook; an OLE container is refused (password-protected, or
 * a legacy .xls); anything else is CSV text, and a CSV carrying a workbook
 * name is read as CSV with a warning. A workbook's archive (bounded by the
 * file-size limit) is held in memory for the inspection, which needs the
 * central directory at its end; its sheets are then streamed. CSV streams
 * through the decoder. Refusals are findings, never throws.
 */
const openSubmissionContent = async (
  raw: Readable,
  options: OpenContentOptions,
): Promise<OpenedContent> => {
  const findings: Finding[] = [];
  const { head, rest } = await peek(raw, SNIFF_BYTES);
  const kind = sniffContent(head);
  if (kind === 'text') {
    if (WORKBOOK_NAME.test(options.name)) {
      findings.push(
        finding('csv-named-workbook', {
          value: options.name.split('/').at(-1) ?? options.name,
        }),
      );
    }
    const bytes = Readable.from(replay(head, rest));
    const text = bytes.pipe(options.decoder);
    bytes.on('error', (error) => text.destroy(error));
    return { format: 'csv', source: { text }, findings };
  }
  const bytes = await drain(head, rest);
  if (kind === 'ole') {
    findings.push(
      oleKindOf(bytes) === 'encrypted'
        ? finding('workbook-encrypted')
        : finding('workbook-unsupported', { value: 'Excel 97–2003 (.xls)' }),
    );
    return { format: 'xlsx', findings };
  }
  const inspection = inspectArchive(bytes, options.archiveLimits);
  if (!inspection.ok) {
    findings.push(inspection.finding);
    return { format: 'xlsx', findings };
  }
  const records = readWorkbookRecords(bytes, {
    isHeader: (cells) => headerScore(options.schema, cells) >= HEADER_SCORE,
    onFinding: (f) => findings.push(f),
  });
  return { format: 'xlsx', source: { records }, findings };
};

/**
 * A sink that keeps nothing once the reading itself has found an error
 * (the core only knows its own findings): a workbook with a formula
 * without a value is rejected, so its normalized rows are dropped.
 */
const guardSink = (sink: RowSink, opened: OpenedContent): RowSink => {
  const failed = () => opened.findings.some((f) => f.severity === 'error');
  return {
    write: async (rows) => {
      if (!failed()) await sink.write(rows);
    },
    commit: () => (failed() ? sink.discard() : sink.commit()),
    discard: () => sink.discard(),
  };
};

export { guardSink, openSubmissionContent };
