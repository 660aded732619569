import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localContext } from '../../local/localIngest.js';
import { exportBucket, serveFolder } from '../../local/siteFiles.js';
import { catalogue, FIXTURES_DIR } from '../helpers/catalogue.js';
import { launchChromium } from '../helpers/chromium.js';
import { putSubmission, useLocalResources } from '../helpers/localResources.js';

const SUBMISSIONS = join(FIXTURES_DIR, 'submissions');
const ids = [...catalogue.schemas.keys()].sort();
/**
 * Quarters with accepted indicator submissions: each gets a report. The
 * fixture event is dated 2023, so later quarters' files are refused as
 * future periods here.
 */
const REPORTS = ['2023-Q3'];
const siteUrl = 'https://opendata.thanhhoa.gov.vn/cds/';

let resources: Awaited<ReturnType<typeof useLocalResources>>;
let ingest: typeof import('../../functions/ingest-submission/handler.js').handler;
let rollup: typeof import('../../functions/quarterly-rollup/handler.js').handler;
let publish: typeof import('../../functions/publish-datasets/handler.js').handler;
let firstRun: Awaited<ReturnType<typeof publish>>;
let sequence = 0;

const work = mkdtempSync(join(tmpdir(), 'opendata-site-'));

const upload = async (key: string, body: Buffer) => {
  sequence++;
  const event = await putSubmission(resources, key, body, {
    sequencer: String(sequence).padStart(16, '0'),
    versionId: `v${sequence}`,
  });
  await ingest(event, localContext('ingest'));
};

/** Every object of the public bucket, by key, as base64. */
const bucketState = async () => {
  const state: Record<string, string> = {};
  for (const key of (await resources.public.list('')).sort()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await resources.public.open(key)) {
      chunks.push(chunk as Buffer);
    }
    state[key] = Buffer.concat(chunks).toString('base64');
  }
  return state;
};

const exportSite = async (name: string) => {
  const dir = join(work, name);
  await exportBucket(resources.public, dir);
  return dir;
};

beforeAll(async () => {
  resources = await useLocalResources('publish-site');
  ({ handler: ingest } = await import(
    '../../functions/ingest-submission/handler.js'
  ));
  ({ handler: rollup } = await import(
    '../../functions/quarterly-rollup/handler.js'
  ));
  ({ handler: publish } = await import(
    '../../functions/publish-datasets/handler.js'
  ));
  const files = readdirSync(SUBMISSIONS, { recursive: true, encoding: 'utf8' })
    .filter((p) => p.endsWith('.csv'))
    .map((p) => p.split(sep).join('/'))
    .sort();
  const periods = new Set<string>();
  for (const file of files) {
    await upload(`submissions/${file}`, readFileSync(join(SUBMISSIONS, file)));
    periods.add(file.split('/')[1] ?? '');
  }
  for (const period of [...periods].sort()) {
    await rollup({ period }, localContext('rollup'));
  }
  firstRun = await publish({}, localContext('publish'));
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the published site on the public bucket', () => {
  it('releases version 1.0.0 of every dataset on the first run', () => {
    expect(
      firstRun.datasets.map((d) => [d.datasetId, d.version, d.released]),
    ).toEqual(ids.map((id) => [id, '1.0.0', true]));
  });

  it('holds every resource a datapackage.json lists, with the declared size and hash', async () => {
    const dir = await exportSite('site-1');

    for (const id of ids) {
      const descriptor = JSON.parse(
        readFileSync(join(dir, 'datasets', id, 'datapackage.json'), 'utf8'),
      );
      // Code lists a foreign key points to are listed by URL, not copied.
      const local = descriptor.resources.filter(
        (r: { path: string }) => !r.path.startsWith('https://'),
      );
      expect(local).toHaveLength(3);
      for (const resource of local) {
        for (const folder of ['', 'releases/1.0.0/']) {
          const body = readFileSync(
            join(dir, 'datasets', id, folder, resource.path),
          );
          expect(body.length).toBe(resource.bytes);
          expect(
            `sha256:${createHash('sha256').update(body).digest('hex')}`,
          ).toBe(resource.hash);
        }
      }
    }
  });

  it('writes the same bytes and no new release when published again unchanged', async () => {
    const before = await bucketState();

    const again = await publish({}, localContext('publish'));

    expect(again.datasets.filter((d) => d.released)).toEqual([]);
    expect(await bucketState()).toEqual(before);
  });
});

