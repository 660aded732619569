import ExcelJS from 'exceljs';
import { csvLine } from '../csv/csvWriter.js';
import { deadlineOf } from '../ledger/submissionLedger.js';
import { formatPeriod, type Period } from '../period.js';
import { fixZipTimestamps } from '../publish/xlsxFile.js';
import type { Indicator } from '../reference/indicators.js';
import type { DatasetSchema, FieldSchema } from '../schema/types.js';
import { columnLetters } from './cellText.js';
import { CONTEXT_LABEL_PREFIX } from './contextColumns.js';

/** What a template is made for: a dataset, and optionally one unit's quarter. */
export interface TemplateInput {
  readonly schema: DatasetSchema;
  readonly indicators: ReadonlyMap<string, Indicator>;
  /** With `period`: the unit whose rows are pre-filled. */
  readonly unit?: string;
  readonly period?: Period;
  /** The workbook's created/modified date and ZIP times: same input, same bytes. */
  readonly modified: Date;
}

/** One pre-filled row: the dataset's values, and the context shown beside it. */
export interface TemplateRow {
  readonly values: Readonly<Record<string, string>>;
  readonly context: readonly string[];
}

/** Name of the template's data sheet; the instructions sheet comes first. */
const TEMPLATE_SHEET = 'Nhập số liệu';
const INSTRUCTIONS_SHEET = 'Hướng dẫn';

/** The read-only context columns of an indicator template. */
const INDICATOR_CONTEXT = [
  `${CONTEXT_LABEL_PREFIX} Tên chỉ tiêu`,
  `${CONTEXT_LABEL_PREFIX} Đơn vị đo`,
  `${CONTEXT_LABEL_PREFIX} Mục tiêu`,
];

/** Rows left open for input (and checked) below the pre-filled ones. */
const OPEN_ROWS = 500;

const roleField = (schema: DatasetSchema, role: string) =>
  schema.fields.find((f) => f['x-role'] === role);

/** The indicators a unit is responsible for in a period's year, by code. */
const indicatorsOwedBy = (
  indicators: ReadonlyMap<string, Indicator>,
  unit: string,
  period: Period,
): Indicator[] =>
  [...indicators.values()]
    .filter(
      (i) =>
        i.responsible.includes(unit) &&
        period.year >= i.firstYear &&
        period.year <= i.lastYear,
    )
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

const targetText = (i: Indicator): string =>
  i.targetOperator === undefined
    ? ''
    : `${i.targetOperator} ${String(i.targetValue).replace('.', ',')}${i.unit ? ` ${i.unit}` : ''}`;

/**
 * The pre-filled rows of a unit's template: for a dataset with an indicator
 * column, one row per indicator the unit is responsible for in the period's
 * year, with its name, measure unit and target as context; otherwise one
 * row with the unit and period. Without a unit and period, none.
 */
const templateRows = (input: TemplateInput): TemplateRow[] => {
  const { schema, unit, period } = input;
  if (!unit || !period) return [];
  const base: Record<string, string> = {};
  const unitField = roleField(schema, 'unit');
  const periodField = roleField(schema, 'period');
  if (unitField) base[unitField.name] = unit;
  if (periodField) base[periodField.name] = formatPeriod(period);
  const indicatorField = roleField(schema, 'indicator');
  if (!indicatorField) return [{ values: base, context: [] }];
  return indicatorsOwedBy(input.indicators, unit, period).map((i) => ({
    values: { ...base, [indicatorField.name]: i.code },
    context: [i.name, i.unit, targetText(i)],
  }));
};

const hasContext = (schema: DatasetSchema) =>
  roleField(schema, 'indicator') !== undefined;

/** What a field takes, in words, for the instructions and the input prompts. */
const fieldRule = (field: FieldSchema): string => {
  const c = field.constraints;
  const parts: string[] = [];
  if (c?.required) parts.push('bắt buộc');
  if (field.type === 'integer') {
    parts.push('số nguyên ≥ 0, ví dụ 2155455 hoặc 2.155.455');
  } else if (field.type === 'number') {
    parts.push('số, thập phân dùng dấu phẩy, ví dụ 61,7');
  } else if (field.type === 'date') {
    parts.push('ngày, ví dụ 20/4/2023');
  } else if (field['x-role'] === 'period') {
    parts.push('quý dạng YYYY-Qn, ví dụ 2023-Q3');
  }
  if (c?.enum) parts.push(`chọn một trong: ${c.enum.join('; ')}`);
  else if (c?.pattern && field['x-role'] !== 'period') {
    parts.push(`dạng ${c.pattern}`);
  }
  return parts.join('; ');
};

