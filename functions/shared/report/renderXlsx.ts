import ExcelJS from 'exceljs';
import { fixZipTimestamps } from '../publish/xlsxFile.js';
import { APPENDIX_HEADERS } from './buildAppendix.js';
import type { AppendixModel } from './types.js';

/** Name of the appendix sheet. */
const APPENDIX_SHEET = 'Phụ lục';

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = 'Times New Roman';

/**
 * The appendix as an Excel workbook: title, plan heading, the table (header
 * repeated on every printed page, one merged row per pillar, one row per
 * indicator: STT, name, deadline, status and result, marks), the summary and
 * the provisional/official footer; A4, dated with the data's quarter end so
 * the same model gives the same bytes.
 */
const renderAppendixXlsx = async (model: AppendixModel): Promise<Buffer> => {
  const date = new Date(`${model.dataDate}T00:00:00Z`);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'opendata report';
  workbook.lastModifiedBy = 'opendata report';
  workbook.created = date;
  workbook.modified = date;
  workbook.title = model.title.vi;
  workbook.subject = model.title.en;
  const sheet = workbook.addWorksheet(APPENDIX_SHEET, {
    pageSetup: {
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  sheet.columns = [
    { width: 6 },
    { width: 48 },
    { width: 12 },
    { width: 56 },
    { width: 24 },
  ];
  const line = (text: string, bold = false) => {
    const row = sheet.addRow([text]);
    sheet.mergeCells(row.number, 1, row.number, APPENDIX_HEADERS.length);
    row.getCell(1).font = { name: FONT, size: 12, bold };
    row.getCell(1).alignment = { wrapText: true, horizontal: 'center' };
    return row;
  };
  line(model.title.vi, true);
  for (const plan of model.plans) {
    line(plan.heading.vi, true);
    const header = sheet.addRow([...APPENDIX_HEADERS]);
    header.eachCell((cell) => {
      cell.font = { name: FONT, size: 12, bold: true };
      cell.border = BORDER;
      cell.alignment = { wrapText: true, horizontal: 'center' };
    });
    if (!sheet.pageSetup.printTitlesRow) {
      sheet.pageSetup.printTitlesRow = `${header.number}:${header.number}`;
    }
    for (const pillar of plan.pillars) {
      const row = sheet.addRow([pillar.numeral, pillar.name.vi]);
      sheet.mergeCells(row.number, 2, row.number, APPENDIX_HEADERS.length);
      row.eachCell((cell) => {
        cell.font = { name: FONT, size: 12, bold: true };
        cell.border = BORDER;
      });
      for (const r of pillar.rows) {
        const cells = sheet.addRow([
          Number(r.stt),
          r.name,
          r.deadline.text,
          r.detail ? `${r.status}\n${r.detail}` : r.status,
          r.markText,
        ]);
        cells.eachCell({ includeEmpty: true }, (cell, col) => {
          cell.font = { name: FONT, size: 12 };
          cell.border = BORDER;
          cell.alignment = {
            wrapText: true,
            vertical: 'top',
            ...(col === 1 || col === 3 ? { horizontal: 'center' } : {}),
          };
        });
      }
    }
    line(plan.summary.text, true);
  }
  line(model.footer.vi);
  const zip = Buffer.from(await workbook.xlsx.writeBuffer());
  return fixZipTimestamps(zip, date);
};

export { APPENDIX_SHEET, renderAppendixXlsx };
