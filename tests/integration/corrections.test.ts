import type { SQSEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { localContext } from '../../local/localIngest.js';
import { putSubmission, useLocalResources } from '../helpers/localResources.js';

let resources: Awaited<ReturnType<typeof useLocalResources>>;
let ingest: typeof import('../../functions/ingest-submission/handler.js').handler;
let rollup: typeof import('../../functions/quarterly-rollup/handler.js').handler;

const HEADER = 'ma_don_vi,ky_bao_cao,ma_chi_tieu,tu_so,mau_so,trang_thai\n';

// Each test works on a quarter of its own, so it passes alone or with the others.
const upload = async (
  period: string,
  unit: string,
  [tu, mau]: readonly [number, number],
  sequencer: number,
) => {
  const key = `submissions/${unit}/${period}/chi-tieu-cds.csv`;
  const body = Buffer.from(
    `${HEADER}${unit},${period},CDS-2023-01,${tu},${mau},Đang thực hiện\n`,
  );
  const event = await putSubmission(resources, key, body, {
    versionId: `v${sequencer}`,
    sequencer: String(sequencer).padStart(16, '0'),
    eventTime: `2024-01-${String(sequencer).padStart(2, '0')}T08:00:00.000Z`,
  });
  await deliver(event);
  return event;
};

const deliver = (event: SQSEvent) => ingest(event, localContext('ingest'));

const consolidated = async (period: string) =>
  (await resources.table.listAggregates(period, 'tong-hop-chi-tieu-cds')).find(
    (a) => a.group === 'CDS-2023-01',
  );

/** The three operators' figures of seed 002 (2,155,455 / 2,794,448), rolled up; the first upload's event. */
const seedQuarter = async (period: string): Promise<SQSEvent> => {
  const firstViettel = await upload(period, 'VIETTEL', [1185502, 1536946], 1);
  await upload(period, 'VNPT', [647000, 838334], 2);
  await upload(period, 'MOBIFONE', [322953, 419168], 3);
  await rollup({ period }, localContext('rollup'));
  return firstViettel;
};

beforeAll(async () => {
  resources = await useLocalResources('it-corrections');
  ({ handler: ingest } = await import(
    '../../functions/ingest-submission/handler.js'
  ));
  ({ handler: rollup } = await import(
    '../../functions/quarterly-rollup/handler.js'
  ));
});

describe('corrections, lineage and concurrent rollups', () => {
  it('traces each consolidated figure to its submissions, versions and lines', async () => {
    await seedQuarter('2023-Q1');

    const row = await consolidated('2023-Q1');

    expect(row?.values).toMatchObject({ tu_so: '2155455', mau_so: '2794448' });
    expect(row?.sources).toEqual([
      {
        unitCode: 'MOBIFONE',
        submissionId: 'v3',
        key: 'submissions/MOBIFONE/2023-Q1/chi-tieu-cds.csv',
        versionId: 'v3',
        lines: [2],
      },
      {
        unitCode: 'VIETTEL',
        submissionId: 'v1',
        key: 'submissions/VIETTEL/2023-Q1/chi-tieu-cds.csv',
        versionId: 'v1',
        lines: [2],
      },
      {
        unitCode: 'VNPT',
        submissionId: 'v2',
        key: 'submissions/VNPT/2023-Q1/chi-tieu-cds.csv',
        versionId: 'v2',
        lines: [2],
      },
    ]);
  });

  it('recomputes the figure from a corrected upload and keeps the old value in the history', async () => {
    await seedQuarter('2023-Q2');
    await upload('2023-Q2', 'VIETTEL', [1185602, 1536946], 4);

    const summary = await rollup({ period: '2023-Q2' }, localContext('rollup'));

    expect(summary.datasets[0]).toMatchObject({ changed: 1 });
    expect((await consolidated('2023-Q2'))?.values.tu_so).toBe('2155555');
    const history = await resources.table.listHistory(
      '2023-Q2',
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
    const firstViettel = await seedQuarter('2023-Q3');
    await upload('2023-Q3', 'VIETTEL', [1185602, 1536946], 4);
    await rollup({ period: '2023-Q3' }, localContext('rollup'));

    await deliver(firstViettel);
    const summary = await rollup({ period: '2023-Q3' }, localContext('rollup'));

    expect(summary.datasets[0]).toMatchObject({ changed: 0 });
    expect((await consolidated('2023-Q3'))?.values.tu_so).toBe('2155555');
  });

  it('gives one result and one history entry when two rollups run at once', async () => {
    await seedQuarter('2023-Q4');
    await upload('2023-Q4', 'VIETTEL', [1185602, 1536946], 4);
    await rollup({ period: '2023-Q4' }, localContext('rollup'));
    await upload('2023-Q4', 'VNPT', [647100, 838334], 5);

    await Promise.all([
      rollup({ period: '2023-Q4' }, localContext('rollup-a')),
      rollup({ period: '2023-Q4' }, localContext('rollup-b')),
    ]);

    expect((await consolidated('2023-Q4'))?.values.tu_so).toBe('2155655');
    const history = await resources.table.listHistory(
      '2023-Q4',
      'tong-hop-chi-tieu-cds',
      'CDS-2023-01',
    );
    expect(history.map((h) => h.current.tu_so)).toEqual(['2155555', '2155655']);
  });
});