/** The Excel check of a field's cells, or none (the validator checks everything anyway). */
const validationOf = (
  field: FieldSchema,
  ref: string,
): ExcelJS.DataValidation | undefined => {
  const c = field.constraints;
  // A warning, not a stop: the validator reads `2.155.455` and synonyms too.
  const common = {
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: 'warning' as const,
    showInputMessage: true,
    promptTitle: field.title.slice(0, 32),
    prompt: fieldRule(field).slice(0, 255),
  };
  if (c?.enum) {
    return {
      ...common,
      type: 'list',
      formulae: [`"${c.enum.join(',')}"`],
      errorTitle: 'Giá trị không có trong danh sách',
      error: `Chọn một trong: ${c.enum.join('; ')}`.slice(0, 255),
    };
  }
  if (field.type === 'integer' || field.type === 'number') {
    return {
      ...common,
      type: field.type === 'integer' ? 'whole' : 'decimal',
      operator: 'greaterThanOrEqual',
      formulae: [c?.minimum ?? 0],
      errorTitle: 'Cần một số ≥ 0',
      error: fieldRule(field).slice(0, 255),
    };
  }
  if (field['x-role'] === 'period') {
    return {
      ...common,
      type: 'custom',
      formulae: [
        `AND(LEN(${ref})=7,ISNUMBER(--LEFT(${ref},4)),MID(${ref},5,2)="-Q",ISNUMBER(FIND(RIGHT(${ref},1),"1234")))`,
      ],
      errorTitle: 'Cần quý dạng YYYY-Qn',
      error: 'Ví dụ 2023-Q3',
    };
  }
  if (field['x-role'] === 'indicator') {
    return {
      ...common,
      type: 'custom',
      formulae: [`OR(LEFT(${ref},4)="CDS-",LEFT(${ref},5)="TDTN-")`],
      errorTitle: 'Cần mã chỉ tiêu',
      error: 'Ví dụ CDS-2023-01',
    };
  }
  if (c?.pattern === '^\\d{2,5}$') {
    return {
      ...common,
      type: 'textLength',
      operator: 'between',
      formulae: [2, 5],
      errorTitle: 'Cần mã 2–5 chữ số',
      error: 'Ví dụ 380',
    };
  }
  return undefined;
};

const widthOf = (texts: readonly string[], max = 50): number =>
  Math.min(max, Math.max(12, ...texts.map((t) => t.length + 2)));

const instructionLines = (input: TemplateInput, rows: number): string[] => {
  const { schema, unit, period } = input;
  const meta = schema['x-dataset'];
  const deadline = period
    ? (() => {
        const [y, m, d] = deadlineOf(period).slice(0, 10).split('-');
        return `ngày ${Number(d)}/${Number(m)}/${y}`;
      })()
    : 'ngày 15 của tháng cuối quý';
  return [
    `MẪU BÁO CÁO: ${meta.title.vi.toUpperCase()}`,
    `(${meta.title.en})`,
    '',
    ...(unit && period
      ? [`Đơn vị báo cáo: ${unit} · Kỳ báo cáo: ${formatPeriod(period)}`]
      : []),
    `Hạn nộp: trước hết ${deadline} (ngày 15 tháng cuối quý).`,
    '',
    'CÁCH ĐIỀN',
    `1. Nhập số liệu ở trang "${TEMPLATE_SHEET}", mỗi dòng một bản ghi, không đổi tên, không xóa dòng tiêu đề.`,
    rows > 0
      ? `2. Đã điền sẵn ${rows} dòng (đơn vị, kỳ${hasContext(schema) ? ', mã chỉ tiêu' : ''}): chỉ cần điền các ô còn trống.`
      : '2. Mỗi dòng ghi mã đơn vị và kỳ báo cáo của đơn vị mình.',
    `3. Các cột "${CONTEXT_LABEL_PREFIX} …" màu xám chỉ để tham khảo, không sửa; hệ thống bỏ qua các cột này.`,
    '4. Số nguyên: 2155455 hoặc 2.155.455 (dấu chấm ngăn cách hàng nghìn). Số thập phân: 61,7 (dấu phẩy). Tỷ lệ phần trăm: 77,13.',
    '5. Nếu dùng công thức, hãy mở và lưu tệp bằng Excel hoặc LibreOffice để công thức có giá trị.',
    '6. Lưu dưới dạng "Excel Workbook (*.xlsx)" (không dùng .xlsm, không đặt mật khẩu) rồi nộp tại trang nop-bao-cao/.',
    '',
    'CÁC CỘT',
    ...schema.fields.map(
      (f, i) =>
        `Cột ${columnLetters(i + 1)} – ${f.title} (${f.name}): ${fieldRule(f) || 'văn bản'}. ${f.description}`,
    ),
  ];
};

