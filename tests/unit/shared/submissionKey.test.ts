import { describe, expect, it } from 'vitest';
import { parseSubmissionKey } from '../../../functions/shared/submissionKey.js';

describe('parseSubmissionKey', () => {
  it('reads unit, period and dataset from the key', () => {
    expect(
      parseSubmissionKey('submissions/STTTT/2023-Q3/chi-tieu-cds.csv'),
    ).toEqual({
      key: 'submissions/STTTT/2023-Q3/chi-tieu-cds.csv',
      unitCode: 'STTTT',
      period: '2023-Q3',
      datasetId: 'chi-tieu-cds',
      extension: 'csv',
    });
  });

  it('reads a workbook key', () => {
    expect(
      parseSubmissionKey('submissions/STTTT/2023-Q3/chi-tieu-cds.xlsx'),
    ).toMatchObject({ datasetId: 'chi-tieu-cds', extension: 'xlsx' });
  });

  it.each([
    'submissions/STTTT/2023-Q5/chi-tieu-cds.csv',
    'submissions/STTTT/chi-tieu-cds.csv',
    'submissions/sttt/2023-Q3/chi-tieu-cds.csv',
    'submissions/STTTT/2023-Q3/chi-tieu-cds.xlsm',
    'other/STTTT/2023-Q3/chi-tieu-cds.csv',
    'submissions/../STTTT/2023-Q3/chi-tieu-cds.csv',
  ])('refuses %s', (key) => {
    expect(parseSubmissionKey(key)).toBeUndefined();
  });
});
