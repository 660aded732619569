import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ingestSubmission } from '../../../../functions/ingest-submission/ingestSubmission.js';
import {
  INSTRUCTIONS_SHEET,
  TEMPLATE_SHEET,
} from '../../../../functions/shared/xlsx/buildTemplate.js';
import { templateFor } from '../../../../functions/shared/xlsx/templateFor.js';
import { catalogue } from '../../../helpers/catalogue.js';
import { fillIndicatorTemplate } from '../../../helpers/fillTemplate.js';
import { memoryIngest, uploadOf } from '../../../helpers/memoryIngest.js';

const STTTT_2023_Q3 = {
  dataset: 'chi-tieu-cds',
  unit: 'STTTT',
  period: '2023-Q3',
  format: 'xlsx',
} as const;

const bytesOf = async (request: Parameters<typeof templateFor>[1]) => {
  const outcome = await templateFor(catalogue, request);
  if (!outcome.ok) throw new Error(outcome.messageEn);
  return outcome.body;
};

const open = async (bytes: Buffer) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
};

describe('the chi-tieu-cds template of STTTT for 2023-Q3', () => {
  it('has the instructions first, then one pre-filled row per indicator STTTT is responsible for in 2023', async () => {
    const workbook = await open(await bytesOf(STTTT_2023_Q3));
    const sheet = workbook.getWorksheet(TEMPLATE_SHEET);
    const owed = [...catalogue.indicators.values()]
      .filter((i) => i.responsible.includes('STTTT') && i.firstYear === 2023)
      .map((i) => i.code)
      .sort();

    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      INSTRUCTIONS_SHEET,
      TEMPLATE_SHEET,
    ]);
    expect(owed).toHaveLength(25);
    expect(sheet?.getRow(1).values).toEqual([
      undefined,
      'Mã đơn vị',
      'Kỳ báo cáo',
      'Mã chỉ tiêu',
      'Tử số',
      'Mẫu số',
      'Giá trị',
      'Đơn vị tính',
      'Trạng thái',
      'Ghi chú',
      'Tham khảo: Tên chỉ tiêu',
      'Tham khảo: Đơn vị đo',
      'Tham khảo: Mục tiêu',
    ]);
    const codes: string[] = [];
    for (let r = 2; r <= 26; r++) {
      const row = sheet?.getRow(r);
      expect(row?.getCell(1).value).toBe('STTTT');
      expect(row?.getCell(2).value).toBe('2023-Q3');
      codes.push(String(row?.getCell(3).value));
    }
    expect(codes).toEqual(owed);
    expect(sheet?.getRow(27).getCell(1).value).toBeNull();
  });

  it('gives each indicator row its name, measure unit and target as context', async () => {
    const sheet = (await open(await bytesOf(STTTT_2023_Q3))).getWorksheet(
      TEMPLATE_SHEET,
    );
    const rows = new Map<string, unknown[]>();
    sheet?.eachRow((row) => {
      rows.set(String(row.getCell(3).value), [
        row.getCell(10).value,
        row.getCell(11).value,
        row.getCell(12).value,
      ]);
    });
    const ratio = [...catalogue.indicators.values()].find(
      (i) =>
        i.responsible.includes('STTTT') &&
        i.firstYear === 2023 &&
        i.targetOperator,
    );

    expect(ratio).toBeDefined();
    expect(rows.get(ratio?.code ?? '')).toEqual([
      ratio?.name,
      ratio?.unit,
      `${ratio?.targetOperator} ${String(ratio?.targetValue).replace('.', ',')} ${ratio?.unit}`,
    ]);
  });

  it('freezes the header, lists the statuses and checks numbers ≥ 0 and quarters', async () => {
    const sheet = (await open(await bytesOf(STTTT_2023_Q3))).getWorksheet(
      TEMPLATE_SHEET,
    );

    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet?.getCell('H2').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"Đã hoàn thành,Đang thực hiện,Chưa thực hiện"'],
    });
    expect(sheet?.getCell('D30').dataValidation).toMatchObject({
      type: 'whole',
      operator: 'greaterThanOrEqual',
      formulae: [0],
    });
    expect(sheet?.getCell('F2').dataValidation).toMatchObject({
      type: 'decimal',
    });
    expect(sheet?.getCell('B2').dataValidation).toMatchObject({
      type: 'custom',
    });
    expect(sheet?.getColumn(10).width).toBe(70);
    expect(sheet?.getCell('D2').protection).toMatchObject({ locked: false });
    expect(sheet?.getCell('J2').protection).toBeUndefined();
  });

  it('says the deadline and the number formats on the instructions sheet', async () => {
    const help = (await open(await bytesOf(STTTT_2023_Q3))).getWorksheet(
      INSTRUCTIONS_SHEET,
    );
    const text: string[] = [];
    help?.eachRow((row) => {
      text.push(String(row.getCell(1).value));
    });

    expect(text).toContain(
      'Hạn nộp: trước hết ngày 15/9/2023 (ngày 15 tháng cuối quý).',
    );
    expect(text.join('\n')).toContain('2155455 hoặc 2.155.455');
    expect(text.join('\n')).toContain('Số thập phân: 61,7');
  });

  it('gives the same bytes for the same request', async () => {
    expect(await bytesOf(STTTT_2023_Q3)).toEqual(await bytesOf(STTTT_2023_Q3));
  });

  it('validates with no finding once filled in', async () => {
    const filled = await fillIndicatorTemplate(
      await bytesOf(STTTT_2023_Q3),
      'submissions/STTTT/2023-Q3/chi-tieu-cds.csv',
    );
    const ports = memoryIngest(filled);

    const summary = await ingestSubmission(
      uploadOf('submissions/STTTT/2023-Q3/chi-tieu-cds.xlsx', filled.length),
      ports.deps,
    );

    expect(ports.report().errors).toEqual([]);
    expect(summary).toMatchObject({ status: 'accepted', rows: 25 });
  });

  it('reports the empty required cells of a template not filled in, on their cells', async () => {
    const template = await bytesOf(STTTT_2023_Q3);
    const ports = memoryIngest(template);

    await ingestSubmission(
      uploadOf('submissions/STTTT/2023-Q3/chi-tieu-cds.xlsx', template.length),
      ports.deps,
    );

    expect(ports.report().stats.errors).toBe(25);
    expect(ports.report().errors[0]).toMatchObject({
      type: 'constraint-error',
      fieldName: 'trang_thai',
      rowNumber: 2,
      cellRef: 'H2',
      sheet: TEMPLATE_SHEET,
    });
  });
});

