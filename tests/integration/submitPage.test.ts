import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../helpers/catalogue.js';
import { startServedPipeline } from '../helpers/servedPipeline.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
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
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  }
  served = await startServedPipeline('page');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
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

const choose = async (name: string, buffer: Buffer) => {
  await page.selectOption('#dataset', 'chi-tieu-cds');
  await page.setInputFiles('#file', { name, mimeType: 'text/csv', buffer });
};

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
    expect(
      requests
        .slice(before)
        .filter((r) => r.includes('/api/') || r.includes('/s3/')),
    ).toEqual([]);
  });

  it('submits a good file and shows the server’s accepted report within seconds', async () => {
    await choose('bao-cao.csv', GOOD);
    await page.locator('#report [data-status="accepted"]').waitFor();

    await page.click('#submit');
    const accepted = page.locator('#server-report [data-status="accepted"]');
    await accepted.waitFor({ timeout: 30_000 });

    expect(await accepted.textContent()).toContain('25 dòng / rows');
    expect(
      requests.some((r) => r.startsWith('POST ') && r.includes('/s3/')),
    ).toBe(true);
  });

  it('then lists the submission in force, and the published site shows the new figures', async () => {
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
