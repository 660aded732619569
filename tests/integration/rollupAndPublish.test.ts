import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
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
  for (const unit of readdirSync(SUBMISSIONS).sort()) {
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

const CONSOLIDATED =
  'ky_bao_cao,ma_chi_tieu,tu_so,mau_so,gia_tri,so_don_vi\n' +
  '2023-Q3,CDS-2023-01,2155455,2794448,77.13,3\n' +
  '2023-Q3,CDS-2023-02,531581,553945,95.96,3\n' +
  '2023-Q3,CDS-2023-07,,,,1\n' +
  '2023-Q3,CDS-2023-24,8,8,100,1\n' +
  '2023-Q3,CDS-2023-39,856,856,100,1\n';

describe('quarterly-rollup and publish-datasets on local S3 and DynamoDB', () => {
  it('consolidates the accepted submissions as exact sums per indicator', async () => {
    const summary = await rollup({ period: '2023-Q3' }, localContext('rollup'));

    expect(summary).toEqual({
      period: '2023-Q3',
      datasets: [{ datasetId: 'tong-hop-chi-tieu-cds', rows: 5, units: 4 }],
    });
    const rows = await resources.table.listAggregates(
      '2023-Q3',
      'tong-hop-chi-tieu-cds',
    );
    expect(rows.find((r) => r.group === 'CDS-2023-01')?.values).toEqual({
      ky_bao_cao: '2023-Q3',
      ma_chi_tieu: 'CDS-2023-01',
      tu_so: '2155455',
      mau_so: '2794448',
      gia_tri: '77.13',
      so_don_vi: '3',
    });
  });

  it('publishes unit-level and consolidated datasets with their descriptors', async () => {
    const summary = await publish({}, localContext('publish'));

    expect(summary.datasets.map((d) => [d.datasetId, d.rows])).toEqual([
      ['chi-tieu-cds', 9],
      ['tong-hop-chi-tieu-cds', 5],
    ]);
    expect(
      await resources.public.getText(
        'datasets/tong-hop-chi-tieu-cds/tong-hop-chi-tieu-cds.csv',
      ),
    ).toBe(CONSOLIDATED);
    const units = (
      await resources.public.getText('datasets/chi-tieu-cds/chi-tieu-cds.csv')
    )
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0]);
    expect(units).toEqual([
      'MOBIFONE',
      'MOBIFONE',
      'STTTT',
      'STTTT',
      'STTTT',
      'VIETTEL',
      'VIETTEL',
      'VNPT',
      'VNPT',
    ]);
    const descriptor = JSON.parse(
      await resources.public.getText('datasets/chi-tieu-cds/datapackage.json'),
    );
    expect(descriptor.resources.map((r: { path: string }) => r.path)).toEqual([
      'chi-tieu-cds.csv',
      'chi-tieu-cds.json',
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