/**
 * Builds an Excel template of a submission dataset: a Vietnamese
 * instructions sheet (what to fill, number formats, deadline), then the
 * data sheet with each field's Vietnamese title as header, drop-down lists
 * for enumerations, checks for numbers ≥ 0, quarters, indicator and
 * locality codes, a frozen header, readable widths and, for indicator
 * datasets, grey read-only context columns after the data (labelled
 * `Tham khảo: …`, which readers drop). The data cells are unlocked and the
 * rest protected, without a password. With a unit and period, the rows are
 * pre-filled (`templateRows`). Same input, same bytes.
 */
const buildTemplateXlsx = async (input: TemplateInput): Promise<Buffer> => {
  const { schema, modified } = input;
  const rows = templateRows(input);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'opendata.thanhhoa.gov.vn';
  workbook.lastModifiedBy = 'opendata.thanhhoa.gov.vn';
  workbook.created = modified;
  workbook.modified = modified;
  workbook.title = `Mẫu báo cáo: ${schema['x-dataset'].title.vi}`;

  const help = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  help.getColumn(1).width = 120;
  instructionLines(input, rows.length).forEach((line, i) => {
    const cell = help.getCell(i + 1, 1);
    cell.value = line;
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0 || line === 'CÁCH ĐIỀN' || line === 'CÁC CỘT') {
      cell.font = { bold: true };
    }
  });

  const sheet = workbook.addWorksheet(TEMPLATE_SHEET, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  const fields = schema.fields;
  const context = hasContext(schema) ? INDICATOR_CONTEXT : [];
  const header = sheet.getRow(1);
  fields.forEach((f, i) => {
    const cell = header.getCell(i + 1);
    cell.value = f.title;
    cell.font = { bold: true };
    cell.fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: 'FFDDEBF7' },
    };
    sheet.getColumn(i + 1).width = widthOf([
      f.title,
      ...rows.slice(0, 50).map((r) => r.values[f.name] ?? ''),
    ]);
  });
  const grey = {
    type: 'pattern' as const,
    pattern: 'solid' as const,
    fgColor: { argb: 'FFEDEDED' },
  };
  context.forEach((label, j) => {
    const cell = header.getCell(fields.length + j + 1);
    cell.value = label;
    cell.font = { bold: true, italic: true };
    cell.fill = grey;
    sheet.getColumn(fields.length + j + 1).width =
      j === 0 ? 70 : widthOf([label], 30);
  });

  rows.forEach((row, r) => {
    const sheetRow = sheet.getRow(r + 2);
    fields.forEach((f, i) => {
      const value = row.values[f.name];
      if (value !== undefined) sheetRow.getCell(i + 1).value = value;
    });
    row.context.forEach((text, j) => {
      const cell = sheetRow.getCell(fields.length + j + 1);
      cell.value = text;
      cell.fill = grey;
      cell.font = { italic: true };
      cell.alignment = { wrapText: j === 0, vertical: 'top' };
    });
  });

  const last = rows.length + 1 + OPEN_ROWS;
  const validations = (
    sheet as unknown as {
      dataValidations: {
        add(address: string, validation: ExcelJS.DataValidation): void;
      };
    }
  ).dataValidations;
  fields.forEach((f, i) => {
    const column = columnLetters(i + 1);
    const validation = validationOf(f, `${column}2`);
    if (validation) validations.add(`${column}2:${column}${last}`, validation);
    // The data cells stay editable; the header and the context are protected.
    for (let r = 2; r <= last; r++) {
      sheet.getCell(r, i + 1).protection = { locked: false };
    }
  });
  await sheet.protect('', {
    formatColumns: true,
    formatRows: true,
    insertRows: true,
    deleteRows: true,
    sort: true,
    autoFilter: true,
  });

  const zip = Buffer.from(await workbook.xlsx.writeBuffer());
  return fixZipTimestamps(zip, modified);
};

/**
 * The CSV template: UTF-8 with a BOM (so Excel opens it as UTF-8), the
 * fields' Vietnamese titles as header, and the pre-filled rows. It has no
 * context columns: a CSV cannot mark them read-only.
 */
const buildTemplateCsv = (input: TemplateInput): string => {
  const { fields } = input.schema;
  const lines = [
    csvLine(fields.map((f) => f.title)),
    ...templateRows(input).map((row) =>
      csvLine(fields.map((f) => row.values[f.name] ?? '')),
    ),
  ];
  return `\uFEFF${lines.join('')}`;
};

export {
  buildTemplateCsv,
  buildTemplateXlsx,
  INSTRUCTIONS_SHEET,
  indicatorsOwedBy,
  TEMPLATE_SHEET,
  templateRows,
};
