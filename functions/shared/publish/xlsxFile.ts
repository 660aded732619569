import ExcelJS from 'exceljs';
import type { DatasetSchema, NormalizedRow } from '../schema/types.js';

/** Name of the workbook's data sheet. */
const DATA_SHEET = 'Dữ liệu - Data';
const FIELDS_SHEET = 'Trường - Fields';

/** A cell as Excel stores it: numbers for numeric fields, blank when missing. */
const cellValue = (type: string, value: string): string | number | null => {
  if (value === '') return null;
  return type === 'integer' || type === 'number' ? Number(value) : value;
};

const dosDateTime = (date: Date): { time: number; date: number } => ({
  time:
    (date.getUTCHours() << 11) |
    (date.getUTCMinutes() << 5) |
    Math.floor(date.getUTCSeconds() / 2),
  date:
    ((Math.max(date.getUTCFullYear(), 1980) - 1980) << 9) |
    ((date.getUTCMonth() + 1) << 5) |
    date.getUTCDate(),
});

/**
 * Sets every entry's modification time in a ZIP archive: JSZip, which
 * exceljs writes with, stamps entries with the current time, so the same
 * workbook would otherwise give different bytes on every run.
 */
const fixZipTimestamps = (zip: Buffer, at: Date): Buffer => {
  const out = Buffer.from(zip);
  const { time, date } = dosDateTime(at);
  // The end-of-central-directory record is the last 22 bytes (no comment).
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0)
    throw new Error('Not a ZIP archive: no end of central directory');
  const entries = out.readUInt16LE(eocd + 10);
  let offset = out.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(offset) !== 0x02014b50) {
      throw new Error(`Bad ZIP central directory entry at ${offset}`);
    }
    out.writeUInt16LE(time, offset + 12);
    out.writeUInt16LE(date, offset + 14);
    const local = out.readUInt32LE(offset + 42);
    out.writeUInt16LE(time, local + 10);
    out.writeUInt16LE(date, local + 12);
    offset +=
      46 +
      out.readUInt16LE(offset + 28) +
      out.readUInt16LE(offset + 30) +
      out.readUInt16LE(offset + 32);
  }
  return out;
};

const widthOf = (values: readonly string[]): number =>
  Math.min(60, Math.max(8, ...values.map((v) => v.length + 2)));

/**
 * Builds an Excel workbook of a dataset: a data sheet with the CSV's columns
 * (numbers as numbers, text as text, Vietnamese intact) and a sheet describing
 * the fields. `modified` becomes the workbook's created and modified dates and
 * the ZIP entries' times, so the same rows always give the same bytes.
 */
const buildXlsx = async (
  schema: DatasetSchema,
  rows: readonly NormalizedRow[],
  options: { readonly modified: Date; readonly creator: string },
): Promise<Buffer> => {
  const meta = schema['x-dataset'];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = options.creator;
  workbook.lastModifiedBy = options.creator;
  workbook.created = options.modified;
  workbook.modified = options.modified;
  workbook.title = meta.title.vi;
  workbook.subject = meta.title.en;

  const data = workbook.addWorksheet(DATA_SHEET, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  data.columns = schema.fields.map((f) => ({
    header: f.name,
    key: f.name,
    width: widthOf([f.name, ...rows.slice(0, 200).map((r) => r[f.name] ?? '')]),
  }));
  data.getRow(1).font = { bold: true };
  for (const row of rows) {
    data.addRow(schema.fields.map((f) => cellValue(f.type, row[f.name] ?? '')));
  }

  const fields = workbook.addWorksheet(FIELDS_SHEET);
  fields.columns = [
    { header: 'name', key: 'name', width: 28 },
    { header: 'title', key: 'title', width: 32 },
    { header: 'type', key: 'type', width: 10 },
    { header: 'description', key: 'description', width: 100 },
  ];
  fields.getRow(1).font = { bold: true };
  for (const f of schema.fields) {
    fields.addRow([f.name, f.title, f.type, f.description]);
  }

  const zip = Buffer.from(await workbook.xlsx.writeBuffer());
  return fixZipTimestamps(zip, options.modified);
};

export { buildXlsx, DATA_SHEET, fixZipTimestamps };