describe('templateFor', () => {
  it('writes a CSV template with the titles and the pre-filled rows, UTF-8 with a BOM', async () => {
    const csv = (await bytesOf({ ...STTTT_2023_Q3, format: 'csv' })).toString(
      'utf8',
    );

    expect(
      csv.startsWith('\uFEFFMã đơn vị,Kỳ báo cáo,Mã chỉ tiêu,Tử số,'),
    ).toBe(true);
    expect(csv.split('\n')[1]).toBe('STTTT,2023-Q3,CDS-2023-03,,,,,,');
    expect(csv.trimEnd().split('\n')).toHaveLength(26);
  });

  it('pre-fills one row with the unit and period for a dataset without indicators', async () => {
    const sheet = (
      await open(
        await bytesOf({
          dataset: 'ha-tang-vien-thong',
          unit: 'VIETTEL',
          period: '2023-Q3',
          format: 'xlsx',
        }),
      )
    ).getWorksheet(TEMPLATE_SHEET);

    expect(sheet?.getRow(2).values).toEqual([undefined, 'VIETTEL', '2023-Q3']);
    expect(sheet?.getRow(1).cellCount).toBe(15);
  });

  it.each([
    [{ dataset: 'tong-hop-chi-tieu-cds' }, 'unknown-dataset'],
    [{ dataset: 'chi-tieu-cds', unit: 'STTTT' }, 'unit-and-period'],
    [
      { dataset: 'chi-tieu-cds', unit: '405', period: '2025-Q3' },
      'unit-not-valid-for-period',
    ],
  ])('refuses %j as %s', async (request, error) => {
    expect(
      await templateFor(catalogue, { format: 'xlsx', ...request }),
    ).toMatchObject({ ok: false, error });
  });
});
