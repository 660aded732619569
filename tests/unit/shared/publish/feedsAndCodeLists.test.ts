import { beforeAll, describe, expect, it } from 'vitest';
import {
  codeListRows,
  indicatorCodeList,
} from '../../../../functions/shared/publish/codeLists.js';
import {
  diffTables,
  nextVersion,
} from '../../../../functions/shared/publish/releases.js';
import type { PublishedFile } from '../../../../functions/shared/publish/types.js';
import { buildAppendix } from '../../../../functions/shared/report/buildAppendix.js';
import { requireSchema } from '../../../../functions/shared/schema/loadSchemas.js';
import { catalogue } from '../../../helpers/catalogue.js';
import { consolidateFixtures } from '../../../helpers/fixtureConsolidation.js';
import {
  buildSample,
  info,
  jsonAt,
  sampleDatasets,
  sampleRows,
  textAt,
} from './sampleSite.js';

const SECOND_PUBLICATION = new Date('2024-04-18T09:30:00.000Z');

let first: PublishedFile[];
let second: PublishedFile[];

beforeAll(async () => {
  ({ files: first } = await buildSample());
  ({ files: second } = await buildSample({
    previous: first,
    now: SECOND_PUBLICATION,
    rows: {
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
    },
  }));
}, 60_000);

const entries = (xml: string) =>
  [...xml.matchAll(/<entry>[\s\S]*?<\/entry>/g)].map((m) => ({
    id: /<id>([^<]*)<\/id>/.exec(m[0])?.[1],
    updated: /<updated>([^<]*)<\/updated>/.exec(m[0])?.[1],
    summary: /<summary>([^<]*)<\/summary>/.exec(m[0])?.[1],
  }));

describe('Atom feeds', () => {
  it("lists a dataset's releases newest first, each saying what changed", () => {
    const xml = textAt(second, 'datasets/chi-tieu-cds/feed.atom');

    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(xml).toContain('<updated>2024-04-18T09:30:00Z</updated>');
    expect(entries(xml)).toEqual([
      {
        id: `${info.siteUrl}datasets/chi-tieu-cds/releases/1.1.0/`,
        updated: '2024-04-18T09:30:00Z',
        summary:
          '4 dòng / rows · 2023-Q3, 2023-Q4\n2023-Q4: +1 thêm / added, −0 bỏ / removed, 0 sửa / changed',
      },
      {
        id: `${info.siteUrl}datasets/chi-tieu-cds/releases/1.0.0/`,
        updated: '2024-01-20T03:00:00Z',
        summary:
          '3 dòng / rows · 2023-Q3, 2023-Q4\nPhát hành lần đầu / First release',
      },
    ]);
  });

  it("lists every dataset's releases in the site feed, newest first", () => {
    const list = entries(textAt(second, 'feed.atom'));

    expect(list).toHaveLength(catalogue.schemas.size + 1);
    expect(list[0]?.id).toBe(
      `${info.siteUrl}datasets/chi-tieu-cds/releases/1.1.0/`,
    );
    expect(
      list.slice(1).every((e) => e.updated === '2024-01-20T03:00:00Z'),
    ).toBe(true);
  });

  it('links the feeds from the pages with <link rel="alternate">', () => {
    expect(textAt(second, 'index.html')).toContain(
      '<link rel="alternate" type="application/atom+xml" title="Dữ liệu mở chuyển đổi số tỉnh Thanh Hóa (Atom)" href="feed.atom">',
    );
    expect(textAt(second, 'datasets/chi-tieu-cds/index.html')).toContain(
      'type="application/atom+xml" title="Kết quả thực hiện chỉ tiêu chuyển đổi số (Atom)" href="../../datasets/chi-tieu-cds/feed.atom">',
    );
  });
});

