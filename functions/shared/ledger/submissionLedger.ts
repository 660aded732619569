import type {
  SubmissionLineage,
  SubmissionMeasures,
} from '../aggregate/measures.js';
import { type Period, parsePeriod } from '../period.js';
import { expectedSubmitters } from '../reference/responsibility.js';
import type { Catalogue } from '../schema/loadSchemas.js';
import type { SubmissionStatus } from '../validation/report.js';

/** One upload as the ledger records it: what arrived, when, and what came of it. */
export interface SubmissionRecord {
  readonly submissionId: string;
  readonly key: string;
  readonly versionId?: string;
  readonly unitCode: string;
  readonly period: string;
  readonly datasetId: string;
  readonly status: SubmissionStatus;
  readonly receivedAt: string;
  /** Orders a unit's uploads of a dataset for a period (event time, then S3's sequencer): the greatest accepted one is in force. */
  readonly order: string;
  readonly rows: number;
  readonly errors: number;
  readonly warnings: number;
  readonly reportKey: string;
  readonly normalizedKey?: string;
  readonly measures?: SubmissionMeasures;
  readonly lineage?: SubmissionLineage;
}

/** Where one expected submitter stands for a dataset and period. */
export interface SubmitterStatus {
  readonly unitCode: string;
  readonly unitName: string;
  /** `on-time`, `late`, `rejected` (only rejected uploads) or `missing`. */
  readonly state: 'on-time' | 'late' | 'rejected' | 'missing';
  readonly receivedAt?: string;
  readonly submissionId?: string;
  readonly uploads: number;
}

/** The ledger of one dataset for one period. */
export interface DatasetLedger {
  readonly datasetId: string;
  readonly deadline: string;
  readonly expected: number;
  readonly received: number;
  readonly late: number;
  /** Share of expected submitters with an accepted submission, in percent (2 decimals). */
  readonly completeness: number;
  readonly submitters: SubmitterStatus[];
  /** Accepted submissions from units nobody expected (extra reporters). */
  readonly unexpected: string[];
}

/** The day of a quarter's last month submissions are due, unless a deployment says otherwise (seed 004: "before the 15th"). */
const DEFAULT_DEADLINE_DAY = 15;

/** Deadline of a quarter: the given day of its last month, end of day in Vietnam (UTC+7). */
const deadlineOf = (period: Period, day = DEFAULT_DEADLINE_DAY): string => {
  const month = String(period.quarter * 3).padStart(2, '0');
  return `${period.year}-${month}-${String(day).padStart(2, '0')}T23:59:59+07:00`;
};

/**
 * Who was expected to submit which dataset for a period, what arrived and
 * when: on time, late (after the deadline), only rejected, or missing.
 */
const buildLedger = (
  catalogue: Catalogue,
  periodText: string,
  uploads: readonly SubmissionRecord[],
  options: { deadlineDay?: number } = {},
): DatasetLedger[] => {
  const period = parsePeriod(periodText);
  if (!period) throw new Error(`Not a period: ${periodText}`);
  const deadline = deadlineOf(period, options.deadlineDay);
  const deadlineMs = Date.parse(deadline);
  const ledgers: DatasetLedger[] = [];
  for (const schema of catalogue.schemas.values()) {
    const meta = schema['x-dataset'];
    if (meta.kind !== 'submission') continue;
    const expected = expectedSubmitters(catalogue, meta.id, period);
    const mine = uploads.filter(
      (u) => u.datasetId === meta.id && u.period === periodText,
    );
    const submitters = expected.map((unitCode): SubmitterStatus => {
      const resolution = catalogue.units.resolve(unitCode, period);
      const unitName =
        resolution.status === 'valid' ? resolution.unit.name : '';
      const own = mine.filter((u) => u.unitCode === unitCode);
      const accepted = own
        .filter((u) => u.status !== 'rejected')
        .sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : 1));
      const first = accepted[0];
      if (!first) {
        return {
          unitCode,
          unitName,
          state: own.length > 0 ? 'rejected' : 'missing',
          uploads: own.length,
        };
      }
      return {
        unitCode,
        unitName,
        state: Date.parse(first.receivedAt) > deadlineMs ? 'late' : 'on-time',
        receivedAt: first.receivedAt,
        submissionId: first.submissionId,
        uploads: own.length,
      };
    });
    const received = submitters.filter(
      (s) => s.state === 'on-time' || s.state === 'late',
    ).length;
    const expectedSet = new Set(expected);
    ledgers.push({
      datasetId: meta.id,
      deadline,
      expected: expected.length,
      received,
      late: submitters.filter((s) => s.state === 'late').length,
      completeness:
        expected.length === 0
          ? 100
          : Math.round((received * 10000) / expected.length) / 100,
      submitters,
      unexpected: [
        ...new Set(
          mine
            .filter(
              (u) => u.status !== 'rejected' && !expectedSet.has(u.unitCode),
            )
            .map((u) => u.unitCode),
        ),
      ].sort(),
    });
  }
  return ledgers;
};

export { buildLedger, DEFAULT_DEADLINE_DAY, deadlineOf };
