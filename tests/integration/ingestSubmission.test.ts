import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../functions/shared/resources.js';
import { localContext } from '../../local/localIngest.js';
import { FIXTURES_DIR } from '../helpers/catalogue.js';
import {
  putSubmission,
  sqsEventFor,
  useLocalResources,
} from '../helpers/localResources.js';
import {
  buildWorkbook,
  csvRowsOf,
  numericCells,
} from '../helpers/workbooks.js';

type Handler = (e: SQSEvent, c: Context) => Promise<SQSBatchResponse>;

let resources: Awaited<ReturnType<typeof useLocalResources>>;
let handler: Handler;

beforeAll(async () => {
  resources = await useLocalResources('it-ingest');
  ({ handler } = await import('../../functions/ingest-submission/handler.js'));
});

const upload = async (key: string, body: Buffer, sequencer: string) => {
  const event = await putSubmission(resources, key, body, {
    sequencer,
    eventTime: `2023-10-02T03:04:05.${sequencer.slice(-3)}Z`,
  });
  return { event, response: await handler(event, localContext('ingest')) };
};

const fixture = (path: string) => readFileSync(join(FIXTURES_DIR, path));

describe('ingest-submission handler on local S3 and DynamoDB', () => {
  it('normalizes an accepted file into the curated bucket and puts it in force', async () => {
    const key = 'submissions/VNPT/2023-Q3/chi-tieu-cds.csv';

    const { response } = await upload(
      key,
      fixture('submissions/VNPT/2023-Q3/chi-tieu-cds.csv'),
      '0000000000000100',
    );

    expect(response).toEqual({ batchItemFailures: [] });
    const [current] = await resources.table.listCurrent(
      '2023-Q3',
      'chi-tieu-cds',
    );
    expect(current).toMatchObject({
      unitCode: 'VNPT',
      status: 'accepted',
      rows: 2,
      measures: {
        'CDS-2023-01': { tu_so: '647000', mau_so: '838334' },
        'CDS-2023-02': { tu_so: '180736', mau_so: '188341' },
      },
    });
    expect(await resources.curated.getText(current?.normalizedKey ?? '')).toBe(
      'ma_don_vi,ky_bao_cao,ma_chi_tieu,tu_so,mau_so,gia_tri,don_vi_tinh,trang_thai,ghi_chu\n' +
        'VNPT,2023-Q3,CDS-2023-01,647000,838334,77.18,thuê bao,Đang thực hiện,Số liệu đến 30/9/2023\n' +
        'VNPT,2023-Q3,CDS-2023-02,180736,188341,95.96,hộ gia đình,Đã hoàn thành,\n',
    );
    const report = JSON.parse(
      await resources.curated.getText(current?.reportKey ?? ''),
    );
    expect(report).toMatchObject({ status: 'accepted', delimiter: ';' });
  });

  it('reports a rejected file, writes no rows and leaves the raw upload untouched', async () => {
    const key = 'submissions/380/2023-Q3/chi-tieu-cds.csv';
    const raw = fixture('submissions/380/2023-Q3/chi-tieu-cds.csv');

    const { response } = await upload(key, raw, '0000000000000200');

    expect(response).toEqual({ batchItemFailures: [] });
    const ledger = (await resources.table.listLedger('2023-Q3')).filter(
      (s) => s.unitCode === '380',
    );
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ status: 'rejected', errors: 1 });
    const report = JSON.parse(
      await resources.curated.getText(ledger[0]?.reportKey ?? ''),
    );
    expect(report.errors).toEqual([
      expect.objectContaining({
        type: 'numerator-exceeds-denominator',
        rowNumber: 2,
        fieldName: 'tu_so',
        cell: '231540',
      }),
      // SYT, not district 380, is responsible for CDS-2023-38 (issue #14).
      expect.objectContaining({
        type: 'not-responsible',
        severity: 'warning',
        rowNumber: 2,
        cell: 'CDS-2023-38',
      }),
    ]);
    const folder = ledger[0]?.reportKey.replace(/report\.json$/, '') ?? '';
    expect((await resources.curated.list(folder)).sort()).toEqual([
      `${folder}report.json`,
      `${folder}report.txt`,
    ]);
    expect(await resources.ingest.getText(key)).toBe(raw.toString('utf8'));
    const current = await resources.table.listCurrent(
      '2023-Q3',
      'chi-tieu-cds',
    );
    expect(current.map((s) => s.unitCode)).not.toContain('380');
  });

  it('keeps the newer upload in force when an older event arrives late', async () => {
    const key = 'submissions/MOBIFONE/2023-Q3/chi-tieu-cds.csv';
    const older = Buffer.from(
      'ma_don_vi,ky_bao_cao,ma_chi_tieu,tu_so,mau_so,trang_thai\nMOBIFONE,2023-Q3,CDS-2023-01,1,2,Đang thực hiện\n',
    );
    const newer = fixture('submissions/MOBIFONE/2023-Q3/chi-tieu-cds.csv');

    await upload(key, newer, '0000000000000400');
    await upload(key, older, '0000000000000300');

    const current = (
      await resources.table.listCurrent('2023-Q3', 'chi-tieu-cds')
    ).find((s) => s.unitCode === 'MOBIFONE');
    expect(current?.measures?.['CDS-2023-01']).toMatchObject({
      tu_so: '322953',
      mau_so: '419168',
    });
    const ledger = (await resources.table.listLedger('2023-Q3')).filter(
      (s) => s.unitCode === 'MOBIFONE',
    );
    // Event time first, then the sequencer.
    expect(ledger.map((s) => s.order)).toEqual([
      `20231002T030405300-${'300'.padStart(32, '0')}`,
      `20231002T030405400-${'400'.padStart(32, '0')}`,
    ]);
  });

  it('puts a workbook in force when it arrives after the CSV of the same report, though S3 sequences each key apart', async () => {
    const csvKey = 'submissions/STTTT/2023-Q3/chi-tieu-cds.csv';
    const csv = fixture('submissions/STTTT/2023-Q3/chi-tieu-cds.csv');
    const [header = [], ...rows] = csvRowsOf(csv.toString('utf8'));
    // The workbook's figures differ from the CSV's in one cell.
    const changed = rows.map((row, i) =>
      i === 0 ? row.map((cell, c) => (c === 8 ? 'Bản Excel' : cell)) : row,
    );
    const xlsx = await buildWorkbook([
      { name: 'Báo cáo', rows: [header, ...numericCells(changed)] },
    ]);
    const send = async (
      key: string,
      body: Buffer,
      sequencer: string,
      at: string,
    ) =>
      handler(
        await putSubmission(resources, key, body, { sequencer, eventTime: at }),
        localContext('ingest'),
      );

    await send(csvKey, csv, '00000000000009000', '2023-10-05T08:00:00.000Z');
    await send(
      csvKey.replace(/\.csv$/, '.xlsx'),
      xlsx,
      '00000000000000100',
      '2023-10-05T08:30:00.000Z',
    );

    const current = (
      await resources.table.listCurrent('2023-Q3', 'chi-tieu-cds')
    ).find((s) => s.unitCode === 'STTTT');
    expect(current?.key).toBe('submissions/STTTT/2023-Q3/chi-tieu-cds.xlsx');
    expect(current?.status).toBe('accepted');
  });

  it('records a redelivered event once', async () => {
    const key = 'submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv';
    const body = fixture('submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv');
    const { event } = await upload(key, body, '0000000000000500');

    await handler(event, localContext('ingest'));

    const ledger = (await resources.table.listLedger('2023-Q3')).filter(
      (s) => s.unitCode === 'VIETTEL',
    );
    expect(ledger).toHaveLength(1);
  });

  it('reports a failed record to SQS instead of failing the batch when the raw object is gone', async () => {
    const event = sqsEventFor({
      bucket: resources.env[ENV.ingestBucket] ?? '',
      key: 'submissions/VNPT/2023-Q4/chi-tieu-cds.csv',
      size: 10,
      eTag: 'deadbeef',
      sequencer: '0000000000000600',
    });
    const ok = sqsEventFor({
      bucket: resources.env[ENV.ingestBucket] ?? '',
      key: 'submissions/VIETTEL/chi-tieu-cds.csv',
      size: 10,
      eTag: 'deadbeef',
      sequencer: '0000000000000601',
    });
    const batch = { Records: [...event.Records, ...ok.Records] };

    const response = await handler(batch, localContext('ingest'));

    expect(response).toEqual({
      batchItemFailures: [{ itemIdentifier: event.Records[0]?.messageId }],
    });
  });
});