describe('the catalogue pages in Chromium', () => {
  let browser: Browser;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const dir = await exportSite('site-browser');
    server = await serveFolder(dir, 0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((done) => server?.close(done));
  });

  const visit = async (
    path: string,
  ): Promise<{ page: Page; errors: string[] }> => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    const response = await page.goto(`${base}${path}`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    return { page, errors };
  };

  const sameSiteLinks = (page: Page) =>
    page
      .locator('a[href], link[href], script[src]')
      .evaluateAll((els) =>
        els.map(
          (el) =>
            (el as { href?: string; src?: string }).href ||
            (el as { src?: string }).src ||
            '',
        ),
      )
      .then((links) => [
        ...new Set(
          links
            .filter((l) => l.startsWith(base))
            .map((l) => l.split('#')[0] ?? ''),
        ),
      ]);

  it('shows every dataset on the index, without console errors, in both languages', async () => {
    const { page, errors } = await visit('index.html');

    const titles = await page.locator('.card h2').allInnerTexts();
    await page.locator('button.lang').click();
    const english = await page.locator('.card h2').allInnerTexts();

    expect(errors).toEqual([]);
    expect(titles.sort()).toEqual(
      ids.map((id) => catalogue.schemas.get(id)?.['x-dataset'].title.vi).sort(),
    );
    expect(english.sort()).toEqual(
      ids.map((id) => catalogue.schemas.get(id)?.['x-dataset'].title.en).sort(),
    );
    await page.close();
  });

  it.each(ids.map((id) => [id]))(
    'opens the page of %s without console errors, and its links answer 200',
    async (id) => {
      const { page, errors } = await visit(`datasets/${id}/index.html`);

      const links = await sameSiteLinks(page);
      const statuses = await Promise.all(
        links.map(async (link) => [link, (await fetch(link)).status] as const),
      );

      expect(errors).toEqual([]);
      expect(statuses.filter(([, status]) => status !== 200)).toEqual([]);
      expect(links.length).toBeGreaterThan(10);
      await page.close();
    },
  );

  it('draws charts with data marks on a dataset page', async () => {
    const { page } = await visit('datasets/ha-tang-vien-thong/index.html');

    expect(await page.locator('svg.chart').count()).toBe(2);
    expect(await page.locator('svg.chart rect.bar').count()).toBeGreaterThan(
      10,
    );
    expect(await page.locator('svg.chart rect.bar').first().isVisible()).toBe(
      true,
    );
    await page.close();
  });

  it('links the index to pages and files that answer 200', async () => {
    const { page } = await visit('index.html');

    const links = await sameSiteLinks(page);
    const statuses = await Promise.all(
      links.map(async (link) => [link, (await fetch(link)).status] as const),
    );

    expect(statuses.filter(([, status]) => status !== 200)).toEqual([]);
    // Stylesheet, script, the two catalogue files, home, four API files, the
    // site's feed, per quarter its report page and two documents, and per
    // dataset its page and four downloads.
    expect(links.length).toBe(
      2 + 2 + 1 + 4 + 1 + REPORTS.length * 3 + ids.length * 5,
    );
  });

  it.each(REPORTS.map((p) => [p]))(
    'opens the report of %s without console errors, its links answering 200, readable at 375 px and from the keyboard',
    async (period) => {
      const { page, errors } = await visit(`bao-cao/${period}/index.html`);
      await page.setViewportSize({ width: 375, height: 800 });

      const links = await sameSiteLinks(page);
      const statuses = await Promise.all(
        links.map(async (link) => [link, (await fetch(link)).status] as const),
      );
      // The page's own globals, evaluated in Chromium (no DOM types here).
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - window.innerWidth',
      );
      const focused: string[] = [];
      for (let i = 0; i < 6; i++) {
        await page.keyboard.press('Tab');
        focused.push(
          await page.evaluate<string>(
            "(document.activeElement?.tagName ?? '') + ':' + (document.activeElement?.getAttribute('href') ?? document.activeElement?.getAttribute('role') ?? '')",
          ),
        );
      }

      expect(errors).toEqual([]);
      expect(statuses.filter(([, status]) => status !== 200)).toEqual([]);
      expect(links).toContain(`${base}bao-cao/${period}/phu-luc-chi-tieu.docx`);
      expect(links).toContain(`${base}bao-cao/${period}/phu-luc-chi-tieu.xlsx`);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(focused).toContain('DIV:region');
      expect(
        await page.locator('tr[id^="CDS-"], tr[id^="TDTN-"]').count(),
      ).toBeGreaterThan(0);
      await page.close();
    },
  );

  it('shows the 2023-Q3 report as seed 002 sums it up, provisional until approved', async () => {
    const { page } = await visit('bao-cao/2023-Q3/index.html');

    expect(await page.locator('tr[id^="CDS-2023-"]').count()).toBe(43);
    expect(await page.locator('.appendix .summary').first().innerText()).toBe(
      'Đã hoàn thành 21/43 chỉ tiêu; 22 chỉ tiêu đang thực hiện',
    );
    expect(await page.locator('.appendix .provisional').count()).toBe(1);
    await page.close();
  });

  it("parses each dataset's feed.atom as Atom, its entries the releases newest first", async () => {
    const { page } = await visit('index.html');

    for (const id of ids) {
      const parsed = await page.evaluate<{
        error: number;
        root: string;
        ids: string[];
      }>(`(async () => {
        const xml = new DOMParser().parseFromString(
          await (await fetch(${JSON.stringify(`${base}datasets/${id}/feed.atom`)})).text(),
          'application/xml',
        );
        const atom = 'http://www.w3.org/2005/Atom';
        return {
          error: xml.getElementsByTagName('parsererror').length,
          root: xml.documentElement.namespaceURI + ' ' + xml.documentElement.localName,
          ids: [...xml.getElementsByTagNameNS(atom, 'entry')].map(
            (e) => e.getElementsByTagNameNS(atom, 'id')[0]?.textContent,
          ),
        };
      })()`);

      expect(parsed).toEqual({
        error: 0,
        root: 'http://www.w3.org/2005/Atom feed',
        ids: [`${siteUrl}datasets/${id}/releases/1.0.0/`],
      });
    }
    await page.close();
    await page.close();
  });
});

