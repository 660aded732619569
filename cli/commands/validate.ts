import { createReadStream, statSync } from 'node:fs';
import type { Writable } from 'node:stream';
import {
  checkContent,
  checkUpload,
} from '../../functions/ingest-submission/ingestSubmission.js';
import { nullSink } from '../../functions/shared/csv/csvSink.js';
import { createTextDecoder } from '../../functions/shared/csv/decode.js';
import { parsePeriod } from '../../functions/shared/period.js';
import { loadCatalogue } from '../../functions/shared/schema/loadSchemas.js';
import type { DatasetSchema } from '../../functions/shared/schema/types.js';
import { submissionKeyOf } from '../../functions/shared/submissionKey.js';
import {
  buildReport,
  renderReportText,
  type ValidationReport,
} from '../../functions/shared/validation/report.js';
import { readStatedContext } from '../../functions/shared/validation/validateSubmission.js';
import { openSubmissionContent } from '../../functions/shared/xlsx/openSubmissionContent.js';
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

/** A file's content, for the core: CSV text or a workbook's records, by its content. */
const contentOf = (file: string, schema: DatasetSchema) =>
  openSubmissionContent(createReadStream(file), {
    name: file,
    decoder: createTextDecoder(),
    schema,
  });

/**
 * `opendata validate`: checks a file before upload with the same code the
 * ingest Lambda runs. Exit 0 accepted, 1 rejected, 2 usage error. A file
 * that is blank or not text is rejected (exit 1) even when no unit or
 * period can be told from it: bad content is a finding, not a usage error.
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
  const peeked = await contentOf(file, schema);
  const stated = peeked.source
    ? await readStatedContext(peeked.source, schema)
    : { content: 'undecodable' as const };
  const unit = options.unit ?? stated.unit;
  const period = options.period ?? stated.period;
  const receivedAt = new Date().toISOString();
  let report: ValidationReport;
  const parsedPeriod = period && parsePeriod(period);
  if (unit && parsedPeriod) {
    ({ report } = await checkUpload(
      {
        bucket: 'local',
        key: submissionKeyOf(unit, period, options.dataset, peeked.format),
        size,
        eventTime: receivedAt,
        eTag: 'local',
      },
      { catalogue, openRaw: async () => createReadStream(file) },
      (columns) =>
        options.out ? createFileCsvSink(options.out, columns) : nullSink,
    ));
  } else if (stated.content !== 'data') {
    // Blank, not text, or a refused workbook: the content's findings need no
    // unit or period, and no rule runs without a data row.
    const checked = await checkContent(
      createReadStream(file),
      file,
      {
        schema,
        units: catalogue.units,
        indicators: catalogue.indicators,
        unitCode: '',
        period: { year: 0, quarter: 1 },
        maxRows: 0,
      },
      () => nullSink,
    );
    report = buildReport({
      submission: { id: 'local', key: file, receivedAt },
      bytes: size,
      encoding: checked.encoding,
      findings: checked.findings,
      ...(checked.content && { content: checked.content }),
    });
  } else {
    io.err.write(
      'Không xác định được đơn vị hoặc kỳ báo cáo từ tệp: hãy dùng --unit và --period / cannot tell unit or period from the file: pass --unit and --period\n',
    );
    return USAGE;
  }
  io.out.write(
    options.format === 'json'
      ? `${JSON.stringify(report, null, 2)}\n`
      : renderReportText(report),
  );
  return report.status === 'rejected' ? 1 : 0;
};

export { runValidate };