describe('code lists', () => {
  it('publishes danh-muc-chi-tieu with the 67 indicators of indicators.csv', () => {
    const rows = codeListRows(catalogue, 'danh-muc-chi-tieu');

    expect(rows).toHaveLength(67);
    expect(rows[0]).toEqual({
      ma_chi_tieu: 'CDS-2023-01',
      ke_hoach: '100/KH-BCĐ',
      stt: '1',
      ma_tru_cot: 'HT',
      tru_cot: 'Phát triển hạ tầng số',
      ten_chi_tieu:
        'Tỷ lệ thuê bao điện thoại di động sử dụng điện thoại thông minh đạt trên 80%',
      ten_chi_tieu_en:
        'Share of mobile subscribers using a smartphone above 80%',
      don_vi_tinh: '%',
      loai_chi_tieu: 'ratio',
      muc_tieu: '> 80',
      han_hoan_thanh: '2023-Q4',
      don_vi_chu_tri: 'VIETTEL;VNPT;MOBIFONE',
    });
  });

  it('publishes danh-muc-don-vi with each version of a reused code and its validity dates', () => {
    const rows = codeListRows(catalogue, 'danh-muc-don-vi');
    const keys = rows.map((r) => r.ma_phien_ban);

    expect(new Set(keys).size).toBe(rows.length);
    expect(rows.length).toBe(catalogue.unitVersions.length);
    expect(
      rows
        .filter((r) => r.ma_don_vi === '14758')
        .map((r) => [
          r.ma_phien_ban,
          r.ten_don_vi,
          r.hieu_luc_tu,
          r.hieu_luc_den,
        ]),
    ).toEqual([
      ['14758', 'Phường Đông Thọ', '', '2025-06-30'],
      ['14758@2025-07-01', 'Phường Hàm Rồng', '2025-07-01', ''],
    ]);
    expect(rows.find((r) => r.ma_don_vi === 'MOBIFONE')).toMatchObject({
      ten_ngan: 'MobiFone',
      cap: 'agency',
    });
  });

  it('gives the code lists DCAT, CKAN and datapackage metadata like every other dataset', async () => {
    const { files } = await buildSample({
      rows: {
        ...sampleRows,
        'danh-muc-chi-tieu': codeListRows(catalogue, 'danh-muc-chi-tieu'),
      },
    });

    const pkg = jsonAt(files, 'datasets/danh-muc-chi-tieu/datapackage.json');
    expect(pkg.resources[0].schema.primaryKey).toEqual(['ma_chi_tieu']);
    expect(
      jsonAt(files, 'api/3/action/package_show/danh-muc-chi-tieu.json').result
        .num_resources,
    ).toBe(4);
    expect(textAt(files, 'catalog.ttl')).toContain('datasets/danh-muc-don-vi/');
    expect(
      textAt(files, 'datasets/danh-muc-chi-tieu/danh-muc-chi-tieu.csv')
        .trimEnd()
        .split('\n'),
    ).toHaveLength(68);
  });

  it('points the consolidation to the indicator code list with a foreign key the package can resolve', () => {
    const pkg = jsonAt(
      first,
      'datasets/tong-hop-chi-tieu-cds/datapackage.json',
    );
    const codes = new Set(
      indicatorCodeList(catalogue).map((r) => r.ma_chi_tieu),
    );

    expect(pkg.resources[0].schema.foreignKeys).toEqual([
      {
        fields: ['ma_chi_tieu'],
        reference: { resource: 'danh-muc-chi-tieu', fields: ['ma_chi_tieu'] },
      },
    ]);
    expect(pkg.resources.map((r: { name: string }) => r.name)).toContain(
      'danh-muc-chi-tieu',
    );
    expect(
      pkg.resources.find(
        (r: { name: string }) => r.name === 'danh-muc-chi-tieu',
      ).path,
    ).toBe(`${info.siteUrl}datasets/danh-muc-chi-tieu/danh-muc-chi-tieu.csv`);
    for (const row of sampleRows['tong-hop-chi-tieu-cds'] ?? []) {
      expect(codes.has(row.ma_chi_tieu ?? '')).toBe(true);
    }
  });
});

describe('names in tong-hop-chi-tieu-cds', () => {
  it('adds ten_chi_tieu, tru_cot, han_hoan_thanh and ghi_chu as a MINOR release', async () => {
    const schema = requireSchema(catalogue, 'tong-hop-chi-tieu-cds');
    const rows = await consolidateFixtures('2023-Q3');
    const header = schema.fields.map((f) => f.name);
    const before = header.slice(0, header.indexOf('ten_chi_tieu'));
    const csv = (columns: string[]) =>
      [
        columns.join(','),
        ...rows.map((r) =>
          columns.map((c) => JSON.stringify(r.values[c] ?? '')).join(','),
        ),
      ].join('\n');

    const changes = diffTables(schema, csv(before), csv(header));

    expect(header.slice(-4)).toEqual([
      'ten_chi_tieu',
      'tru_cot',
      'han_hoan_thanh',
      'ghi_chu',
    ]);
    expect(changes.columnsAdded).toEqual([
      'ten_chi_tieu',
      'tru_cot',
      'han_hoan_thanh',
      'ghi_chu',
    ]);
    expect(nextVersion('1.0.0', changes)).toBe('1.1.0');
    expect(
      rows.find((r) => r.values.ma_chi_tieu === 'CDS-2023-10')?.values,
    ).toMatchObject({
      ten_chi_tieu:
        'Triển khai kho dữ liệu điện tử của tổ chức, cá nhân trên hệ thống thông tin giải quyết thủ tục hành chính các cấp để người dân, doanh nghiệp chỉ phải nhập dữ liệu một lần khi thực hiện dịch vụ công trực tuyến',
      tru_cot: 'Dữ liệu số',
      han_hoan_thanh: '2023-Q4',
      ghi_chu: 'Theo báo cáo số 394/HCC-HCQT ngày 14/9/2023',
    });
  });
});

describe('the quarterly reports on the site', () => {
  it('publishes bao-cao/<YYYY-Qn>/ with the page, DOCX and XLSX, linked from the home page and the consolidation page', async () => {
    const model = buildAppendix({
      period: '2023-Q3',
      rows: await consolidateFixtures('2023-Q3'),
      indicators: catalogue.indicators,
      units: catalogue.units,
      reference: catalogue.report,
    });
    const { buildSite } = await import(
      '../../../../functions/shared/publish/buildSite.js'
    );

    const { files } = await buildSite({
      info,
      datasets: sampleDatasets(),
      now: new Date('2024-01-20T03:00:00Z'),
      reports: [model],
    });

    const paths = files.map((f) => f.path);
    expect(paths).toContain('bao-cao/2023-Q3/index.html');
    expect(paths).toContain('bao-cao/2023-Q3/phu-luc-chi-tieu.docx');
    expect(paths).toContain('bao-cao/2023-Q3/phu-luc-chi-tieu.xlsx');
    expect(textAt(files, 'bao-cao/2023-Q3/index.html')).toContain(
      'Đã hoàn thành 21/43 chỉ tiêu; 22 chỉ tiêu đang thực hiện',
    );
    expect(textAt(files, 'index.html')).toContain(
      '<a href="bao-cao/2023-Q3/index.html">Quý III/2023</a>',
    );
    expect(
      textAt(files, 'datasets/tong-hop-chi-tieu-cds/index.html'),
    ).toContain('<a href="../../bao-cao/2023-Q3/index.html">Quý III/2023</a>');
  }, 60_000);
});
