import { createHash } from 'node:crypto';
import { byText } from '../byText.js';
import { jsonBody } from './datasetFiles.js';
import type { DatasetMetadata, PublishedFile, PublisherInfo } from './types.js';
import { euUri } from './vocabularies.js';

/** A CKAN dataset dict as `package_show` returns it. */
export type CkanPackage = Record<string, unknown> & {
  readonly name: string;
  readonly resources: readonly Record<string, unknown>[];
};

const SPDX_SHA256 = 'http://spdx.org/rdf/terms#checksumAlgorithm_sha256';
const PAGE_SIZE = 10;
const SEARCH_FACETS = [
  'organization',
  'groups',
  'tags',
  'res_format',
  'license_id',
] as const;

/** A deterministic UUID (version 5 layout) for a CKAN object of this catalogue. */
const ckanId = (kind: string, name: string): string => {
  const hex = createHash('sha1')
    .update(`thanhhoa-opendata:${kind}:${name}`)
    .digest('hex');
  const variant = (
    (Number.parseInt(hex.slice(16, 17), 16) & 0x3) |
    0x8
  ).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/** CKAN writes times as naive UTC ISO strings: no zone designator. */
const ckanTime = (iso: string): string => iso.replace(/Z$/, '');

/** The owner organization of every dataset, as CKAN dictizes it. */
const ckanOrganization = (info: PublisherInfo, created: string) => ({
  id: ckanId('organization', info.publisher.name),
  name: info.publisher.name,
  title: info.publisher.title.vi,
  type: 'organization',
  description: `${info.publisher.description.vi}\n\n${info.publisher.description.en}`,
  image_url: '',
  created: ckanTime(created),
  is_organization: true,
  approval_status: 'approved',
  state: 'active',
});

/**
 * The CKAN dataset dict of a dataset, shaped as `package_show`'s result:
 * owner organization, groups (the portal's domains), tags, the licence id of
 * CKAN's register, extras for periods, frequency and spatial coverage (named
 * as ckanext-dcat reads them) and one resource per file with size and hash.
 */
const ckanPackage = (
  meta: DatasetMetadata,
  orgCreated: string,
): CkanPackage => {
  const info = meta.publisher;
  const id = ckanId('package', meta.name);
  const tagNames = [
    ...new Set([...meta.keywords.vi, ...meta.keywords.en]),
  ].sort(byText);
  const extras: [string, string][] = [
    ['frequency', meta.frequency.euUri],
    ['issued', meta.issued],
    ['modified', meta.modified],
    ['reporting_periods', meta.periods.join(',')],
    ['spatial_code', info.spatial.code],
    ['spatial_text', `${info.spatial.name.vi} / ${info.spatial.name.en}`],
    ['spatial_uri', `${info.siteUrl}#thanh-hoa`],
    ['temporal_end', meta.temporal?.end ?? ''],
    ['temporal_start', meta.temporal?.start ?? ''],
    [
      'theme',
      JSON.stringify([
        ...new Set(meta.themes.map((t) => euUri('data-theme', t.euTheme))),
      ]),
    ],
  ];
  return {
    id,
    name: meta.name,
    title: meta.title.vi,
    notes: `${meta.description.vi}\n\n${meta.description.en}`,
    author: info.publisher.title.vi,
    author_email: info.publisher.email,
    maintainer: info.contact.name.vi,
    maintainer_email: info.contact.email,
    license_id: info.license.ckanId,
    license_title: info.license.title,
    license_url: info.license.url,
    isopen: info.license.open,
    url: meta.landingPage,
    version: meta.version,
    state: 'active',
    type: 'dataset',
    private: false,
    owner_org: ckanId('organization', info.publisher.name),
    organization: ckanOrganization(info, orgCreated),
    creator_user_id: null,
    metadata_created: ckanTime(meta.issued),
    metadata_modified: ckanTime(meta.modified),
    num_resources: meta.distributions.length,
    num_tags: tagNames.length,
    tags: tagNames.map((name) => ({
      id: ckanId('tag', name),
      name,
      display_name: name,
      state: 'active',
      vocabulary_id: null,
    })),
    groups: meta.themes.map((d) => ({
      id: ckanId('group', d.name),
      name: d.name,
      title: d.title.vi,
      display_name: d.title.vi,
      description: d.title.en,
      image_display_url: '',
    })),
    extras: extras.map(([key, value]) => ({ key, value })),
    resources: meta.distributions.map((d, position) => ({
      id: ckanId('resource', `${meta.name}/${d.path}`),
      package_id: id,
      url: d.url,
      name: d.path,
      description: `${d.title.vi}: ${d.description.vi}\n\n${d.title.en}: ${d.description.en}`,
      format: d.format,
      mimetype: d.mediaType,
      size: d.bytes,
      hash: d.sha256,
      hash_algorithm: SPDX_SHA256,
      created: ckanTime(meta.issued),
      last_modified: ckanTime(meta.modified),
      position,
      state: 'active',
      url_type: null,
      resource_type: null,
      cache_url: null,
      cache_last_updated: null,
      mimetype_inner: null,
      datastore_active: false,
    })),
    relationships_as_object: [],
    relationships_as_subject: [],
  };
};

/** CKAN's action envelope around a result. */
const envelope = (info: PublisherInfo, action: string, result: unknown) => ({
  help: `${info.siteUrl}api/3/action/help_show?name=${action}`,
  success: true,
  result,
});

const facets = (packages: readonly CkanPackage[]) => {
  const values = (p: CkanPackage, facet: (typeof SEARCH_FACETS)[number]) => {
    const list = (key: string) =>
      (p[key] ?? []) as { name: string; title?: string }[];
    switch (facet) {
      case 'organization': {
        const org = p.organization as { name: string; title: string };
        return [{ name: org.name, display: org.title }];
      }
      case 'groups':
        return list('groups').map((g) => ({
          name: g.name,
          display: g.title ?? g.name,
        }));
      case 'tags':
        return list('tags').map((t) => ({ name: t.name, display: t.name }));
      case 'res_format':
        return [...new Set(p.resources.map((r) => String(r.format)))].map(
          (f) => ({
            name: f,
            display: f,
          }),
        );
      case 'license_id':
        return [
          { name: String(p.license_id), display: String(p.license_title) },
        ];
    }
  };
  const counted = SEARCH_FACETS.map((facet) => {
    const counts = new Map<string, { display: string; count: number }>();
    for (const p of packages) {
      for (const v of values(p, facet)) {
        const c = counts.get(v.name) ?? { display: v.display, count: 0 };
        c.count++;
        counts.set(v.name, c);
      }
    }
    const items = [...counts]
      .sort(([a, x], [b, y]) => y.count - x.count || byText(a, b))
      .map(([name, c]) => ({ name, display_name: c.display, count: c.count }));
    return [facet, items] as const;
  });
  return {
    facets: Object.fromEntries(
      counted.map(([facet, items]) => [
        facet,
        Object.fromEntries(items.map((i) => [i.name, i.count])),
      ]),
    ),
    search_facets: Object.fromEntries(
      counted.map(([facet, items]) => [facet, { title: facet, items }]),
    ),
  };
};

/**
 * A static mirror of CKAN's read API under `api/3/action/`: package_list,
 * package_show per dataset, organization_list, group_list and the first page
 * of package_search, each in CKAN's `{help, success, result}` envelope.
 */
const buildCkanFiles = (
  info: PublisherInfo,
  datasets: readonly DatasetMetadata[],
): PublishedFile[] => {
  const created = datasets.map((d) => d.issued).sort(byText)[0] ?? '';
  const packages = datasets
    .map((d) => ckanPackage(d, created))
    .sort((a, b) => byText(a.name, b.name));
  const file = (
    path: string,
    action: string,
    result: unknown,
  ): PublishedFile => ({
    path: `api/3/action/${path}`,
    body: jsonBody(envelope(info, action, result)),
    contentType: 'application/json; charset=utf-8',
  });
  const groups = [
    ...new Set(
      packages.flatMap((p) =>
        (p.groups as { name: string }[]).map((g) => g.name),
      ),
    ),
  ].sort(byText);
  const newestFirst = [...packages].sort(
    (a, b) =>
      byText(String(b.metadata_modified), String(a.metadata_modified)) ||
      byText(a.name, b.name),
  );
  return [
    file(
      'package_list.json',
      'package_list',
      packages.map((p) => p.name),
    ),
    ...packages.map((p) =>
      file(`package_show/${p.name}.json`, 'package_show', p),
    ),
    file('organization_list.json', 'organization_list', [info.publisher.name]),
    file('group_list.json', 'group_list', groups),
    file('package_search.json', 'package_search', {
      count: packages.length,
      ...facets(packages),
      results: newestFirst.slice(0, PAGE_SIZE),
      sort: 'score desc, metadata_modified desc',
    }),
  ];
};

export { buildCkanFiles, ckanId, ckanPackage, ckanTime };
