import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReport } from '../../cli/commands/report.js';
import { parseTable } from '../../functions/shared/csvTable.js';
import { DOCX_LAYOUT } from '../../functions/shared/report/renderDocx.js';
import { APPENDIX_SHEET } from '../../functions/shared/report/renderXlsx.js';
import { localContext } from '../../local/localIngest.js';
import { FIXTURES_DIR, SCHEMAS_DIR } from '../helpers/catalogue.js';
import { putSubmission, useLocalResources } from '../helpers/localResources.js';

const PERIOD = '2023-Q3';
const work = mkdtempSync(join(tmpdir(), 'opendata-report-'));
const seed = parseTable(
  readFileSync(
    join(SCHEMAS_DIR, 'reference', 'indicators-2023-kh100.csv'),
    'utf8',
  ),
);
const QUARTERS: Record<string, string> = {
  Q1: 'Quý I',
  Q2: 'Quý II',
  Q3: 'Quý III',
  Q4: 'Quý IV',
};

/** pdftotext's XML escapes. */
const xmlText = (text = '') =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

const sink = () => {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
};

const report = async (
  format: 'html' | 'docx' | 'xlsx' | 'json',
  ports: Parameters<typeof runReport>[2] = {},
) => {
  const out = join(work, `appendix-${format}-${Object.keys(ports).length}`);
  const stdout = sink();
  const stderr = sink();
  const code = await runReport(
    { period: PERIOD, format, out, dataDir: join(work, 'unused') },
    { out: stdout.stream, err: stderr.stream },
    ports,
  );
  return { code, out, stdout: stdout.text(), stderr: stderr.text() };
};

