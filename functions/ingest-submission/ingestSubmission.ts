import type { Readable } from 'node:stream';
import { dependentPeriods } from '../shared/aggregate/dependentPeriods.js';
import type { RowSink } from '../shared/csv/csvSink.js';
import { createTextDecoder } from '../shared/csv/decode.js';
import type { SubmissionRecord } from '../shared/ledger/submissionLedger.js';
import { parsePeriod } from '../shared/period.js';
import type { Catalogue } from '../shared/schema/loadSchemas.js';
import type { Approval } from '../shared/signoff/periodApproval.js';
import { parseSubmissionKey } from '../shared/submissionKey.js';
import { createFindingCollector } from '../shared/validation/findingCollector.js';
import { createFileSpill } from '../shared/validation/keySpillFiles.js';
import { refusalOf } from '../shared/validation/refusal.js';
import {
  buildReport,
  renderReportText,
  type SubmissionStatus,
  type ValidationReport,
} from '../shared/validation/report.js';
import { periodLockedFinding } from '../shared/validation/submissionRights.js';
import type {
  ContentValidation,
  SubmissionContext,
} from '../shared/validation/validateSubmission.js';
import { openSubmissionContent } from '../shared/xlsx/openSubmissionContent.js';
import {
  type ContentCheck,
  checkOpenedContent,
} from '../shared/xlsx/submissionContent.js';

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

