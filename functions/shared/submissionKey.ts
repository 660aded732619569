import { PERIOD_PATTERN } from './period.js';
import { SUBMISSION_FILTER } from './resources.js';

/** What an ingest object key says about a submission. */
export interface SubmissionKey {
  readonly key: string;
  readonly unitCode: string;
  readonly period: string;
  readonly datasetId: string;
}

// submissions/<unit_code>/<YYYY-Qn>/<dataset_id>.csv
const KEY_RE = new RegExp(
  `^submissions/([A-Z0-9]{2,20})/(${PERIOD_PATTERN.replaceAll('(', '(?:')})/([a-z0-9-]+)\\.csv$`,
);

/** Parses `submissions/<unit_code>/<period>/<dataset_id>.csv`, or gives undefined. */
const parseSubmissionKey = (key: string): SubmissionKey | undefined => {
  const match = KEY_RE.exec(key);
  if (!match) return undefined;
  const [, unitCode = '', period = '', datasetId = ''] = match;
  return { key, unitCode, period, datasetId };
};

/** Builds the ingest key of a submission. */
const submissionKeyOf = (unitCode: string, period: string, datasetId: string) =>
  `${SUBMISSION_FILTER.prefix}${unitCode}/${period}/${datasetId}.csv`;

export { parseSubmissionKey, submissionKeyOf };