beforeAll(async () => {
  const resources = await useLocalResources('report');
  const { handler: ingest } = await import(
    '../../functions/ingest-submission/handler.js'
  );
  const { handler: rollup } = await import(
    '../../functions/quarterly-rollup/handler.js'
  );
  const root = join(FIXTURES_DIR, 'submissions');
  let sequence = 0;
  for (const unit of readdirSync(root).sort()) {
    const file = join(root, unit, PERIOD, 'chi-tieu-cds.csv');
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch {
      continue;
    }
    sequence++;
    const event = await putSubmission(
      resources,
      `submissions/${unit}/${PERIOD}/chi-tieu-cds.csv`,
      body,
      { sequencer: String(sequence).padStart(16, '0') },
    );
    await ingest(event, localContext('ingest'));
  }
  await rollup({ period: PERIOD }, localContext('rollup'));
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('opendata report --period 2023-Q3 on the fixtures', () => {
  it('writes the XLSX appendix: 43 indicators in the plan pillars, with the statuses and deadlines of Phụ lục 2, row 1 cited, 21/43', async () => {
    const run = await report('xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(run.out);
    const sheet = workbook.getWorksheet(APPENDIX_SHEET);
    const rows: (string | number)[][] = [];
    sheet?.eachRow((row) => {
      rows.push(
        [1, 2, 3, 4, 5].map((c) => {
          const v = row.getCell(c).value;
          return typeof v === 'number' ? v : String(v ?? '');
        }),
      );
    });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '100/KH-BCĐ: Đã hoàn thành 21/43 chỉ tiêu; 22 chỉ tiêu đang thực hiện',
    );
    const indicators = rows.filter((r) => typeof r[0] === 'number');
    expect(indicators).toHaveLength(43);
    expect(
      rows
        .filter((r) => /^[IVX]+$/.test(String(r[0])))
        .map((r) => `${r[0]} ${r[1]}`),
    ).toEqual([
      'I Phát triển hạ tầng số',
      'II Dữ liệu số',
      'III Phát triển chính quyền số',
      'IV Phát triển Kinh tế số',
      'V Xây dựng xã hội số',
      'VI An toàn, an ninh mạng',
    ]);
    for (const s of seed) {
      const row = indicators.find((r) => r[0] === Number(s.stt));
      expect(row?.[1]).toBe(s.name_vi);
      expect(row?.[2]).toBe(QUARTERS[(s.deadline_2023 ?? '').slice(5)]);
      expect(String(row?.[3]).split('\n')[0]).toBe(s.status_9m_2023);
    }
    const first = String(indicators[0]?.[3]);
    expect(first).toContain('2.155.455/2.794.448');
    expect(first).toContain('(Viettel, VNPT và MobiFone)');
    expect(rows.map((r) => r[0])).toContain(
      'Đã hoàn thành 21/43 chỉ tiêu; 22 chỉ tiêu đang thực hiện',
    );
    expect(rows.map((r) => r[0])).toContain(
      'Số liệu tạm tính: quý này chưa được Ban Chỉ đạo phê duyệt.',
    );
  });

  it('writes a DOCX that LibreOffice opens: its PDF holds the summary and all 43 rows', async () => {
    const run = await report('docx');
    execFileSync(
      'soffice',
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=file://${join(work, 'lo-profile')}`,
        '--convert-to',
        'pdf',
        '--outdir',
        work,
        run.out,
      ],
      { timeout: 120_000, stdio: 'ignore' },
    );
    const bbox = execFileSync('pdftotext', ['-bbox', `${run.out}.pdf`, '-'], {
      encoding: 'utf8',
    });
    // Cells wrap, so a name is whole only within its column: the words of
    // each column, page by page in reading order, from the document's geometry.
    const { margin, columns } = DOCX_LAYOUT;
    const bounds = [margin.left / 20];
    for (const width of columns) {
      bounds.push((bounds[bounds.length - 1] ?? 0) + width / 20);
    }
    const byColumn = new Map<number, string[]>();
    const everything: string[] = [];
    for (const page of bbox.split('<page').slice(1)) {
      const words = [
        ...page.matchAll(
          /<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g,
        ),
      ]
        .map((m) => ({ x: Number(m[1]), y: Number(m[2]), w: xmlText(m[3]) }))
        .sort((a, b) => a.y - b.y || a.x - b.x);
      for (const { x, w } of words) {
        const column = bounds.filter((b) => x >= b - 2).length;
        byColumn.set(column, [...(byColumn.get(column) ?? []), w]);
        everything.push(w);
      }
    }
    // pdftotext may cut a word at a stacked diacritic (`Ph ụ c`): compare
    // without spaces.
    const squash = (text: string) => text.replace(/\s+/g, '');
    const names = squash(byColumn.get(2)?.join('') ?? '');
    const numbers = (byColumn.get(1) ?? []).filter((w) => /^\d+$/.test(w));

    expect(run.code).toBe(0);
    expect(squash(everything.join(''))).toContain(
      squash('Đã hoàn thành 21/43 chỉ tiêu; 22 chỉ tiêu đang thực hiện'),
    );
    expect(numbers).toEqual(
      Array.from({ length: 43 }, (_, i) => String(i + 1)),
    );
    for (const s of seed) {
      expect(names).toContain(squash(s.name_vi ?? ''));
    }
  });

  it('says chính thức with the approver once the quarter is signed off', async () => {
    const run = await report('html', {
      signOffOf: async (period) =>
        period === PERIOD
          ? {
              period,
              by: 'Trưởng Ban Chỉ đạo',
              at: '2023-10-20T02:30:00Z',
            }
          : undefined,
    });

    expect(run.stdout).toContain('Chính thức / official');
    expect(readFileSync(run.out, 'utf8')).toContain(
      'Số liệu chính thức: đã được phê duyệt bởi Trưởng Ban Chỉ đạo lúc 20/10/2023 09:30 (giờ Việt Nam)',
    );
  });

  it('fails with a message when the quarter has no consolidation', async () => {
    const stdout = sink();
    const stderr = sink();

    const code = await runReport(
      {
        period: '2019-Q1',
        format: 'json',
        out: join(work, 'none.json'),
        dataDir: join(work, 'unused'),
      },
      { out: stdout.stream, err: stderr.stream },
    );

    expect(code).toBe(1);
    expect(stderr.text()).toContain('Chưa có số liệu tổng hợp kỳ 2019-Q1');
  });
});