describe('a corrected submission', () => {
  it('makes exactly one new release of each dataset whose content changed, with a changelog entry', async () => {
    const key = 'submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv';
    const corrected = readFileSync(join(FIXTURES_DIR, key), 'utf8').replace(
      'mạng Viettel"',
      'mạng Viettel (đã rà soát)"',
    );
    await upload(key, Buffer.from(corrected));
    await rollup({ period: '2023-Q3' }, localContext('rollup'));

    const run = await publish({}, localContext('publish'));

    expect(
      run.datasets
        .filter((d) => d.released)
        .map((d) => [d.datasetId, d.version]),
    ).toEqual([
      ['chi-tieu-cds', '1.0.1'],
      ['theo-doi-nop-bao-cao', '1.0.1'],
      // The units' notes are consolidated (ghi_chu): the corrected note changes it.
      ['tong-hop-chi-tieu-cds', '1.0.1'],
    ]);
    const manifest = JSON.parse(
      await resources.public.getText(
        'datasets/chi-tieu-cds/releases/index.json',
      ),
    );
    const feed = await resources.public.getText(
      'datasets/chi-tieu-cds/feed.atom',
    );
    expect(
      [...feed.matchAll(/<id>[^<]*\/releases\/([\d.]+)\/<\/id>/g)].map(
        (m) => m[1],
      ),
    ).toEqual(['1.0.1', '1.0.0']);
    expect(
      manifest.releases.map((r: { version: string }) => r.version),
    ).toEqual(['1.0.1', '1.0.0']);
    expect(manifest.releases[0].changes.periods).toEqual([
      { period: '2023-Q3', added: 0, removed: 0, changed: 1 },
    ]);
    expect(
      await resources.public.getText('datasets/chi-tieu-cds/CHANGELOG.md'),
    ).toContain('- 2023-Q3: +0 thêm / added, −0 bỏ / removed, 1 sửa / changed');
    expect(
      await resources.public.getText(
        'datasets/chi-tieu-cds/releases/1.0.1/chi-tieu-cds.csv',
      ),
    ).toBe(
      await resources.public.getText('datasets/chi-tieu-cds/chi-tieu-cds.csv'),
    );
    expect(
      (
        await resources.public.list('datasets/tong-hop-chi-tieu-cds/releases/')
      ).sort(),
    ).toEqual(
      [
        'index.json',
        '1.0.0/datapackage.json',
        '1.0.0/tong-hop-chi-tieu-cds.csv',
        '1.0.0/tong-hop-chi-tieu-cds.json',
        '1.0.0/tong-hop-chi-tieu-cds.xlsx',
        '1.0.1/datapackage.json',
        '1.0.1/tong-hop-chi-tieu-cds.csv',
        '1.0.1/tong-hop-chi-tieu-cds.json',
        '1.0.1/tong-hop-chi-tieu-cds.xlsx',
      ]
        .map((f) => `datasets/tong-hop-chi-tieu-cds/releases/${f}`)
        .sort(),
    );
  });
});
