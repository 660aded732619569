import type { Readable } from 'node:stream';
import {
  createMeasureAccumulator,
  type SubmissionLineage,
  type SubmissionMeasures,
} from '../shared/aggregate/measures.js';
import { createTextDecoder, DecodeError } from '../shared/csv/decode.js';
import type { CsvRecord } from '../shared/csv/readCsvRecords.js';
import type { NumberStyle } from '../shared/normalize/values.js';
import { parsePeriod, periodStart } from '../shared/period.js';
import type { Catalogue } from '../shared/schema/loadSchemas.js';
import type { DatasetSchema } from '../shared/schema/types.js';
import {
  parseSubmissionKey,
  type SubmissionKey,
} from '../shared/submissionKey.js';
import { type Finding, finding } from '../shared/validation/codes.js';
import { createRecordValidator } from '../shared/validation/createRecordValidator.js';
import { createFindingCollector } from '../shared/validation/findingCollector.js';
import {
  renderReportText,
  type SubmissionStatus,
  statusOf,
  type ValidationReport,
} from '../shared/validation/report.js';
import type { NormalizedRow } from '../shared/validation/types.js';
import { createFindingLocator } from '../shared/xlsx/locateFindings.js';
import { readSubmissionRecords } from '../shared/xlsx/readSubmissionRecords.js';
import { WorkbookReadError } from '../shared/xlsx/readWorkbookRecords.js';

/** The uploaded object an ingest is about, as the S3 event names it. */
export interface IngestInput {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
  readonly eTag?: string;
  readonly size: number;
  readonly eventTime: string;
  /** S3's per-key event order; a later upload has a greater sequencer. */
  readonly sequencer?: string;
}

