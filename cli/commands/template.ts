import { writeFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { loadCatalogue } from '../../functions/shared/schema/loadSchemas.js';
import { templateFor } from '../../functions/shared/xlsx/templateFor.js';

/** Options of `opendata template`. */
export interface TemplateOptions {
  readonly dataset: string;
  readonly unit?: string;
  readonly period?: string;
  readonly format: 'xlsx' | 'csv';
  readonly out: string;
  readonly schemasDir: string;
}

/**
 * `opendata template`: writes a dataset's template to fill in, blank or
 * pre-filled for a unit and period. Exit 0, or 2 for a usage error.
 */
const runTemplate = async (
  options: TemplateOptions,
  io: { out: Writable; err: Writable },
): Promise<number> => {
  const outcome = await templateFor(loadCatalogue(options.schemasDir), {
    dataset: options.dataset,
    format: options.format,
    ...(options.unit !== undefined && { unit: options.unit }),
    ...(options.period !== undefined && { period: options.period }),
  });
  if (!outcome.ok) {
    io.err.write(`${outcome.message} / ${outcome.messageEn}\n`);
    return 2;
  }
  writeFileSync(options.out, outcome.body);
  io.out.write(
    `Đã ghi mẫu / template written: ${options.out} (${outcome.body.length} byte)\n`,
  );
  return 0;
};

export { runTemplate };
