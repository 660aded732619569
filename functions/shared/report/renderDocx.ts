import {
  AlignmentType,
  Document,
  Footer,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { fixZipTimestamps } from '../publish/xlsxFile.js';
import { APPENDIX_HEADERS } from './buildAppendix.js';
import type { AppendixModel, AppendixPlan, AppendixRow } from './types.js';

const FONT = 'Times New Roman';
/** A4 in twentieths of a point, and the text width inside 3 cm / 2 cm margins. */
const A4 = { width: 11906, height: 16838 } as const;
const MARGIN = { top: 1134, bottom: 1134, left: 1701, right: 1134 } as const;
const COLUMNS = [800, 3100, 1250, 2900, 1021] as const;

const text = (
  value: string,
  options: { bold?: boolean; italics?: boolean; size?: number } = {},
) =>
  new TextRun({
    text: value,
    font: FONT,
    size: options.size ?? 24,
    ...(options.bold && { bold: true }),
    ...(options.italics && { italics: true }),
  });

const para = (
  runs: TextRun[],
  alignment: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.LEFT,
) => new Paragraph({ children: runs, alignment });

const cell = (paragraphs: Paragraph[], width: number, columnSpan?: number) =>
  new TableCell({
    children: paragraphs,
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.TOP,
    ...(columnSpan && { columnSpan }),
  });

const indicatorRow = (r: AppendixRow) =>
  new TableRow({
    cantSplit: true,
    children: [
      cell([para([text(r.stt)], AlignmentType.CENTER)], COLUMNS[0]),
      cell([para([text(r.name)])], COLUMNS[1]),
      cell([para([text(r.deadline.text)], AlignmentType.CENTER)], COLUMNS[2]),
      cell(
        [
          para([text(r.status, { bold: true })]),
          ...(r.detail ? [para([text(r.detail)])] : []),
        ],
        COLUMNS[3],
      ),
      cell([para([text(r.markText, { italics: true, size: 22 })])], COLUMNS[4]),
    ],
  });

const planTable = (plan: AppendixPlan) =>
  new Table({
    width: { size: COLUMNS.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: [...COLUMNS],
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: APPENDIX_HEADERS.map((h, i) =>
          cell(
            [para([text(h, { bold: true })], AlignmentType.CENTER)],
            COLUMNS[i] ?? 0,
          ),
        ),
      }),
      ...plan.pillars.flatMap((p) => [
        new TableRow({
          cantSplit: true,
          children: [
            cell(
              [para([text(p.numeral, { bold: true })], AlignmentType.CENTER)],
              COLUMNS[0],
            ),
            cell(
              [para([text(p.name.vi, { bold: true })])],
              COLUMNS[1] + COLUMNS[2] + COLUMNS[3] + COLUMNS[4],
              4,
            ),
          ],
        }),
        ...p.rows.map(indicatorRow),
      ]),
    ],
  });

/** Sets the core properties' dates (docx stamps them with the clock) and the ZIP entries' times. */
const dateDocument = (docx: Buffer, date: Date): Buffer => {
  const files = unzipSync(docx);
  const iso = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const core = files['docProps/core.xml'];
  if (core) {
    files['docProps/core.xml'] = strToU8(
      strFromU8(core).replace(
        /(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g,
        `$1${iso}$3`,
      ),
    );
  }
  return fixZipTimestamps(Buffer.from(zipSync(files, { mtime: date })), date);
};

/**
 * The appendix as a Word document laid out as seed 002's Phụ lục 2: A4,
 * Times New Roman, title and plan heading, a table per plan whose header row
 * repeats on every page, a bold row per pillar (Roman numeral) and a row per
 * indicator, the summary, and a footer on every page saying provisional or
 * official. Dated with the data's quarter end: the same model, the same bytes.
 */
const renderAppendixDocx = async (model: AppendixModel): Promise<Buffer> => {
  const date = new Date(`${model.dataDate}T00:00:00Z`);
  const document = new Document({
    creator: 'opendata report',
    lastModifiedBy: 'opendata report',
    title: model.title.vi,
    description: model.title.en,
    styles: {
      default: { document: { run: { font: FONT, size: 24 } } },
    },
    sections: [
      {
        properties: { page: { size: A4, margin: MARGIN } },
        footers: {
          default: new Footer({
            children: [
              para([text(model.footer.vi, { italics: true, size: 20 })]),
            ],
          }),
        },
        children: [
          para(
            [text(model.title.vi, { bold: true, size: 28 })],
            AlignmentType.CENTER,
          ),
          ...model.plans.flatMap((plan) => [
            para([text(plan.heading.vi, { bold: true })], AlignmentType.CENTER),
            para(
              [text(`(${model.periodText})`, { italics: true })],
              AlignmentType.CENTER,
            ),
            planTable(plan),
            para([text(plan.summary.text, { bold: true })]),
          ]),
          para([text(model.footer.vi, { italics: true })]),
        ],
      },
    ],
  });
  return dateDocument(await Packer.toBuffer(document), date);
};

/** Page and column geometry in twentieths of a point (tests locate the table's columns in the PDF with it). */
const DOCX_LAYOUT = { page: A4, margin: MARGIN, columns: COLUMNS } as const;

export { DOCX_LAYOUT, renderAppendixDocx };