/** Where normalized rows go while a file streams through; discarded if the file is rejected. */
export interface NormalizedSink {
  write(rows: readonly NormalizedRow[]): Promise<void>;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/** A submission as recorded in the ledger. */
export interface SubmissionRecord {
  readonly submissionId: string;
  readonly key: string;
  readonly versionId?: string;
  readonly unitCode: string;
  readonly period: string;
  readonly datasetId: string;
  readonly status: SubmissionStatus;
  readonly receivedAt: string;
  /** Orders uploads of the same key: the greatest accepted one is in force. */
  readonly order: string;
  readonly rows: number;
  readonly errors: number;
  readonly warnings: number;
  readonly reportKey: string;
  readonly normalizedKey?: string;
  readonly measures?: SubmissionMeasures;
  readonly lineage?: SubmissionLineage;
}

/** The ports the ingest core works through. */
export interface IngestDeps {
  readonly catalogue: Catalogue;
  openRaw(input: IngestInput): Promise<Readable>;
  openNormalized(key: string, columns: readonly string[]): NormalizedSink;
  putReport(key: string, body: string, contentType: string): Promise<void>;
  recordSubmission(record: SubmissionRecord): Promise<void>;
  readonly limits?: IngestLimits;
}

/** Size limits beyond which a submission is refused with a clear error. */
export interface IngestLimits {
  readonly maxBytes: number;
  readonly maxRows: number;
}

/** Generous defaults: far above a province's files, low enough to stop a runaway upload. */
const DEFAULT_LIMITS: IngestLimits = {
  maxBytes: 2 * 1024 ** 3,
  maxRows: 10_000_000,
};

/** What the handler returns for one object. */
export interface IngestSummary {
  readonly submissionId: string;
  readonly key: string;
  readonly status: SubmissionStatus;
  readonly rows: number;
  readonly errors: number;
  readonly warnings: number;
  readonly reportKey: string;
}

const compactTime = (iso: string) => iso.replace(/[-:.]/g, '').replace('Z', '');

/** A stable id for one upload: its S3 version, else its event time and ETag. */
const submissionIdOf = (input: IngestInput): string =>
  input.versionId && input.versionId !== 'null'
    ? input.versionId
    : `${compactTime(input.eventTime)}-${(input.eTag ?? 'noetag').slice(0, 8)}`;

/** Curated-bucket folder of one upload; it mirrors the ingest key so agencies can read their own. */
const curatedBaseOf = (key: string, submissionId: string) =>
  `${key.replace(/\.(csv|xlsx)$/, '')}/${submissionId}`;

interface StreamOutcome {
  encoding?: string;
  numberStyle?: NumberStyle;
  headerLine?: number;
  rows: number;
  acceptedRows: number;
  delimiter?: string;
  measures?: SubmissionMeasures;
  lineage?: SubmissionLineage;
}

/** Validates, normalizes and records one uploaded submission; bad data gives a report, never a throw. */
const ingestSubmission = async (
  input: IngestInput,
  deps: IngestDeps,
): Promise<IngestSummary> => {
  const submissionId = submissionIdOf(input);
  const base = curatedBaseOf(input.key, submissionId);
  const reportKey = `${base}/report.json`;
  const normalizedKey = `${base}/normalized.csv`;
  const collector = createFindingCollector();
  const parsedKey = parseSubmissionKey(input.key);
  const schema = parsedKey && deps.catalogue.schemas.get(parsedKey.datasetId);

  let outcome: StreamOutcome = { rows: 0, acceptedRows: 0 };
  const refusal = refusalOf(input, parsedKey, schema, deps);
  if (refusal) collector.add([refusal]);
  else if (parsedKey && schema) {
    outcome = await streamSubmission(input, parsedKey, schema, deps, {
      collector,
      normalizedKey,
    });
  }

  const status = statusOf(collector.errorCount, collector.warningCount);
  const report: ValidationReport = {
    valid: status !== 'rejected',
    status,
    submission: {
      id: submissionId,
      key: input.key,
      ...(input.versionId && { versionId: input.versionId }),
      ...(parsedKey && {
        unitCode: parsedKey.unitCode,
        period: parsedKey.period,
        datasetId: parsedKey.datasetId,
      }),
      receivedAt: input.eventTime,
    },
    encoding: outcome.encoding ?? 'unknown',
    ...(outcome.delimiter !== undefined && { delimiter: outcome.delimiter }),
    ...(outcome.headerLine !== undefined && { headerRow: outcome.headerLine }),
    ...(outcome.numberStyle && { numberStyle: outcome.numberStyle }),
    stats: {
      bytes: input.size,
      rows: outcome.rows,
      acceptedRows: status === 'rejected' ? 0 : outcome.acceptedRows,
      errors: collector.errorCount,
      warnings: collector.warningCount,
    },
    errors: collector.findings(),
    groups: collector.groups(),
  };
  await deps.putReport(
    reportKey,
    `${JSON.stringify(report, null, 2)}\n`,
    'application/json; charset=utf-8',
  );
  await deps.putReport(
    `${base}/report.txt`,
    renderReportText(report),
    'text/plain; charset=utf-8',
  );
  await deps.recordSubmission({
    submissionId,
    key: input.key,
    ...(input.versionId && { versionId: input.versionId }),
    unitCode: parsedKey?.unitCode ?? '-',
    period: parsedKey?.period ?? '-',
    datasetId: parsedKey?.datasetId ?? '-',
    status,
    receivedAt: input.eventTime,
    order: (input.sequencer ?? compactTime(input.eventTime)).padStart(32, '0'),
    rows: outcome.rows,
    errors: collector.errorCount,
    warnings: collector.warningCount,
    reportKey,
    ...(status !== 'rejected' && {
      normalizedKey,
      measures: outcome.measures ?? {},
      lineage: outcome.lineage ?? {},
    }),
  });
  return {
    submissionId,
    key: input.key,
    status,
    rows: outcome.rows,
    errors: collector.errorCount,
    warnings: collector.warningCount,
    reportKey,
  };
};

/** The program's first year: the earliest year any catalogue indicator can be reported. */
const programStart = (deps: IngestDeps) =>
  Math.min(...[...deps.catalogue.indicators.values()].map((i) => i.firstYear));

/** Why an upload is refused before its content is read: its key, size, dataset or period. */
const refusalOf = (
  input: IngestInput,
  key: SubmissionKey | undefined,
  schema: DatasetSchema | undefined,
  deps: IngestDeps,
): Finding | undefined => {
  const maxBytes = deps.limits?.maxBytes ?? DEFAULT_LIMITS.maxBytes;
  if (!key) return finding('invalid-submission-key', { value: input.key });
  if (input.size > maxBytes) {
    return finding('file-too-large', {
      count: input.size,
      expected: String(maxBytes),
    });
  }
  if (schema?.['x-dataset'].kind !== 'submission') {
    return finding('unknown-dataset', { value: key.datasetId });
  }
  return periodFinding(key.period, input.eventTime, deps);
};

/** A period that had not begun when the file arrived, or is before the program. */
const periodFinding = (
  period: string,
  receivedAt: string,
  deps: IngestDeps,
): Finding | undefined => {
  const p = parsePeriod(period);
  if (!p) return undefined;
  if (periodStart(p) > receivedAt.slice(0, 10)) {
    return finding('future-period', {
      value: period,
      expected: receivedAt.slice(0, 10),
    });
  }
  const first = programStart(deps);
  if (Number.isFinite(first) && p.year < first) {
    return finding('period-before-program', {
      value: period,
      expected: `${first}-Q1`,
    });
  }
  return undefined;
};

/** Letterhead lines tolerated above the header before the first line is taken as the header. */
const MAX_TITLE_LINES = 20;

const isBlank = (cells: readonly string[]) =>
  cells.every((cell) => cell.trim() === '');

const streamSubmission = async (
  input: IngestInput,
  key: SubmissionKey,
  schema: DatasetSchema,
  deps: IngestDeps,
  out: {
    collector: ReturnType<typeof createFindingCollector>;
    normalizedKey: string;
  },
): Promise<StreamOutcome> => {
  const { collector } = out;
  const maxRows = deps.limits?.maxRows ?? DEFAULT_LIMITS.maxRows;
  const period = parsePeriod(key.period);
  if (!period) throw new Error(`unreachable: key period ${key.period}`);
  const validator = createRecordValidator({
    schema,
    unitCode: key.unitCode,
    period,
    periodText: key.period,
    units: deps.catalogue.units,
    indicators: deps.catalogue.indicators,
  });
  const measures = createMeasureAccumulator(schema);
  const sink = deps.openNormalized(
    out.normalizedKey,
    schema.fields.map((f) => f.name),
  );
  let sinkOpen = true;
  let headerLine: number | undefined;
  const titleLines: CsvRecord[] = [];
  let rows = 0;
  let acceptedRows = 0;
  let delimiter: string | undefined;
  const raw = await deps.openRaw(input);
  const decoder = createTextDecoder();

  const locator = createFindingLocator(schema);
  let format: string | undefined;
  let refused = false;

  const takeHeader = (record: CsvRecord) => {
    headerLine = record.line;
    locator.header(record);
    collector.add(
      locator.locate(validator.header(record.cells, record.line), record),
    );
  };

  try {
    const source = await readSubmissionRecords(raw, {
      name: input.key,
      decoder,
      isHeader: (cells) => validator.headerScore(cells) >= 2,
      onFinding: (f) => collector.add([f]),
    });
    format = source.format;
    refused = source.refused;
    reading: for await (const batch of source.batches) {
      if (format === 'csv') delimiter ??= batch.delimiter;
      for (const issue of batch.issues) {
        collector.add([finding('source-error', { line: issue.line })]);
      }
      const accepted: NormalizedRow[] = [];
      for (const record of batch.records) {
        if (isBlank(record.cells)) continue;
        if (headerLine === undefined) {
          // Agencies put letterheads above the header: skip lines until one
          // names at least two of the schema's columns.
          if (validator.headerScore(record.cells) >= 2) takeHeader(record);
          else if (titleLines.push(record) >= MAX_TITLE_LINES) {
            takeHeader(titleLines[0] ?? record);
          }
          continue;
        }
        if (validator.isTotalRow(record.cells)) {
          collector.add([
            finding('total-row-skipped', {
              line: record.line,
              value:
                validator.rawCell(
                  record.cells,
                  schema['x-dataset'].totalRow?.field ?? '',
                ) ?? '',
            }),
          ]);
          continue;
        }
        if (++rows > maxRows) {
          rows--;
          collector.add([
            finding('too-many-rows', {
              line: record.line,
              expected: String(maxRows),
            }),
          ]);
          break reading;
        }
        const result = validator.row(record.cells, record.line);
        collector.add(locator.locate(result.findings, record));
        if (!result.row) continue;
        acceptedRows++;
        measures.add(result.row, record.line);
        accepted.push(result.row);
      }
      if (sinkOpen && collector.errorCount === 0) await sink.write(accepted);
      if (sinkOpen && collector.errorCount > 0) {
        // Once rejected, nothing is written: the normalized output is dropped.
        sinkOpen = false;
        await sink.discard();
      }
    }
    collector.add(validator.finish());
  } catch (error) {
    validator.dispose();
    if (error instanceof WorkbookReadError) {
      collector.add([finding('workbook-corrupt', { value: error.message })]);
    } else if (!(error instanceof DecodeError)) {
      if (sinkOpen) await sink.discard();
      throw error;
    } else {
      collector.add([finding('encoding-error', { value: error.message })]);
    }
  } finally {
    // Reading may stop early (row limit, a quote never closed): let go of the S3 body.
    raw.destroy();
  }
  if (headerLine === undefined && titleLines[0]) takeHeader(titleLines[0]);
  if (
    !refused &&
    (headerLine === undefined || (rows === 0 && collector.errorCount === 0))
  ) {
    collector.add([finding('blank-file')]);
  }
  if (sinkOpen) {
    if (collector.errorCount > 0) await sink.discard();
    else await sink.commit();
  }
  return {
    rows,
    acceptedRows,
    ...(decoder.encoding && { encoding: decoder.encoding }),
    ...(format === 'xlsx' && { encoding: 'xlsx' }),
    ...(delimiter !== undefined && { delimiter }),
    ...(headerLine !== undefined && { headerLine }),
    ...(validator.numberStyle() && { numberStyle: validator.numberStyle() }),
    ...measures.result(),
  };
};

export { DEFAULT_LIMITS, ingestSubmission, submissionIdOf };