/** The ports the ingest works through. */
export interface IngestDeps {
  readonly catalogue: Catalogue;
  openRaw(input: IngestInput): Promise<Readable>;
  openNormalized(key: string, columns: readonly string[]): RowSink;
  putReport(key: string, body: string, contentType: string): Promise<void>;
  recordSubmission(record: SubmissionRecord): Promise<void>;
  /** Told which consolidations an accepted submission made stale. */
  periodsChanged?(periods: readonly string[]): Promise<void>;
  readonly limits?: IngestLimits;
  /** The approval locking a period, if any: an upload for it is refused (`period-locked`). */
  periodLock?(period: string): Promise<Approval | undefined>;
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

/**
 * Where an upload stands among a unit's uploads of a dataset for a period:
 * its event time first, then S3's sequencer. The sequencer alone orders
 * events of one key only, and the same report may arrive under two keys
 * (`.csv`, then `.xlsx`); the time orders those, and the sequencer two
 * uploads of one key in the same millisecond. Orders written before this
 * (the sequencer padded with zeros) sort before every one written since.
 */
const orderOf = (input: IngestInput): string =>
  `${compactTime(input.eventTime)}-${(input.sequencer ?? '').padStart(32, '0')}`;

/** A stable id for one upload: its S3 version, else its event time and ETag. */
const submissionIdOf = (input: IngestInput): string =>
  input.versionId && input.versionId !== 'null'
    ? input.versionId
    : `${compactTime(input.eventTime)}-${(input.eTag ?? 'noetag').slice(0, 8)}`;

/** Curated-bucket folder of one upload; it mirrors the ingest key so agencies can read their own. */
const curatedBaseOf = (key: string, submissionId: string) =>
  `${key.replace(/\.(csv|xlsx)$/, '')}/${submissionId}`;

/**
 * Reads one upload's content, as its bytes decide (CSV text, or a
 * workbook's records), through the validation core: accepted rows go to
 * `sink`. The reader's own findings (a refused archive) and the decoder's
 * (control characters removed) join the core's.
 */
const checkContent = async (
  raw: Readable,
  name: string,
  context: SubmissionContext,
  sink: (columns: readonly string[]) => RowSink,
): Promise<ContentCheck> => {
  const decoder = createTextDecoder();
  try {
    const opened = await openSubmissionContent(raw, {
      name,
      decoder,
      schema: context.schema,
    });
    return await checkOpenedContent(opened, context, sink, decoder);
  } finally {
    // Reading may stop early (row limit, a quote never closed): let go of the S3 body.
    raw.destroy();
  }
};

/** What checking an upload gave: the report as a value, and what its content gave. */
export interface UploadCheck {
  readonly submissionId: string;
  readonly report: ValidationReport;
  readonly content?: ContentValidation;
}

/**
 * Checks one upload: refuses it from its key, size, dataset, period or lock,
 * or runs the validation core on its content (CSV text, or a workbook's
 * records, as its bytes decide), writing accepted rows to `sink`.
 * `opendata validate` calls this too, with a local file.
 */
const checkUpload = async (
  input: IngestInput,
  deps: Pick<IngestDeps, 'catalogue' | 'openRaw' | 'limits' | 'periodLock'>,
  sink: (columns: readonly string[]) => RowSink,
): Promise<UploadCheck> => {
  const limits = deps.limits ?? DEFAULT_LIMITS;
  const parsedKey = parseSubmissionKey(input.key);
  const schema = parsedKey && deps.catalogue.schemas.get(parsedKey.datasetId);
  // The lock is asked last: only an upload that is otherwise admissible.
  const refusal =
    refusalOf(
      {
        key: input.key,
        parsedKey,
        schema,
        size: input.size,
        receivedAt: input.eventTime,
        maxBytes: limits.maxBytes,
      },
      deps.catalogue,
    ) ?? (await periodLockedFinding(parsedKey, deps.periodLock?.bind(deps)));
  const period = parsedKey && parsePeriod(parsedKey.period);

  const checked =
    !refusal && parsedKey && schema && period
      ? await checkContent(
          await deps.openRaw(input),
          input.key,
          {
            schema,
            units: deps.catalogue.units,
            indicators: deps.catalogue.indicators,
            grants: deps.catalogue.grants,
            unitCode: parsedKey.unitCode,
            period,
            maxRows: limits.maxRows,
            keys: { spill: createFileSpill() },
          },
          sink,
        )
      : undefined;
  const findings = checked?.findings ?? createFindingCollector();
  if (refusal) findings.add([refusal]);
  const { content, encoding } = checked ?? {};
  const submissionId = submissionIdOf(input);
  const report = buildReport({
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
    bytes: input.size,
    encoding,
    findings,
    ...(content && { content }),
  });
  return { submissionId, report, ...(content && { content }) };
};

/**
 * Ingests one uploaded submission: checks it, writes the normalized output
 * and the two report files, and records the submission. Only I/O lives
 * here; bad data gives a report, never a throw.
 */
const ingestSubmission = async (
  input: IngestInput,
  deps: IngestDeps,
): Promise<IngestSummary> => {
  const submissionId = submissionIdOf(input);
  const base = curatedBaseOf(input.key, submissionId);
  const reportKey = `${base}/report.json`;
  const normalizedKey = `${base}/normalized.csv`;
  const { report, content } = await checkUpload(input, deps, (columns) =>
    deps.openNormalized(normalizedKey, columns),
  );
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
  const { status, stats, submission } = report;
  await deps.recordSubmission({
    submissionId,
    key: input.key,
    ...(input.versionId && { versionId: input.versionId }),
    unitCode: submission.unitCode ?? '-',
    period: submission.period ?? '-',
    datasetId: submission.datasetId ?? '-',
    status,
    receivedAt: input.eventTime,
    order: orderOf(input),
    rows: stats.rows,
    errors: stats.errors,
    warnings: stats.warnings,
    reportKey,
    ...(status !== 'rejected' && {
      normalizedKey,
      measures: content?.measures ?? {},
      lineage: content?.lineage ?? {},
    }),
  });
  if (status !== 'rejected' && submission.period) {
    await deps.periodsChanged?.(dependentPeriods(submission.period));
  }
  return {
    submissionId,
    key: input.key,
    status,
    rows: stats.rows,
    errors: stats.errors,
    warnings: stats.warnings,
    reportKey,
  };
};

export {
  checkContent,
  checkUpload,
  DEFAULT_LIMITS,
  ingestSubmission,
  submissionIdOf,
};
