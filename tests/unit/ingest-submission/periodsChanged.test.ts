import { describe, expect, it } from 'vitest';
import { ingestSubmission } from '../../../functions/ingest-submission/ingestSubmission.js';
import { memoryIngest, uploadOf } from '../../helpers/memoryIngest.js';

const HEADER = 'ma_don_vi,ky_bao_cao,ma_chi_tieu,tu_so,mau_so,trang_thai\n';

const ingestWithSpy = async (key: string, csv: string) => {
  const memory = memoryIngest(Buffer.from(csv));
  const calls: (readonly string[])[] = [];
  const summary = await ingestSubmission(uploadOf(key), {
    ...memory.deps,
    periodsChanged: async (periods) => {
      calls.push(periods);
    },
  });
  return { summary, calls, records: memory.records };
};

describe('ingest: the consolidations an upload makes stale', () => {
  it('asks, after recording an accepted correction to 2023-Q3, for rollups of 2023-Q3 and 2023-Q4', async () => {
    const { summary, calls, records } = await ingestWithSpy(
      'submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv',
      `${HEADER}VIETTEL,2023-Q3,CDS-2023-01,1185502,1536946,Đang thực hiện\n`,
    );

    expect(summary.status).toBe('accepted');
    expect(records).toHaveLength(1);
    expect(calls).toEqual([['2023-Q3', '2023-Q4']]);
  });

  it('asks for nothing when the file is rejected', async () => {
    const { summary, calls } = await ingestWithSpy(
      'submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv',
      `${HEADER}VIETTEL,2023-Q3,CDS-2023-01,1536946,1185502,Đang thực hiện\n`,
    );

    expect(summary.status).toBe('rejected');
    expect(calls).toEqual([]);
  });
});
