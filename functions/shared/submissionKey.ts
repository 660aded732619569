import { PERIOD_PATTERN } from './period.js';
import { SUBMISSION_FILTER } from './resources.js';

/** What an ingest object key says about a submission. */
export interface SubmissionKey {
  readonly key: string;
  readonly unitCode: string;
  readonly period: string;
  readonly datasetId: string;
  /** The extension the key names; the content still decides how it is read. */
  readonly extension: 'csv' | 'xlsx';
}

// submissions/<unit_code>/<YYYY-Qn>/<dataset_id>.csv or .xlsx
const KEY_RE = new RegExp(
  `^submissions/([A-Z0-9]{2,20})/(${PERIOD_PATTERN.replaceAll('(', '(?:')})/([a-z0-9-]+)\\.(csv|xlsx)$`,
);

/** Parses `submissions/<unit_code>/<period>/<dataset_id>.csv` (or `.xlsx`), or gives undefined. */
const parseSubmissionKey = (key: string): SubmissionKey | undefined => {
  const match = KEY_RE.exec(key);
  if (!match) return undefined;
  const [, unitCode = '', period = '', datasetId = '', extension] = match;
  return {
    key,
    unitCode,
    period,
    datasetId,
    extension: extension === 'xlsx' ? 'xlsx' : 'csv',
  };
};

/** Builds the ingest key of a submission. */
const submissionKeyOf = (
  unitCode: string,
  period: string,
  datasetId: string,
  extension: 'csv' | 'xlsx' = 'csv',
) =>
  `${SUBMISSION_FILTER.prefix}${unitCode}/${period}/${datasetId}.${extension}`;

export { parseSubmissionKey, submissionKeyOf };
