import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestSubmission } from '../../../functions/ingest-submission/ingestSubmission.js';
import { FIXTURES_DIR } from '../../helpers/catalogue.js';
import { memoryIngest, uploadOf } from '../../helpers/memoryIngest.js';

const fixture = (path: string) => readFileSync(join(FIXTURES_DIR, path));

describe('ingestSubmission: who may report what, and locked quarters', () => {
  it('warns on each row of an indicator the unit is not responsible for, and keeps the rows', async () => {
    const ports = memoryIngest(fixture('cases/not-responsible.csv'));

    const summary = await ingestSubmission(
      uploadOf('submissions/380/2023-Q3/chi-tieu-cds.csv'),
      ports.deps,
    );

    expect(summary.status).toBe('accepted-with-warnings');
    expect(
      ports
        .report()
        .errors.map((e) => [e.type, e.severity, e.rowNumber, e.cell]),
    ).toEqual([
      ['not-responsible', 'warning', 2, 'CDS-2023-01'],
      ['not-responsible', 'warning', 3, 'CDS-2023-38'],
    ]);
    expect(ports.report().errors[0]?.message).toBe(
      'Dòng 2: đơn vị nộp không chịu trách nhiệm báo cáo chỉ tiêu "CDS-2023-01" (đơn vị chịu trách nhiệm: VIETTEL, VNPT, MOBIFONE); số liệu được giữ là số liệu của đơn vị nhưng không được tính vào tổng hợp toàn tỉnh',
    );
    expect([...ports.committed.values()][0]).toHaveLength(2);
  });

  it('rejects a whole file of a dataset the unit does not submit, before reading it', async () => {
    const ports = memoryIngest(
      fixture('submissions/VIETTEL/2023-Q3/ha-tang-vien-thong.csv'),
    );

    const summary = await ingestSubmission(
      uploadOf('submissions/380/2023-Q3/ha-tang-vien-thong.csv'),
      ports.deps,
    );

    expect(summary).toMatchObject({ status: 'rejected', rows: 0, errors: 1 });
    expect(ports.report().errors).toEqual([
      expect.objectContaining({
        type: 'not-responsible',
        severity: 'error',
        cell: 'ha-tang-vien-thong',
        messageEn:
          'The submitting unit does not submit dataset "ha-tang-vien-thong" (submitted by: MOBIFONE, VIETTEL, VNPT)',
      }),
    ]);
  });

  it('rejects a district reporting a locality outside its area, with the line', async () => {
    const ports = memoryIngest(fixture('cases/locality-outside-area.csv'));

    const summary = await ingestSubmission(
      uploadOf('submissions/405/2024-Q4/to-cong-nghe-so.csv'),
      ports.deps,
    );

    expect(summary.status).toBe('rejected');
    expect(ports.report().errors).toEqual([
      expect.objectContaining({
        type: 'locality-outside-area',
        severity: 'error',
        rowNumber: 3,
        fieldName: 'ma_dia_ban',
        cell: '384',
      }),
    ]);
  });

  it('rejects an upload for an approved quarter with period-locked: who, when, how to reopen', async () => {
    const ports = memoryIngest(
      fixture('submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv'),
    );
    const asked: string[] = [];

    const summary = await ingestSubmission(
      uploadOf('submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv'),
      {
        ...ports.deps,
        periodLock: async (period) => {
          asked.push(period);
          return {
            period,
            action: 'approve',
            by: 'Ban Chỉ đạo CĐS tỉnh',
            at: '2023-10-20T02:00:00.000Z',
          };
        },
      },
    );

    expect(asked).toEqual(['2023-Q3']);
    expect(summary).toMatchObject({ status: 'rejected', rows: 0 });
    expect(ports.report().errors).toEqual([
      {
        type: 'period-locked',
        severity: 'error',
        cell: '2023-Q3',
        message:
          'Kỳ "2023-Q3" đã được Ban Chỉ đạo CĐS tỉnh phê duyệt chính thức lúc 2023-10-20T02:00:00.000Z; số liệu của kỳ đã khóa, tệp này không được tiếp nhận (tệp gốc vẫn được lưu)',
        messageEn:
          'Period "2023-Q3" was approved as official by Ban Chỉ đạo CĐS tỉnh at 2023-10-20T02:00:00.000Z; its figures are locked and this file was not taken in (the raw upload is kept)',
        hint: expect.stringContaining('opendata reopen'),
      },
    ]);
    expect(ports.records[0]).toMatchObject({ status: 'rejected' });
  });

  it('takes the upload in when the quarter is not locked', async () => {
    const ports = memoryIngest(
      fixture('submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv'),
    );

    const summary = await ingestSubmission(
      uploadOf('submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv'),
      { ...ports.deps, periodLock: async () => undefined },
    );

    expect(summary.status).toBe('accepted');
  });
});
