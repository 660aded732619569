import { stringify } from 'csv-stringify';
import type { NormalizedRow } from '../schema/types.js';
import { csvOptions } from './csvFormat.js';
import { neutraliseFormula } from './safeCell.js';

/**
 * A dataset's published CSV bytes, written through csv-stringify's stream:
 * rows are made formula-safe one at a time and the text arrives as UTF-8
 * chunks, so neither a copy of every row nor the whole file as one string
 * is ever held. The bytes equal a one-shot stringify of the same rows.
 */
const csvBody = async (
  rows: readonly NormalizedRow[],
  columns: readonly string[],
  textFields: ReadonlySet<string>,
): Promise<Buffer> => {
  const stringifier = stringify(csvOptions(columns));
  const chunks: Buffer[] = [];
  stringifier.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    stringifier.on('end', resolve);
    stringifier.on('error', reject);
  });
  for (const row of rows) {
    const record = columns.map((name) => {
      const value = row[name] ?? '';
      return textFields.has(name) ? neutraliseFormula(value) : value;
    });
    if (!stringifier.write(record)) {
      await new Promise((resolve) => stringifier.once('drain', resolve));
    }
  }
  stringifier.end();
  await done;
  return Buffer.concat(chunks);
};

export { csvBody };
