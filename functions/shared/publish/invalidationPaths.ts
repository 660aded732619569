import { byText } from '../byText.js';

/** What a publication did to one dataset, as far as caches care. */
export interface PublishedDataset {
  readonly datasetId: string;
  /** Whether the run made a new release, i.e. the dataset's files changed. */
  readonly released: boolean;
}

/** Site-wide files that list every dataset: they change with any release. */
const CATALOGUE_PATHS = [
  '/',
  '/index.html',
  '/catalog.jsonld',
  '/catalog.ttl',
  '/api/*',
] as const;

/**
 * The CloudFront paths to invalidate after a publication: every file of each
 * dataset that got a new release (its latest data files, datapackage.json,
 * manifest, changelog and page change together, so a cached
 * `datapackage.json` never describes another CSV), and the catalogues and
 * index that list them. Nothing when nothing was released. A wildcard counts
 * as one path towards CloudFront's monthly free allowance.
 *
 * @example invalidationPaths([{ datasetId: 'chi-tieu-cds', released: true }])
 * // ['/', '/index.html', '/catalog.jsonld', '/catalog.ttl', '/api/*', '/datasets/chi-tieu-cds/*']
 */
const invalidationPaths = (datasets: readonly PublishedDataset[]): string[] => {
  const released = datasets.filter((d) => d.released).map((d) => d.datasetId);
  if (released.length === 0) return [];
  return [
    ...CATALOGUE_PATHS,
    ...[...new Set(released)].sort(byText).map((id) => `/datasets/${id}/*`),
  ];
};

export { invalidationPaths };
