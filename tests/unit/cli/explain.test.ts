import { describe, expect, it } from 'vitest';
import { sourceLine } from '../../../cli/commands/explain.js';
import { LINEAGE_LINES } from '../../../functions/shared/aggregate/measures.js';

const source = (lines: number[]) => ({
  unitCode: 'VNPT',
  submissionId: 'v1',
  key: 'submissions/VNPT/2023-Q3/chi-tieu-cds.csv',
  lines,
});

describe('explain: one source line', () => {
  it('lists the lines a figure came from', () => {
    expect(sourceLine(source([2, 7]))).toBe(
      '  VNPT: submissions/VNPT/2023-Q3/chi-tieu-cds.csv · submission v1 · dòng/lines 2, 7',
    );
  });

  it('says so when the trace was cut at its length', () => {
    const lines = Array.from({ length: LINEAGE_LINES }, (_, i) => i + 2);

    const text = sourceLine(source(lines));

    expect(LINEAGE_LINES).toBe(100);
    expect(text).toContain('dòng/lines 2, 3,');
    expect(text).toContain(', 101 … (100 dòng đầu, tệp có thể còn nữa');
    expect(text.endsWith('the first 100 lines; the file may have more)')).toBe(
      true,
    );
  });
});
