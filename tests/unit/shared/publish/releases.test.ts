import { beforeAll, describe, expect, it } from 'vitest';
import {
  diffTables,
  nextVersion,
} from '../../../../functions/shared/publish/releases.js';
import type {
  PublishedFile,
  ReleaseChanges,
} from '../../../../functions/shared/publish/types.js';
import { requireSchema } from '../../../../functions/shared/schema/loadSchemas.js';
import { catalogue } from '../../../helpers/catalogue.js';
import {
  buildSample,
  FIRST_PUBLICATION,
  jsonAt,
  sampleRows,
  textAt,
} from './sampleSite.js';

const schema = requireSchema(catalogue, 'chi-tieu-cds');
const HEADER =
  'ma_don_vi,ky_bao_cao,ma_chi_tieu,tu_so,mau_so,gia_tri,don_vi_tinh,trang_thai,ghi_chu';
const SECOND_PUBLICATION = new Date('2024-04-18T09:30:00.000Z');

const none: ReleaseChanges = {
  added: 0,
  removed: 0,
  changed: 0,
  columnsAdded: [],
  columnsRemoved: [],
  periods: [],
};

describe('diffTables', () => {
  it('counts rows added, removed and changed per period, matching rows on the primary key', () => {
    const before = [
      HEADER,
      'VIETTEL,2023-Q3,CDS-2023-01,1,2,50,%,Đang thực hiện,',
      'VNPT,2023-Q3,CDS-2023-01,1,2,50,%,Đang thực hiện,',
      'VNPT,2023-Q3,CDS-2023-02,1,2,50,%,Đang thực hiện,',
    ].join('\n');
    const after = [
      HEADER,
      'VIETTEL,2023-Q3,CDS-2023-01,1,2,50,%,Đang thực hiện,',
      'VNPT,2023-Q3,CDS-2023-01,2,2,100,%,Đã hoàn thành,',
      'VIETTEL,2023-Q4,CDS-2023-01,1,2,50,%,Đang thực hiện,',
      'VNPT,2023-Q4,CDS-2023-01,1,2,50,%,Đang thực hiện,',
    ].join('\n');

    expect(diffTables(schema, before, after)).toEqual({
      added: 2,
      removed: 1,
      changed: 1,
      columnsAdded: [],
      columnsRemoved: [],
      periods: [
        { period: '2023-Q3', added: 0, removed: 1, changed: 1 },
        { period: '2023-Q4', added: 2, removed: 0, changed: 0 },
      ],
    });
  });

  it('names columns added and removed', () => {
    const changes = diffTables(schema, 'a,b,ma_don_vi\n', 'ma_don_vi,c\n');

    expect([changes.columnsAdded, changes.columnsRemoved]).toEqual([
      ['c'],
      ['a', 'b'],
    ]);
  });
});

describe('nextVersion', () => {
  it.each([
    ['a first release', undefined, undefined, '1.0.0'],
    ['corrections only', '1.0.0', { ...none, changed: 3, removed: 1 }, '1.0.1'],
    ['a metadata change', '1.2.3', none, '1.2.4'],
    ['new rows', '1.0.4', { ...none, added: 12 }, '1.1.0'],
    ['a new column', '1.1.0', { ...none, columnsAdded: ['x'] }, '1.2.0'],
    [
      'a removed column',
      '1.4.2',
      { ...none, added: 5, columnsRemoved: ['x'] },
      '2.0.0',
    ],
  ] as const)(
    'gives %s the version it deserves',
    (_, previous, changes, expected) => {
      expect(nextVersion(previous, changes)).toBe(expected);
    },
  );
});

