import { parsePeriod, periodStart } from '../period.js';
import type { Catalogue } from '../schema/loadSchemas.js';
import type { DatasetSchema } from '../schema/types.js';
import type { SubmissionKey } from '../submissionKey.js';
import { type Finding, finding } from './codes.js';
import { notResponsibleFinding } from './submissionRights.js';

/** What is known of an upload before its content is read. */
export interface UploadFacts {
  readonly key: string;
  /** The key's parts, when it follows the convention. */
  readonly parsedKey: SubmissionKey | undefined;
  readonly schema: DatasetSchema | undefined;
  readonly size: number;
  readonly receivedAt: string;
  readonly maxBytes: number;
}

/** The program's first year: the earliest year any catalogue indicator can be reported. */
const programStart = (catalogue: Catalogue) =>
  Math.min(...[...catalogue.indicators.values()].map((i) => i.firstYear));

/** A period that had not begun when the file arrived, or is before the program. */
const periodFinding = (
  period: string,
  receivedAt: string,
  catalogue: Catalogue,
): Finding | undefined => {
  const p = parsePeriod(period);
  if (!p) return undefined;
  if (periodStart(p) > receivedAt.slice(0, 10)) {
    return finding('future-period', {
      value: period,
      expected: receivedAt.slice(0, 10),
    });
  }
  const first = programStart(catalogue);
  if (Number.isFinite(first) && p.year < first) {
    return finding('period-before-program', {
      value: period,
      expected: `${first}-Q1`,
    });
  }
  return undefined;
};

/** Why an upload is refused before its content is read: its key, size, dataset, period, or a unit that does not submit the dataset. */
const refusalOf = (
  upload: UploadFacts,
  catalogue: Catalogue,
): Finding | undefined => {
  const { parsedKey, schema } = upload;
  if (!parsedKey)
    return finding('invalid-submission-key', { value: upload.key });
  if (upload.size > upload.maxBytes) {
    return finding('file-too-large', {
      count: upload.size,
      expected: String(upload.maxBytes),
    });
  }
  if (schema?.['x-dataset'].kind !== 'submission') {
    return finding('unknown-dataset', { value: parsedKey.datasetId });
  }
  return (
    periodFinding(parsedKey.period, upload.receivedAt, catalogue) ??
    notResponsibleFinding(catalogue, parsedKey)
  );
};

export { refusalOf };
