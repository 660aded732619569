import { createReadStream, statSync } from 'node:fs';
import type { Writable } from 'node:stream';
import {
  ingestSubmission,
  type NormalizedSink,
} from '../../functions/ingest-submission/ingestSubmission.js';
import { createTextDecoder } from '../../functions/shared/csv/decode.js';
import { readCsvRecords } from '../../functions/shared/csv/readCsvRecords.js';
import { parsePeriodText } from '../../functions/shared/normalize/values.js';
import { parsePeriod } from '../../functions/shared/period.js';
import { loadCatalogue } from '../../functions/shared/schema/loadSchemas.js';
import type { DatasetSchema } from '../../functions/shared/schema/types.js';
import { submissionKeyOf } from '../../functions/shared/submissionKey.js';
import { createRecordValidator } from '../../functions/shared/validation/createRecordValidator.js';
import type { ValidationReport } from '../../functions/shared/validation/report.js';
import { createFileCsvSink } from '../../local/fileCsvSink.js';

/** Options of `opendata validate`. */
export interface ValidateOptions {
  readonly dataset: string;
  readonly unit?: string;
  readonly period?: string;
  readonly format: 'text' | 'json';
  readonly out?: string;
  readonly schemasDir: string;
}

const USAGE = 2;

/** Reads the unit and period the first data row states, for files checked before upload. */
const statedContext = async (file: string, schema: DatasetSchema) => {
  const unitField = schema.fields.find((f) => f['x-role'] === 'unit')?.name;
  const periodField = schema.fields.find((f) => f['x-role'] === 'period')?.name;
  // Any valid period will do to read the header; rules are not run here.
  const validator = createRecordValidator({
    schema,
    unitCode: '',
    period: { year: 2000, quarter: 1 },
    periodText: '',
    units: { resolve: () => ({ status: 'unknown' }), listValid: () => [] },
    indicators: new Map(),
  });
  let header = false;
  const text = createReadStream(file).pipe(createTextDecoder());
  try {
    for await (const batch of readCsvRecords(text)) {
      for (const { cells, line } of batch.records) {
        if (cells.every((c) => c.trim() === '')) continue;
        if (!header) {
          if (validator.headerScore(cells) >= 2) {
            header = true;
            validator.header(cells, line);
          }
          continue;
        }
        const period = parsePeriodText(
          (periodField && validator.rawCell(cells, periodField)) || '',
        );
        return {
          unit: (unitField && validator.rawCell(cells, unitField)) || undefined,
          period: period.ok ? period.value : undefined,
        };
      }
    }
  } catch {
    // Undecodable files are reported by the validation itself.
  } finally {
    text.destroy();
  }
  return {};
};

const NO_OUTPUT: NormalizedSink = {
  write: async () => {},
  commit: async () => {},
  discard: async () => {},
};

/**
 * `opendata validate`: checks a file before upload with the same code the
 * ingest Lambda runs. Exit 0 accepted, 1 rejected, 2 usage error.
 */
const runValidate = async (
  file: string,
  options: ValidateOptions,
  io: { out: Writable; err: Writable },
): Promise<number> => {
  const catalogue = loadCatalogue(options.schemasDir);
  const schema = catalogue.schemas.get(options.dataset);
  if (schema?.['x-dataset'].kind !== 'submission') {
    const ids = [...catalogue.schemas.values()]
      .filter((s) => s['x-dataset'].kind === 'submission')
      .map((s) => s['x-dataset'].id);
    io.err.write(
      `Không có bộ dữ liệu "${options.dataset}" / no dataset "${options.dataset}". Có / available: ${ids.join(', ')}\n`,
    );
    return USAGE;
  }
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    io.err.write(`Không đọc được tệp / cannot read file: ${file}\n`);
    return USAGE;
  }
  const stated = await statedContext(file, schema);
  const unit = options.unit ?? stated.unit;
  const period = options.period ?? stated.period;
  if (!unit || !period || !parsePeriod(period)) {
    io.err.write(
      'Không xác định được đơn vị hoặc kỳ báo cáo từ tệp: hãy dùng --unit và --period / cannot tell unit or period from the file: pass --unit and --period\n',
    );
    return USAGE;
  }
  const reports = new Map<string, string>();
  const result = await ingestSubmission(
    {
      bucket: 'local',
      key: submissionKeyOf(unit, period, options.dataset),
      size,
      eventTime: new Date().toISOString(),
      eTag: 'local',
    },
    {
      catalogue,
      openRaw: async () => createReadStream(file),
      openNormalized: (_key, columns) =>
        options.out ? createFileCsvSink(options.out, columns) : NO_OUTPUT,
      putReport: async (key, body) => {
        reports.set(key.endsWith('.json') ? 'json' : 'text', body);
      },
      recordSubmission: async () => {},
    },
  );
  const report = JSON.parse(reports.get('json') ?? '{}') as ValidationReport;
  io.out.write(
    options.format === 'json'
      ? (reports.get('json') ?? '')
      : (reports.get('text') ?? ''),
  );
  return report.status === 'rejected' || result.status === 'rejected' ? 1 : 0;
};

export { runValidate };
