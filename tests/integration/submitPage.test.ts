import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../helpers/catalogue.js';
import { launchChromium } from '../helpers/chromium.js';
import { toTcvn3 } from '../helpers/encodeVietnamese.js';
import { startServedPipeline } from '../helpers/servedPipeline.js';
import {
  buildWorkbook,
  csvRowsOf,
  numericCells,
} from '../helpers/workbooks.js';

const GOOD = readFileSync(
  join(FIXTURES_DIR, 'submissions', 'STTTT', '2023-Q3', 'chi-tieu-cds.csv'),
);
/** STTTT's file with a numerator above its denominator on line 4. */
const BAD = Buffer.from(
  GOOD.toString('utf8')
    .split('\n')
    .map((line, i) =>
      i === 3
        ? line.replace(/^(STTTT,2023-Q3,CDS-2023-\d\d),,,/, '$1,10,5,')
        : line,
    )
    .join('\n'),
);

const [HEADER = [], ...GOOD_ROWS] = csvRowsOf(GOOD.toString('utf8'));
/** STTTT's figures as an official's workbook: a title block, the header on row 3, numbers as numbers. */
const workbookOf = (rows: readonly (readonly string[])[]) =>
  buildWorkbook([
    { name: 'Hướng dẫn', rows: [['Điền số liệu của quý vào trang sau']] },
    {
      name: 'Báo cáo',
      rows: [
        ['BÁO CÁO CHỈ TIÊU CHUYỂN ĐỔI SỐ'],
        [],
        HEADER,
        ...numericCells(rows),
      ],
      merges: ['A1:I1'],
    },
  ]);

/**
 * The page's globals, typed here because the tests do not load the DOM
 * types; functions, not strings, since the page's CSP forbids eval.
 */
interface PageGlobals {
  readonly document: {
    getElementById(id: string): { readonly textContent: string | null } | null;
    readonly documentElement: { readonly scrollWidth: number };
    readonly activeElement: { readonly id: string } | null;
  };
  readonly sessionStorage: { getItem(key: string): string | null };
}

