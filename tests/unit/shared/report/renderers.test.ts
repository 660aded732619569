import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAppendix } from '../../../../functions/shared/report/buildAppendix.js';
import { renderAppendixDocx } from '../../../../functions/shared/report/renderDocx.js';
import {
  renderAppendixDocument,
  renderAppendixJson,
} from '../../../../functions/shared/report/renderHtml.js';
import {
  APPENDIX_SHEET,
  renderAppendixXlsx,
} from '../../../../functions/shared/report/renderXlsx.js';
import type { AppendixModel } from '../../../../functions/shared/report/types.js';
import { catalogue } from '../../../helpers/catalogue.js';
import { consolidateFixtures } from '../../../helpers/fixtureConsolidation.js';

let model: AppendixModel;

beforeAll(async () => {
  model = buildAppendix({
    period: '2023-Q3',
    rows: await consolidateFixtures('2023-Q3'),
    indicators: catalogue.indicators,
    units: catalogue.units,
    reference: catalogue.report,
  });
}, 60_000);

const sheetOf = async (body: Buffer) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(APPENDIX_SHEET);
  if (!sheet) throw new Error('no appendix sheet');
  return sheet;
};

describe('the XLSX appendix', () => {
  it('lays out the table with merged pillar rows and one row per indicator', async () => {
    const sheet = await sheetOf(await renderAppendixXlsx(model));
    const rows: (string | number)[][] = [];
    sheet.eachRow((row) => {
      rows.push(
        [1, 2, 3, 4, 5].map((c) => {
          const v = row.getCell(c).value;
          return typeof v === 'number' ? v : String(v ?? '');
        }),
      );
    });

    expect(rows[2]).toEqual([
      'STT',
      'Các chỉ tiêu',
      'Thời gian hoàn thành',
      'Kết quả đạt được',
      'Lưu ý',
    ]);
    const pillars = rows.filter((r) => /^[IVX]+$/.test(String(r[0])));
    expect(pillars.map((r) => [r[0], r[1]])).toEqual([
      ['I', 'Phát triển hạ tầng số'],
      ['II', 'Dữ liệu số'],
      ['III', 'Phát triển chính quyền số'],
      ['IV', 'Phát triển Kinh tế số'],
      ['V', 'Xây dựng xã hội số'],
      ['VI', 'An toàn, an ninh mạng'],
    ]);
    const pillarRow = 4;
    expect(sheet.getCell(pillarRow, 2).isMerged).toBe(true);
    expect(sheet.getCell(pillarRow, 5).master.address).toBe(`B${pillarRow}`);
    const indicators = rows.filter((r) => typeof r[0] === 'number');
    expect(indicators.map((r) => r[0])).toEqual(
      Array.from({ length: 43 }, (_, i) => i + 1),
    );
    expect(indicators[0]).toEqual([
      1,
      'Tỷ lệ thuê bao điện thoại di động sử dụng điện thoại thông minh đạt trên 80%',
      'Quý IV',
      'Đang thực hiện\nTheo báo cáo của 03 đơn vị (Viettel, VNPT và MobiFone); đến nay đạt tỷ lệ là 77% (2.155.455/2.794.448 thuê bao)',
      '',
    ]);
    expect(rows.map((r) => r[0])).toContain(
      'Đã hoàn thành 21/43 chỉ tiêu; 22 chỉ tiêu đang thực hiện',
    );
    expect(sheet.pageSetup.paperSize).toBe(9);
    expect(sheet.pageSetup.printTitlesRow).toBe('3:3');
  });

  it('gives the same bytes for the same model', async () => {
    expect(
      (await renderAppendixXlsx(model)).equals(await renderAppendixXlsx(model)),
    ).toBe(true);
  });
});

describe('the DOCX appendix', () => {
  it('is an A4 Word document in Times New Roman whose table header repeats on every page', async () => {
    const files = unzipSync(await renderAppendixDocx(model));
    const document = strFromU8(files['word/document.xml'] ?? new Uint8Array());

    expect(document).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(document).toContain('<w:tblHeader/>');
    expect(document).toContain('w:ascii="Times New Roman"');
    expect(document).toContain('2.155.455/2.794.448');
    expect(strFromU8(files['docProps/core.xml'] ?? new Uint8Array())).toContain(
      '>2023-09-30T00:00:00Z</dcterms:created>',
    );
  });

  it('gives the same bytes for the same model', async () => {
    expect(
      (await renderAppendixDocx(model)).equals(await renderAppendixDocx(model)),
    ).toBe(true);
  });
});

describe('the HTML and JSON appendix', () => {
  it('escapes every text it shows', () => {
    const hostile = {
      ...model,
      title: { vi: '<script>alert(1)</script>', en: 'x' },
    };

    const html = renderAppendixDocument(hostile);

    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('prints on A4 with the table header repeated', () => {
    const html = renderAppendixDocument(model);

    expect(html).toContain('@media print{@page{size:A4');
    expect(html).toContain('thead{display:table-header-group}');
    expect(html.match(/<tr id="CDS-2023-\d\d">/g)).toHaveLength(43);
  });

  it('carries the same content for machines', () => {
    const json = JSON.parse(renderAppendixJson(model));

    expect(json.plans[0].summary.text).toBe(
      'Đã hoàn thành 21/43 chỉ tiêu; 22 chỉ tiêu đang thực hiện',
    );
    expect(json.plans[0].pillars[0].rows[0].figures).toEqual({
      numerator: '2155455',
      denominator: '2794448',
      value: '77.13',
      countUnit: 'thuê bao',
    });
  });
});
