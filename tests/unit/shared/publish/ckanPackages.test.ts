import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ckanName,
  isCkanName,
  isCkanTag,
} from '../../../../functions/shared/publish/ckanName.js';
import type { PublishedFile } from '../../../../functions/shared/publish/types.js';
import { catalogue } from '../../../helpers/catalogue.js';
import { buildSample, fileAt, jsonAt } from './sampleSite.js';

const LICENSES = JSON.parse(
  readFileSync(
    new URL(
      '../../../fixtures/ckan/default_license_list.json',
      import.meta.url,
    ),
    'utf8',
  ),
).licenses.map((l: { id: string }) => l.id);

const ids = [...catalogue.schemas.keys()].sort();

describe('ckanName', () => {
  it.each([
    [
      'Sở Khoa học và Công nghệ tỉnh Thanh Hóa',
      'so-khoa-hoc-va-cong-nghe-tinh-thanh-hoa',
    ],
    ['Đào tạo, tập huấn kỹ năng số', 'dao-tao-tap-huan-ky-nang-so'],
    ['ĐƯỜNG ĐÔ THỊ — Quý III/2023', 'duong-do-thi-quy-iii-2023'],
    ['  Hạ tầng viễn thông (5G)  ', 'ha-tang-vien-thong-5g'],
    ['chi_tieu-cds', 'chi_tieu-cds'],
  ])('slugs %j as %j', (text, name) => {
    expect(ckanName(text)).toBe(name);
    expect(isCkanName(name)).toBe(true);
  });

  it('keeps names to 100 characters without a trailing dash', () => {
    const name = ckanName(`${'chuyển đổi số '.repeat(10)}`);

    expect(name.length).toBeLessThanOrEqual(100);
    expect(name.endsWith('-')).toBe(false);
  });

  it.each([['a'], ['Chi-tieu'], ['new'], ['chỉ-tiêu'], ['x'.repeat(101)]])(
    'rejects the name %j',
    (name) => {
      expect(isCkanName(name)).toBe(false);
    },
  );

  it.each([
    ['chuyển đổi số', true],
    ['Internet băng rộng', true],
    ['kế hoạch 100/KH-BCĐ', false],
    ['x', false],
  ])('says whether %j is a valid tag: %s', (tag, valid) => {
    expect(isCkanTag(tag)).toBe(valid);
  });
});

describe('the static CKAN API mirror', () => {
  let files: PublishedFile[];

  beforeAll(async () => {
    ({ files } = await buildSample());
  });

  it("answers every action in CKAN's envelope", () => {
    const api = files.filter((f) => f.path.startsWith('api/3/action/'));

    expect(api.map((f) => f.path).sort()).toEqual(
      [
        'api/3/action/group_list.json',
        'api/3/action/organization_list.json',
        'api/3/action/package_list.json',
        'api/3/action/package_search.json',
        ...ids.map((id) => `api/3/action/package_show/${id}.json`),
      ].sort(),
    );
    for (const f of api) {
      const body = JSON.parse(f.body.toString('utf8'));
      expect(Object.keys(body)).toEqual(['help', 'success', 'result']);
      expect(body.success).toBe(true);
      expect(body.help).toMatch(
        /^https:\/\/opendata\.thanhhoa\.gov\.vn\/cds\/api\/3\/action\/help_show\?name=[a-z_]+$/,
      );
    }
  });

  it('lists the datasets, the organization and the groups in use', () => {
    expect(jsonAt(files, 'api/3/action/package_list.json').result).toEqual(ids);
    expect(jsonAt(files, 'api/3/action/organization_list.json').result).toEqual(
      ['so-khcn-thanh-hoa'],
    );
    expect(jsonAt(files, 'api/3/action/group_list.json').result).toEqual([
      'cong-thuong',
      'giao-duc-dao-tao',
      'hanh-chinh-cong',
      'lao-dong-xa-hoi',
      'noi-vu',
      'thong-tin-truyen-thong',
    ]);
  });

  it.each(ids.map((id) => [id]))(
    'describes %s with valid names, a known licence and its resources',
    (id) => {
      const pkg = jsonAt(files, `api/3/action/package_show/${id}.json`).result;

      expect(isCkanName(pkg.name)).toBe(true);
      expect(pkg.owner_org).toBe(pkg.organization.id);
      expect(isCkanName(pkg.organization.name)).toBe(true);
      expect(LICENSES).toContain(pkg.license_id);
      expect(pkg.isopen).toBe(true);
      expect(pkg.num_tags).toBe(pkg.tags.length);
      expect(pkg.num_resources).toBe(4);
      for (const tag of pkg.tags) expect(isCkanTag(tag.name)).toBe(true);
      for (const group of pkg.groups) expect(isCkanName(group.name)).toBe(true);
      expect(pkg.extras.map((e: { key: string }) => e.key)).toEqual([
        'frequency',
        'issued',
        'modified',
        'reporting_periods',
        'spatial_code',
        'spatial_text',
        'spatial_uri',
        'temporal_end',
        'temporal_start',
        'theme',
      ]);
      expect(pkg.metadata_modified).toBe('2024-01-20T03:00:00');
      for (const r of pkg.resources) {
        const body = fileAt(files, `datasets/${id}/${r.name}`).body;
        expect(r.url).toBe(
          `https://opendata.thanhhoa.gov.vn/cds/datasets/${id}/${r.name}`,
        );
        expect(r.size).toBe(body.length);
        expect(r.hash).toBe(createHash('sha256').update(body).digest('hex'));
        expect(r.last_modified).toBe('2024-01-20T03:00:00');
        expect(r.package_id).toBe(pkg.id);
      }
      expect(
        pkg.resources.map((r: { format: string; mimetype: string }) => [
          r.format,
          r.mimetype,
        ]),
      ).toEqual([
        ['CSV', 'text/csv'],
        ['JSON', 'application/json'],
        [
          'XLSX',
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        ],
        ['JSON', 'application/json'],
      ]);
    },
  );

  it("gives package_search CKAN's shape with the default facets", () => {
    const result = jsonAt(files, 'api/3/action/package_search.json').result;

    expect(Object.keys(result).sort()).toEqual([
      'count',
      'facets',
      'results',
      'search_facets',
      'sort',
    ]);
    expect(result.count).toBe(12);
    expect(result.results).toHaveLength(10);
    expect(result.sort).toBe('score desc, metadata_modified desc');
    expect(Object.keys(result.facets)).toEqual([
      'organization',
      'groups',
      'tags',
      'res_format',
      'license_id',
    ]);
    expect(result.facets.organization).toEqual({ 'so-khcn-thanh-hoa': 12 });
    expect(result.facets.res_format).toEqual({ CSV: 12, JSON: 12, XLSX: 12 });
    expect(result.search_facets.license_id).toEqual({
      title: 'license_id',
      items: [
        {
          name: 'cc-by',
          display_name: 'Creative Commons Attribution 4.0 International',
          count: 12,
        },
      ],
    });
  });
});
