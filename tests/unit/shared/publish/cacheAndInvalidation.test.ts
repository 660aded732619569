import { describe, expect, it } from 'vitest';
import {
  cacheControlOf,
  isReleaseFile,
} from '../../../../functions/shared/publish/cacheControl.js';
import { invalidationPaths } from '../../../../functions/shared/publish/invalidationPaths.js';

describe('cacheControlOf', () => {
  it.each([
    'datasets/chi-tieu-cds/releases/1.0.0/chi-tieu-cds.csv',
    'datasets/chi-tieu-cds/releases/1.2.3/datapackage.json',
    'datasets/tong-hop-chi-tieu-cds/releases/2.0.0/tong-hop-chi-tieu-cds.xlsx',
  ])('keeps release file %s for a year, immutable', (path) => {
    expect(isReleaseFile(path)).toBe(true);
    expect(cacheControlOf(path)).toBe('public, max-age=31536000, immutable');
  });

  it.each([
    'datasets/chi-tieu-cds/chi-tieu-cds.csv',
    'datasets/chi-tieu-cds/datapackage.json',
    'datasets/chi-tieu-cds/releases/index.json',
    'datasets/chi-tieu-cds/CHANGELOG.md',
    'datasets/chi-tieu-cds/index.html',
    'catalog.jsonld',
    'catalog.ttl',
    'api/3/action/package_show/chi-tieu-cds.json',
    'index.html',
    'assets/site.css',
  ])('keeps %s five minutes at most', (path) => {
    expect(isReleaseFile(path)).toBe(false);
    expect(cacheControlOf(path)).toBe('public, max-age=300');
  });
});

describe('invalidationPaths', () => {
  it('invalidates every file of the datasets released and the catalogues listing them', () => {
    const paths = invalidationPaths([
      { datasetId: 'tong-hop-chi-tieu-cds', released: true },
      { datasetId: 'an-toan-thong-tin', released: false },
      { datasetId: 'chi-tieu-cds', released: true },
    ]);

    expect(paths).toEqual([
      '/',
      '/index.html',
      '/catalog.jsonld',
      '/catalog.ttl',
      '/api/*',
      '/datasets/chi-tieu-cds/*',
      '/datasets/tong-hop-chi-tieu-cds/*',
    ]);
  });

  it('invalidates nothing when no dataset changed', () => {
    expect(
      invalidationPaths([
        { datasetId: 'chi-tieu-cds', released: false },
        { datasetId: 'tong-hop-chi-tieu-cds', released: false },
      ]),
    ).toEqual([]);
  });
});
