import type { SQSEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { localContext } from '../../local/localIngest.js';
import { putSubmission, useLocalResources } from '../helpers/localResources.js';

let resources: Awaited<ReturnType<typeof useLocalResources>>;
let ingest: typeof import('../../functions/ingest-submission/handler.js').handler;
let rollup: typeof import('../../functions/quarterly-rollup/handler.js').handler;

const HEADER = 'ma_don_vi,ky_bao_cao,ma_chi_tieu,tu_so,mau_so,trang_thai\n';
const fileOf = (unit: string, tu: number, mau: number) =>
  Buffer.from(
    `${HEADER}${unit},2023-Q3,CDS-2023-01,${tu},${mau},Đang thực hiện\n`,
  );

const upload = async (unit: string, body: Buffer, sequencer: number) => {
  const key = `submissions/${unit}/2023-Q3/chi-tieu-cds.csv`;
  const event = await putSubmission(resources, key, body, {
    versionId: `v${sequencer}`,
    sequencer: String(sequencer).padStart(16, '0'),
    eventTime: `2023-09-${String(sequencer).padStart(2, '0')}T08:00:00.000Z`,
  });
  await deliver(event);
  return event;
};

const deliver = (event: SQSEvent) => ingest(event, localContext('ingest'));

const consolidated = async () =>
  (
    await resources.table.listAggregates('2023-Q3', 'tong-hop-chi-tieu-cds')
  ).find((a) => a.group === 'CDS-2023-01');

let firstViettel: SQSEvent;

beforeAll(async () => {
  resources = await useLocalResources('it-corrections');
  ({ handler: ingest } = await import(
    '../../functions/ingest-submission/handler.js'
  ));
  ({ handler: rollup } = await import(
    '../../functions/quarterly-rollup/handler.js'
  ));
  firstViettel = await upload(
    'VIETTEL',
    fileOf('VIETTEL', 1185502, 1536946),
    1,
  );
  await upload('VNPT', fileOf('VNPT', 647000, 838334), 2);
  await upload('MOBIFONE', fileOf('MOBIFONE', 322953, 419168), 3);
  await rollup({ period: '2023-Q3' }, localContext('rollup'));
});

describe('corrections, lineage and concurrent rollups', () => {
  it('traces each consolidated figure to its submissions, versions and lines', async () => {
    const row = await consolidated();

    expect(row?.values).toMatchObject({ tu_so: '2155455', mau_so: '2794448' });
    expect(row?.sources).toEqual([
      {
        unitCode: 'MOBIFONE',
        submissionId: 'v3',
        key: 'submissions/MOBIFONE/2023-Q3/chi-tieu-cds.csv',
        versionId: 'v3',
        lines: [2],
      },
      {
        unitCode: 'VIETTEL',
        submissionId: 'v1',
        key: 'submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv',
        versionId: 'v1',
        lines: [2],
      },
      {
        unitCode: 'VNPT',
        submissionId: 'v2',
        key: 'submissions/VNPT/2023-Q3/chi-tieu-cds.csv',
        versionId: 'v2',
        lines: [2],
      },
    ]);
  });

  it('recomputes the figure from a corrected upload and keeps the old value in the history', async () => {
    await upload('VIETTEL', fileOf('VIETTEL', 1185602, 1536946), 4);

    const summary = await rollup({ period: '2023-Q3' }, localContext('rollup'));

    expect(summary.datasets[0]).toMatchObject({ changed: 1 });
    expect((await consolidated())?.values.tu_so).toBe('2155555');
    const history = await resources.table.listHistory(
      '2023-Q3',
      'tong-hop-chi-tieu-cds',
      'CDS-2023-01',
    );
    expect(history).toHaveLength(1);
    expect(history[0]?.previous.tu_so).toBe('2155455');
    expect(history[0]?.current.tu_so).toBe('2155555');
    expect(history[0]?.reason).toBe('VIETTEL: v1 → v4 (nộp lại / corrected)');
    expect(history[0]?.changedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('keeps the newer version when the older version event arrives again late', async () => {
    await deliver(firstViettel);

    const summary = await rollup({ period: '2023-Q3' }, localContext('rollup'));

    expect(summary.datasets[0]).toMatchObject({ changed: 0 });
    expect((await consolidated())?.values.tu_so).toBe('2155555');
  });

  it('gives one result and one history entry when two rollups run at once', async () => {
    await upload('VNPT', fileOf('VNPT', 647100, 838334), 5);

    await Promise.all([
      rollup({ period: '2023-Q3' }, localContext('rollup-a')),
      rollup({ period: '2023-Q3' }, localContext('rollup-b')),
    ]);

    expect((await consolidated())?.values.tu_so).toBe('2155655');
    const history = await resources.table.listHistory(
      '2023-Q3',
      'tong-hop-chi-tieu-cds',
      'CDS-2023-01',
    );
    expect(history.map((h) => h.current.tu_so)).toEqual(['2155555', '2155655']);
  });
});
