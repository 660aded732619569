import { StringDecoder } from 'node:string_decoder';
import { readCsvRecords } from '../csv/readCsvRecords.js';
import type { NormalizedRow } from '../schema/types.js';

/** UTF-8 text of a byte stream, reporting each chunk's size as it arrives. */
async function* textOf(
  body: AsyncIterable<Uint8Array | string>,
  onBytes: (bytes: number) => void,
): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of body) {
    if (typeof chunk === 'string') {
      onBytes(Buffer.byteLength(chunk));
      yield chunk;
      continue;
    }
    onBytes(chunk.byteLength);
    yield decoder.write(
      Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength),
    );
  }
  const tail = decoder.end();
  if (tail !== '') yield tail;
}

/**
 * Reads a normalized CSV (the pipeline's own: UTF-8, comma, header row) as
 * it streams in, charging each chunk to `onBytes` first: a charge that
 * throws stops the download there.
 */
const readNormalizedRows = async (
  body: AsyncIterable<Uint8Array | string>,
  onBytes: (bytes: number) => void,
): Promise<NormalizedRow[]> => {
  const rows: NormalizedRow[] = [];
  let header: string[] | undefined;
  for await (const batch of readCsvRecords(textOf(body, onBytes), {
    delimiter: ',',
  })) {
    const issue = batch.issues[0];
    if (issue) {
      throw new Error(
        `Malformed normalized CSV: a quote on line ${issue.line}`,
      );
    }
    for (const { cells } of batch.records) {
      if (header === undefined) {
        header = cells;
        continue;
      }
      if (cells.length === 1 && cells[0] === '') continue;
      const row: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) {
        row[header[i] ?? ''] = cells[i] ?? '';
      }
      rows.push(row);
    }
  }
  return rows;
};

export { readNormalizedRows };
