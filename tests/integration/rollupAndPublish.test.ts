import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../functions/shared/resources.js';
import { localContext } from '../../local/localIngest.js';
import { FIXTURES_DIR } from '../helpers/catalogue.js';
import { sqsEventFor, useLocalResources } from '../helpers/localResources.js';

let resources: Awaited<ReturnType<typeof useLocalResources>>;
let rollup: typeof import('../../functions/quarterly-rollup/handler.js').handler;
let publish: typeof import('../../functions/publish-datasets/handler.js').handler;

const SUBMISSIONS = join(FIXTURES_DIR, 'submissions');

beforeAll(async () => {
  resources = await useLocalResources('it-rollup');
  const { handler: ingest } = await import(
    '../../functions/ingest-submission/handler.js'
  );
  ({ handler: rollup } = await import(
    '../../functions/quarterly-rollup/handler.js'
  ));
  ({ handler: publish } = await import(
    '../../functions/publish-datasets/handler.js'
  ));
  let sequence = 0;
  const units = readdirSync(SUBMISSIONS).filter((unit) =>
    existsSync(join(SUBMISSIONS, unit, '2023-Q3', 'chi-tieu-cds.csv')),
  );
  for (const unit of units.sort()) {
    const path = join(unit, '2023-Q3', 'chi-tieu-cds.csv');
    const body = readFileSync(join(SUBMISSIONS, path));
    const key = `submissions/${unit}/2023-Q3/chi-tieu-cds.csv`;
    await resources.ingest.put(key, body, 'text/csv');
    await ingest(
      sqsEventFor({
        bucket: resources.env[ENV.ingestBucket] ?? '',
        key,
        size: body.length,
        eTag: createHash('md5').update(body).digest('hex'),
        sequencer: String(++sequence).padStart(16, '0'),
      }),
      localContext('ingest'),
    );
  }
});

describe('quarterly-rollup and publish-datasets on local S3 and DynamoDB', () => {
  it('consolidates the accepted submissions into 43 indicators, 21 completed', async () => {
    const summary = await rollup({ period: '2023-Q3' }, localContext('rollup'));

    expect(summary.datasets).toContainEqual({
      datasetId: 'tong-hop-chi-tieu-cds',
      rows: 43,
      units: 9,
      changed: 0,
    });
    const rows = await resources.table.listAggregates(
      '2023-Q3',
      'tong-hop-chi-tieu-cds',
    );
    expect(
      rows.filter((r) => r.values.trang_thai === 'Đã hoàn thành'),
    ).toHaveLength(21);
    expect(rows.find((r) => r.group === 'CDS-2023-01')?.values).toEqual({
      ky_bao_cao: '2023-Q3',
      ma_chi_tieu: 'CDS-2023-01',
      loai_chi_tieu: 'ratio',
      tu_so: '2155455',
      mau_so: '2794448',
      gia_tri: '77.13',
      tang_trong_quy: '',
      muc_tieu: '> 80',
      danh_gia: 'chua_dat',
      trang_thai: 'Đang thực hiện',
      so_don_vi: '3',
      so_don_vi_phai_bao_cao: '3',
    });
  });

  it('publishes unit-level and consolidated datasets with their descriptors', async () => {
    const summary = await publish({}, localContext('publish'));

    const rows = Object.fromEntries(
      summary.datasets.map((d) => [d.datasetId, d.rows]),
    );
    expect(rows['chi-tieu-cds']).toBe(48);
    expect(rows['tong-hop-chi-tieu-cds']).toBe(43);
    const consolidated = await resources.public.getText(
      'datasets/tong-hop-chi-tieu-cds/tong-hop-chi-tieu-cds.csv',
    );
    expect(consolidated.split('\n').slice(0, 3)).toEqual([
      'ky_bao_cao,ma_chi_tieu,loai_chi_tieu,tu_so,mau_so,gia_tri,tang_trong_quy,muc_tieu,danh_gia,trang_thai,so_don_vi,so_don_vi_phai_bao_cao,trang_thai_so_lieu',
      '2023-Q3,CDS-2023-01,ratio,2155455,2794448,77.13,,> 80,chua_dat,Đang thực hiện,3,3,tam_tinh',
      '2023-Q3,CDS-2023-02,ratio,531581,553945,95.96,,> 85,dat,Đã hoàn thành,3,3,tam_tinh',
    ]);
    const descriptor = JSON.parse(
      await resources.public.getText('datasets/chi-tieu-cds/datapackage.json'),
    );
    expect(descriptor.resources.map((r: { path: string }) => r.path)).toEqual([
      'chi-tieu-cds.csv',
      'chi-tieu-cds.json',
      'chi-tieu-cds.xlsx',
    ]);
  });

  it('gives the same bytes when run again without new input', async () => {
    const before = await resources.public.getText(
      'datasets/tong-hop-chi-tieu-cds/datapackage.json',
    );

    await rollup({ period: '2023-Q3' }, localContext('rollup'));
    await publish({}, localContext('publish'));

    expect(
      await resources.public.getText(
        'datasets/tong-hop-chi-tieu-cds/datapackage.json',
      ),
    ).toBe(before);
  });
});
