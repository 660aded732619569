import { posix } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildCharts,
  niceScale,
} from '../../../../functions/shared/publish/charts.js';
import { formatNumber } from '../../../../functions/shared/publish/html.js';
import type {
  OpenDataMeta,
  PublishedFile,
} from '../../../../functions/shared/publish/types.js';
import { catalogue } from '../../../helpers/catalogue.js';
import { buildSample, textAt } from './sampleSite.js';

const ids = [...catalogue.schemas.keys()].sort();

const attributes = (html: string, name: 'href' | 'src') =>
  [...html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((m) =>
    (m[1] ?? '').replaceAll('&amp;', '&'),
  );

const jsonLdOf = (html: string) =>
  JSON.parse(
    /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(
      html,
    )?.[1] ?? 'null',
  );

let files: PublishedFile[];
let pages: PublishedFile[];

beforeAll(async () => {
  ({ files } = await buildSample());
  pages = files.filter((f) => f.path.endsWith('.html'));
});

describe('the catalogue pages', () => {
  it('has an index and one page per dataset', () => {
    expect(pages.map((p) => p.path).sort()).toEqual(
      ['index.html', ...ids.map((id) => `datasets/${id}/index.html`)].sort(),
    );
  });

  it('lists every dataset on the index, in Vietnamese and English', () => {
    const html = textAt(files, 'index.html');

    for (const schema of catalogue.schemas.values()) {
      const meta = schema['x-dataset'];
      expect(html).toContain(`href="datasets/${meta.id}/index.html"`);
      expect(html).toContain(`<span lang="vi">${meta.title.vi}</span>`);
      expect(html).toContain(`<span lang="en">${meta.title.en}</span>`);
    }
  });

  it('links only to files of the site, by relative paths, or to external pages', () => {
    const paths = new Set(files.map((f) => f.path));
    const broken: string[] = [];

    for (const page of pages) {
      const html = page.body.toString('utf8');
      for (const link of [
        ...attributes(html, 'href'),
        ...attributes(html, 'src'),
      ]) {
        if (/^(https?:|mailto:|data:)/.test(link)) continue;
        const target = posix.normalize(
          posix.join(posix.dirname(page.path), link.split('#')[0] ?? ''),
        );
        if (!paths.has(target)) broken.push(`${page.path} → ${link}`);
      }
    }

    expect(broken).toEqual([]);
  });

  it('loads nothing from another site: no CDN script, stylesheet or font', () => {
    for (const page of pages) {
      const html = page.body.toString('utf8');
      expect(attributes(html, 'src').filter((s) => /^https?:/.test(s))).toEqual(
        [],
      );
      expect(html).not.toMatch(/<link[^>]+rel="stylesheet"[^>]+href="https?:/);
    }
  });

  it('embeds a schema.org Dataset on each dataset page, its downloads pointing at the files', () => {
    const html = textAt(files, 'datasets/ha-tang-vien-thong/index.html');

    const dataset = jsonLdOf(html);

    expect(dataset).toMatchObject({
      '@context': 'https://schema.org/',
      '@type': 'Dataset',
      name: 'Hạ tầng viễn thông theo doanh nghiệp và địa bàn',
      alternateName: 'Telecom infrastructure by operator and locality',
      license: 'https://creativecommons.org/licenses/by/4.0/',
      isAccessibleForFree: true,
      temporalCoverage: '2023-07-01/2023-12-31',
      version: '1.0.0',
      creator: {
        '@type': 'GovernmentOrganization',
        name: 'Sở Khoa học và Công nghệ tỉnh Thanh Hóa',
      },
    });
    expect(dataset.description.length).toBeGreaterThan(50);
    expect(
      dataset.distribution.map((d: { contentUrl: string }) => d.contentUrl),
    ).toEqual(
      ['csv', 'json', 'xlsx'].map(
        (ext) =>
          `https://opendata.thanhhoa.gov.vn/cds/datasets/ha-tang-vien-thong/ha-tang-vien-thong.${ext}`,
      ),
    );
  });

  it('embeds a schema.org DataCatalog of every dataset on the index', () => {
    const catalog = jsonLdOf(textAt(files, 'index.html'));

    expect(catalog['@type']).toBe('DataCatalog');
    expect(catalog.dataset).toHaveLength(ids.length);
  });

  it('draws totals by quarter and values per locality as SVG bars', () => {
    const html = textAt(files, 'datasets/ha-tang-vien-thong/index.html');

    const svgs = html.match(/<svg class="chart"[\s\S]*?<\/svg>/g) ?? [];

    expect(svgs).toHaveLength(2);
    // 2 quarters × 4 technologies, then 3 localities named for the quarter.
    expect(svgs[0]?.match(/<rect class="bar /g)).toHaveLength(8);
    expect(svgs[1]?.match(/<rect class="bar /g)).toHaveLength(3);
    expect(svgs[1]).toContain('Thành phố Thanh Hóa');
  });

  it('draws indicator values against their targets', () => {
    const html = textAt(files, 'datasets/tong-hop-chi-tieu-cds/index.html');

    const svg = /<svg class="chart"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';

    expect(svg.match(/<rect class="bar (met|unmet)"/g)).toEqual([
      '<rect class="bar unmet"',
      '<rect class="bar met"',
    ]);
    expect(svg.match(/<line class="target"/g)).toHaveLength(2);
  });

  it('shows a preview of the first rows with Vietnamese text escaped', () => {
    const html = textAt(files, 'datasets/chi-tieu-cds/index.html');

    expect(html).toContain('<td>Đang thực hiện</td>');
    expect(html).toContain(
      '<td>=HYPERLINK(&quot;http://x&quot;,&quot;bấm vào đây&quot;)</td>',
    );
  });
});

describe('chart helpers', () => {
  it("colours a bar by the dataset's own assessment, not by its rounded value", () => {
    const schema = catalogue.schemas.get('tong-hop-chi-tieu-cds');
    const meta = schema?.['x-dataset'] as Partial<OpenDataMeta> | undefined;
    const spec = meta?.charts?.find((c) => c.kind === 'targets');
    // 79.996 % is published as 80.00 but does not meet "≥ 80".
    const row = {
      ky_bao_cao: '2023-Q3',
      ma_chi_tieu: 'CDS-2023-09',
      loai_chi_tieu: 'ratio',
      gia_tri: '80.00',
      muc_tieu: '>= 80',
      danh_gia: 'chua_dat',
    };

    const [chart] =
      schema && spec
        ? buildCharts([spec], { schema, rows: [row], periods: ['2023-Q3'] })
        : [];

    expect(chart?.svg.match(/<rect class="bar (met|unmet)"/g)).toEqual([
      '<rect class="bar unmet"',
    ]);
  });

  it.each([
    [0, 1, 1],
    [7, 8, 2],
    [97.5, 100, 20],
    [2155455, 2500000, 500000],
  ])(
    'scales an axis for a maximum of %d to %d in steps of %d',
    (max, top, step) => {
      expect(niceScale(max)).toEqual({ top, step });
    },
  );

  it.each([
    [2155455, 'vi', '2.155.455'],
    [2155455, 'en', '2,155,455'],
    [77.13, 'vi', '77,13'],
    [-1200.5, 'en', '−1,200.5'],
  ] as const)('writes %d the %s way as %s', (n, lang, text) => {
    expect(formatNumber(n, lang)).toBe(text);
  });
});
