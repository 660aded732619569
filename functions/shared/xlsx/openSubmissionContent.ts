import { Readable } from 'node:stream';
import type { TextDecoderStream } from '../csv/decode.js';
import type { DatasetSchema } from '../schema/types.js';
import type { ArchiveLimits } from './inspectArchive.js';
import { SNIFF_BYTES, sniffContent } from './sniffContent.js';
import { streamedWorkbook } from './streamedWorkbook.js';
import {
  csvContent,
  type OpenedContent,
  openWorkbookContent,
} from './submissionContent.js';

/** How a submission's content is opened. */
export interface OpenContentOptions {
  /** The object key or file name, only to say when the name and the content disagree. */
  readonly name: string;
  /** Turns bytes into text, for CSV content (it also names the encoding). */
  readonly decoder: TextDecoderStream;
  readonly schema: DatasetSchema;
  readonly archiveLimits?: ArchiveLimits;
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

/**
 * Opens a submission stream by its content, never its name: CSV text
 * streams through the decoder (with a warning if it carries a workbook's
 * name); a workbook (bounded by the file-size limit) is held in memory for
 * the archive inspection, which needs the central directory at its end,
 * and its sheets are then streamed by exceljs's streaming reader.
 */
const openSubmissionContent = async (
  raw: Readable,
  options: OpenContentOptions,
): Promise<OpenedContent> => {
  const { head, rest } = await peek(raw, SNIFF_BYTES);
  const kind = sniffContent(head);
  if (kind === 'text') {
    const bytes = Readable.from(replay(head, rest));
    const text = bytes.pipe(options.decoder);
    bytes.on('error', (error) => text.destroy(error));
    return csvContent(text, options.name);
  }
  return openWorkbookContent(await drain(head, rest), kind, {
    schema: options.schema,
    ...(options.archiveLimits && { archiveLimits: options.archiveLimits }),
    sheetsOf: streamedWorkbook,
  });
};

export { openSubmissionContent };