let served: Awaited<ReturnType<typeof startServedPipeline>>;
let browser: Browser;
let page: Page;
const requests: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  served = await startServedPipeline('page');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 375, height: 800 } });
  page.on('request', (r) => requests.push(`${r.method()} ${r.url()}`));
  page.on('console', (m) => {
    // The report route answers 404 while the upload is still being ingested.
    const pending = m.location().url.includes('/api/reports/');
    if (m.type() === 'error' && !pending) {
      problems.push(`${m.text()} ${m.location().url}`);
    }
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(served.link);
  await page.waitForFunction(() =>
    (globalThis as unknown as PageGlobals).document
      .getElementById('token-state')
      ?.textContent?.includes('STTTT'),
  );
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

const XLSX_TYPE =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const choose = async (name: string, buffer: Buffer) => {
  await page.selectOption('#dataset', 'chi-tieu-cds');
  await page.setInputFiles('#file', {
    name,
    mimeType: name.endsWith('.xlsx') ? XLSX_TYPE : 'text/csv',
    buffer,
  });
};

/** What the page sent to the upload API or the bucket since `before`. */
const sentSince = (before: number) =>
  requests
    .slice(before)
    .filter((r) => r.includes('/api/') || r.includes('/s3/'));

describe('the submission page nop-bao-cao/', () => {
  it('keeps the token for the session only, out of the address, and preselects the quarter', async () => {
    expect(page.url()).toBe(`${served.origin}/nop-bao-cao/`);
    expect(
      await page.evaluate(() =>
        (globalThis as unknown as PageGlobals).sessionStorage.getItem(
          'opendata-token',
        ),
      ),
    ).toBe(served.token);
    expect(await page.inputValue('#period')).toBe('2023-Q3');
    expect(requests.some((r) => r.includes(served.token))).toBe(false);
  });

  it('shows a numerator above its denominator on line 4 at once, and sends nothing to the upload API', async () => {
    const before = requests.length;

    await choose('bao-cao.csv', BAD);
    const found = page.locator(
      '.finding[data-type="numerator-exceeds-denominator"][data-line="4"]',
    );
    await found.waitFor({ timeout: 10_000 });

    expect(await found.textContent()).toContain('dòng / line 4');
    expect(await found.textContent()).toContain('tử số 10 lớn hơn mẫu số 5');
    expect(await page.isDisabled('#submit')).toBe(true);
    expect(sentSince(before)).toEqual([]);
  });

  it('decodes a TCVN3 file with the ingest’s own decoder and accepts it, sending nothing', async () => {
    const before = requests.length;

    await choose('bao-cao.csv', toTcvn3(GOOD.toString('utf8')));
    const accepted = page.locator('#report [data-status="accepted"]');
    await accepted.waitFor({ timeout: 10_000 });

    expect(await accepted.textContent()).toContain('25 dòng / rows, 0 lỗi');
    expect(
      await page
        .locator('#report [data-encoding]')
        .getAttribute('data-encoding'),
    ).toBe('tcvn3');
    expect(
      await page
        .locator('#report tbody tr')
        .first()
        .locator('td')
        .nth(7)
        .textContent(),
    ).toBe('Đã hoàn thành');
    expect(sentSince(before)).toEqual([]);
  });

  it('checks a workbook in the browser too: a text in tu_so at sheet row 6 is shown on its cell D6, and nothing is sent', async () => {
    const rows = GOOD_ROWS.map((row, i) =>
      i === 2 ? row.map((cell, c) => (c === 3 ? 'nhiều' : cell)) : row,
    );
    const before = requests.length;

    await choose('bao-cao.xlsx', await workbookOf(rows));
    const found = page.locator(
      '.finding[data-type="type-error"][data-line="6"]',
    );
    await found.waitFor({ timeout: 20_000 });

    expect(await found.textContent()).toContain('ô / cell Báo cáo!D6');
    // Checked off the page's thread, by the page's worker.
    expect(
      requests.some((r) => r.endsWith('/assets/nop-bao-cao-worker.js')),
    ).toBe(true);
    expect(await found.textContent()).toContain('giá trị / value "nhiều"');
    expect(
      await page.locator('#report .finding').evaluateAll((all) => all.length),
    ).toBe(1);
    expect(await page.isDisabled('#submit')).toBe(true);
    expect(sentSince(before)).toEqual([]);
  });

  it('accepts a good workbook in the browser and previews its normalized rows, sending nothing', async () => {
    const before = requests.length;

    await choose('bao-cao.xlsx', await workbookOf(GOOD_ROWS));
    const accepted = page.locator('#report [data-status="accepted"]');
    await accepted.waitFor({ timeout: 20_000 });

    expect(await accepted.textContent()).toContain('25 dòng / rows, 0 lỗi');
    expect(
      await page
        .locator('#report tbody tr')
        .first()
        .locator('td')
        .allTextContents(),
    ).toEqual(GOOD_ROWS[0]);
    expect(sentSince(before)).toEqual([]);
  });

  it('submits a good file, shows the server’s accepted report within seconds, lists it in force, and the published site shows the new figures', async () => {
    await choose('bao-cao.csv', GOOD);
    await page.locator('#report [data-status="accepted"]').waitFor();

    await page.click('#submit');
    const accepted = page.locator('#server-report [data-status="accepted"]');
    await accepted.waitFor({ timeout: 30_000 });

    expect(await accepted.textContent()).toContain('25 dòng / rows');
    expect(
      requests.some((r) => r.startsWith('POST ') && r.includes('/s3/')),
    ).toBe(true);

    await served.waitFor(
      /✓ submissions\/STTTT\/2023-Q3\/chi-tieu-cds\.csv → /,
      60,
    );
    await page
      .locator('#submissions')
      .getByText('Đang có hiệu lực / In force')
      .waitFor();

    const csv = await (
      await fetch(
        `${served.origin}/datasets/tong-hop-chi-tieu-cds/tong-hop-chi-tieu-cds.csv`,
      )
    ).text();

    expect(csv).toContain('2023-Q3,CDS-2023-03,');
  });

  it('submits a workbook: the server ingests it under its .xlsx key, puts it in force and publishes its figures', async () => {
    const note = 'Nộp bằng tệp Excel qua trang nộp báo cáo';
    const rows = GOOD_ROWS.map((row, i) =>
      i === 0 ? row.map((cell, c) => (c === 8 ? note : cell)) : row,
    );
    await choose('bao-cao.xlsx', await workbookOf(rows));
    await page.locator('#report [data-status="accepted"]').waitFor();

    await page.click('#submit');
    const accepted = page.locator('#server-report [data-status="accepted"]');
    await accepted.waitFor({ timeout: 30_000 });

    expect(await accepted.textContent()).toContain('25 dòng / rows');
    expect(
      await page
        .locator('#server-report [data-encoding]')
        .getAttribute('data-encoding'),
    ).toBe('xlsx');
    await served.waitFor(
      /✓ submissions\/STTTT\/2023-Q3\/chi-tieu-cds\.xlsx → /,
      60,
    );
    const published = async () =>
      (
        await (
          await fetch(`${served.origin}/datasets/chi-tieu-cds/chi-tieu-cds.csv`)
        ).text()
      ).includes(note);
    for (let i = 0; i < 60 && !(await published()); i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(await published()).toBe(true);
  });

  it('fits a 375 px screen, reaches its controls by keyboard and logs no error', async () => {
    const width = await page.evaluate(
      () =>
        (globalThis as unknown as PageGlobals).document.documentElement
          .scrollWidth,
    );
    const reached: string[] = [];
    await page.focus('body');
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      reached.push(
        await page.evaluate(
          () =>
            (globalThis as unknown as PageGlobals).document.activeElement?.id ??
            '',
        ),
      );
    }

    expect(width).toBeLessThanOrEqual(375);
    expect(reached).toEqual(
      expect.arrayContaining(['token', 'forget', 'dataset', 'period', 'file']),
    );
    expect(problems).toEqual([]);
  });
});