describe('releases of the published site', () => {
  let first: PublishedFile[];

  beforeAll(async () => {
    ({ files: first } = await buildSample());
  });

  it('publishes release 1.0.0 of every dataset, equal to the top-level files', () => {
    const manifest = jsonAt(first, 'datasets/chi-tieu-cds/releases/index.json');

    expect(manifest.latest).toBe('1.0.0');
    expect(manifest.releases).toHaveLength(1);
    expect(manifest.releases[0]).toMatchObject({
      version: '1.0.0',
      published: '2024-01-20T03:00:00Z',
      rows: 3,
      periods: ['2023-Q3', '2023-Q4'],
    });
    for (const file of [
      'chi-tieu-cds.csv',
      'chi-tieu-cds.xlsx',
      'datapackage.json',
    ]) {
      expect(
        textAt(first, `datasets/chi-tieu-cds/releases/1.0.0/${file}`),
      ).toBe(textAt(first, `datasets/chi-tieu-cds/${file}`));
    }
  });

  it('writes the same bytes and no new release when nothing changed', async () => {
    const { files: again, datasets } = await buildSample({
      previous: first,
      now: SECOND_PUBLICATION,
    });

    expect(again.filter((f) => f.path.includes('/releases/1.'))).toEqual([]);
    expect(datasets.every((d) => !d.released && d.version === '1.0.0')).toBe(
      true,
    );
    const unchanged = first.filter((f) => !f.path.includes('/releases/1.'));
    expect(again.map((f) => [f.path, f.body.toString('base64')])).toEqual(
      unchanged.map((f) => [f.path, f.body.toString('base64')]),
    );
  });

  it('makes exactly one new release, with a changelog entry, when one dataset gets new rows', async () => {
    const rows = {
      ...sampleRows,
      'chi-tieu-cds': [
        ...(sampleRows['chi-tieu-cds'] ?? []),
        {
          ma_don_vi: 'VNPT',
          ky_bao_cao: '2023-Q4',
          ma_chi_tieu: 'CDS-2023-01',
          tu_so: '640000',
          mau_so: '780000',
          gia_tri: '82.05',
          don_vi_tinh: '%',
          trang_thai: 'Đã hoàn thành',
          ghi_chu: '',
        },
      ],
    };

    const { files, datasets } = await buildSample({
      rows,
      previous: first,
      now: SECOND_PUBLICATION,
    });

    expect(
      datasets.filter((d) => d.released).map((d) => [d.datasetId, d.version]),
    ).toEqual([['chi-tieu-cds', '1.1.0']]);
    expect(
      files.filter((f) => /\/releases\/\d/.test(f.path)).map((f) => f.path),
    ).toEqual([
      'datasets/chi-tieu-cds/releases/1.1.0/chi-tieu-cds.csv',
      'datasets/chi-tieu-cds/releases/1.1.0/chi-tieu-cds.json',
      'datasets/chi-tieu-cds/releases/1.1.0/chi-tieu-cds.xlsx',
      'datasets/chi-tieu-cds/releases/1.1.0/datapackage.json',
    ]);
    const manifest = jsonAt(files, 'datasets/chi-tieu-cds/releases/index.json');
    expect(
      manifest.releases.map((r: { version: string }) => r.version),
    ).toEqual(['1.1.0', '1.0.0']);
    expect(manifest.releases[0].changes).toEqual({
      added: 1,
      removed: 0,
      changed: 0,
      columnsAdded: [],
      columnsRemoved: [],
      periods: [{ period: '2023-Q4', added: 1, removed: 0, changed: 0 }],
    });
    expect(textAt(files, 'datasets/chi-tieu-cds/CHANGELOG.md')).toContain(
      '## 1.1.0 (2024-04-18T09:30:00Z)\n\n4 dòng / rows · 2023-Q3, 2023-Q4\n\n- 2023-Q4: +1 thêm / added, −0 bỏ / removed, 0 sửa / changed\n\n## 1.0.0 (2024-01-20T03:00:00Z)',
    );
    expect(
      jsonAt(files, 'datasets/chi-tieu-cds/datapackage.json').version,
    ).toBe('1.1.0');
    expect(textAt(files, 'datasets/chi-tieu-cds/chi-tieu-cds.csv')).toBe(
      textAt(files, 'datasets/chi-tieu-cds/releases/1.1.0/chi-tieu-cds.csv'),
    );
    expect(
      jsonAt(files, 'api/3/action/package_show/chi-tieu-cds.json').result
        .metadata_modified,
    ).toBe('2024-04-18T09:30:00');
    expect(
      jsonAt(files, 'api/3/action/package_show/an-toan-thong-tin.json').result
        .metadata_modified,
    ).toBe(FIRST_PUBLICATION.toISOString().replace('.000Z', ''));
  });

  it('makes a patch release for a correction', async () => {
    const corrected = (sampleRows['chi-tieu-cds'] ?? []).map((r, i) =>
      i === 0 ? { ...r, ghi_chu: 'Đã sửa theo báo cáo bổ sung' } : r,
    );

    const { datasets, files } = await buildSample({
      rows: { ...sampleRows, 'chi-tieu-cds': corrected },
      previous: first,
      now: SECOND_PUBLICATION,
    });

    expect(datasets.find((d) => d.datasetId === 'chi-tieu-cds')?.version).toBe(
      '1.0.1',
    );
    expect(
      jsonAt(files, 'datasets/chi-tieu-cds/releases/index.json').releases[0]
        .changes.periods,
    ).toEqual([{ period: '2023-Q3', added: 0, removed: 0, changed: 1 }]);
  });
});
