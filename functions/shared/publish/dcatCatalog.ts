import type { Bilingual } from '../schema/types.js';
import {
  PREFIXES,
  RDF_TYPE,
  type RdfObject,
  type Triple,
  toJsonLd,
  toTurtle,
} from './rdf.js';
import type { DatasetMetadata, PublishedFile, PublisherInfo } from './types.js';
import {
  EU_THEMES,
  euUri,
  ianaUri,
  LANGUAGES,
  PUBLISHER_TYPES,
} from './vocabularies.js';

const ns = (prefix: keyof typeof PREFIXES) => (local: string) =>
  `${PREFIXES[prefix]}${local}`;
const dcat = ns('dcat');
const dct = ns('dct');
const foaf = ns('foaf');
const skos = ns('skos');
const spdx = ns('spdx');
const vcard = ns('vcard');
const xsd = ns('xsd');
const dcatap = ns('dcatap');
const rdfs = ns('rdfs');

const ADMS_PUBLISHER_TYPE = 'http://purl.org/adms/publishertype/';
const ADMS_LICENCE_TYPE = 'http://purl.org/adms/licencetype/';
// English labels of the EU country vocabulary for the countries used.
const COUNTRY_NAMES: Readonly<Record<string, string>> = { VNM: 'Viet Nam' };
const DATA_PACKAGE_STANDARD = 'https://datapackage.org/standard/data-package/';

/** IRIs the catalogue mints under the site URL. */
const iris = (site: string) => ({
  catalog: `${site}#catalog`,
  publisher: `${site}#publisher`,
  contact: `${site}#contact`,
  spatial: `${site}#thanh-hoa`,
  domains: `${site}#domains`,
  domain: (name: string) => `${site}#domain-${name}`,
  dataset: (name: string) => `${site}datasets/${name}/#dataset`,
  node: (name: string, local: string) => `${site}datasets/${name}/#${local}`,
});

/** Collects triples with terse helpers for IRIs, tagged and typed literals. */
const graph = () => {
  const triples: Triple[] = [];
  const add = (s: string, p: string, o: RdfObject) => triples.push({ s, p, o });
  return {
    triples,
    iri: (s: string, p: string, o: string) => add(s, p, { iri: o }),
    type: (s: string, ...classes: string[]) => {
      for (const c of classes) add(s, RDF_TYPE, { iri: c });
    },
    text: (s: string, p: string, value: Bilingual | string) => {
      if (typeof value === 'string') add(s, p, { value });
      else {
        add(s, p, { value: value.vi, lang: 'vi' });
        add(s, p, { value: value.en, lang: 'en' });
      }
    },
    en: (s: string, p: string, value: string) =>
      add(s, p, { value, lang: 'en' }),
    typed: (s: string, p: string, value: string, datatype: string) =>
      add(s, p, { value, datatype }),
  };
};

type Graph = ReturnType<typeof graph>;

/** A concept of a controlled vocabulary, typed and labelled so range and vocabulary shapes can check it. */
const concept = (
  g: Graph,
  iri: string,
  label: string,
  scheme: { iri: string; title: string },
  ...classes: string[]
) => {
  g.type(iri, skos('Concept'), ...classes);
  g.en(iri, skos('prefLabel'), label);
  g.iri(iri, skos('inScheme'), scheme.iri);
  g.type(scheme.iri, skos('ConceptScheme'));
  g.en(scheme.iri, dct('title'), scheme.title);
};

const vocabulary = (name: string, title: string) => ({
  iri: euUri(name),
  title,
});

const describeSharedNodes = (g: Graph, info: PublisherInfo) => {
  const site = iris(info.siteUrl);
  const { publisher, contact, license, spatial } = info;
  g.type(site.publisher, foaf('Agent'), foaf('Organization'));
  g.text(site.publisher, foaf('name'), publisher.title);
  const publisherType = `${ADMS_PUBLISHER_TYPE}${publisher.type}`;
  g.iri(site.publisher, dct('type'), publisherType);
  concept(
    g,
    publisherType,
    PUBLISHER_TYPES[publisher.type]?.en ?? publisher.type,
    {
      iri: `${ADMS_PUBLISHER_TYPE}1.0`,
      title: 'Publisher Type',
    },
  );
  g.iri(site.publisher, foaf('homepage'), publisher.homepage);
  g.iri(site.publisher, foaf('mbox'), `mailto:${publisher.email}`);

  g.type(site.contact, vcard('Kind'), vcard('Organization'));
  g.text(site.contact, vcard('fn'), contact.name);
  g.iri(site.contact, vcard('hasEmail'), `mailto:${contact.email}`);
  g.iri(site.contact, vcard('hasURL'), contact.url);

  g.type(license.euUri, dct('LicenseDocument'));
  g.text(license.euUri, rdfs('label'), license.title);
  g.iri(license.euUri, rdfs('seeAlso'), license.url);
  const licenceType = `${ADMS_LICENCE_TYPE}Attribution`;
  g.iri(license.euUri, dct('type'), licenceType);
  concept(g, licenceType, 'Attribution', {
    iri: `${ADMS_LICENCE_TYPE}1.0`,
    title: 'Licence type',
  });

  const country = euUri('country', spatial.country);
  g.type(site.spatial, dct('Location'));
  g.text(site.spatial, skos('prefLabel'), spatial.name);
  g.text(site.spatial, dct('identifier'), spatial.code);
  g.iri(site.spatial, dct('isPartOf'), country);
  g.type(country, dct('Location'));
  concept(
    g,
    country,
    COUNTRY_NAMES[spatial.country] ?? spatial.country,
    vocabulary('country', 'Country'),
  );

  for (const language of Object.values(LANGUAGES)) {
    concept(
      g,
      euUri('language', language.code),
      language.title.en,
      vocabulary('language', 'Language'),
      dct('LinguisticSystem'),
    );
  }
};

const describeDataset = (g: Graph, meta: DatasetMetadata) => {
  const info = meta.publisher;
  const site = iris(info.siteUrl);
  const ds = site.dataset(meta.name);
  g.type(ds, dcat('Dataset'));
  g.text(ds, dct('title'), meta.title);
  g.text(ds, dct('description'), meta.description);
  g.text(ds, dct('identifier'), meta.name);
  for (const k of meta.keywords.vi) {
    g.triples.push({ s: ds, p: dcat('keyword'), o: { value: k, lang: 'vi' } });
  }
  for (const k of meta.keywords.en) g.en(ds, dcat('keyword'), k);
  for (const domain of meta.themes) {
    const euTheme = euUri('data-theme', domain.euTheme);
    g.iri(ds, dcat('theme'), euTheme);
    concept(
      g,
      euTheme,
      EU_THEMES[domain.euTheme]?.en ?? domain.euTheme,
      vocabulary('data-theme', 'Data theme'),
    );
    const local = site.domain(domain.name);
    g.iri(ds, dcat('theme'), local);
    g.type(local, skos('Concept'));
    g.text(local, skos('prefLabel'), domain.title);
    g.iri(local, skos('inScheme'), site.domains);
    g.iri(local, skos('broadMatch'), euTheme);
  }
  g.iri(ds, dct('publisher'), site.publisher);
  g.iri(ds, dcat('contactPoint'), site.contact);
  g.iri(ds, dct('spatial'), site.spatial);
  if (meta.temporal) {
    const period = site.node(meta.name, 'temporal');
    g.iri(ds, dct('temporal'), period);
    g.type(period, dct('PeriodOfTime'));
    g.typed(period, dcat('startDate'), meta.temporal.start, xsd('date'));
    g.typed(period, dcat('endDate'), meta.temporal.end, xsd('date'));
  }
  g.iri(ds, dct('accrualPeriodicity'), meta.frequency.euUri);
  concept(
    g,
    meta.frequency.euUri,
    meta.frequency.title.en.toLowerCase(),
    vocabulary('frequency', 'Frequency'),
    dct('Frequency'),
  );
  g.typed(ds, dct('issued'), meta.issued, xsd('dateTime'));
  g.typed(ds, dct('modified'), meta.modified, xsd('dateTime'));
  g.text(ds, dcat('version'), meta.version);
  for (const language of info.languages) {
    const code = LANGUAGES[language]?.code;
    if (code) g.iri(ds, dct('language'), euUri('language', code));
  }
  g.iri(ds, dcat('landingPage'), meta.landingPage);
  g.type(meta.landingPage, foaf('Document'));
  const access = euUri('access-right', 'PUBLIC');
  g.iri(ds, dct('accessRights'), access);
  concept(
    g,
    access,
    'public',
    vocabulary('access-right', 'Access right'),
    dct('RightsStatement'),
  );
  for (const source of meta.derivedFrom) {
    g.iri(ds, dct('source'), site.dataset(source));
  }

  const stable = euUri('planned-availability', 'STABLE');
  concept(
    g,
    stable,
    'stable',
    vocabulary('planned-availability', 'Planned availability'),
  );
  for (const d of meta.distributions) {
    const dist = site.node(meta.name, d.key);
    g.iri(ds, dcat('distribution'), dist);
    g.type(dist, dcat('Distribution'));
    g.text(dist, dct('title'), d.title);
    g.text(dist, dct('description'), d.description);
    g.iri(dist, dcat('accessURL'), d.url);
    g.iri(dist, dcat('downloadURL'), d.url);
    const format = euUri('file-type', d.euFileType);
    g.iri(dist, dct('format'), format);
    concept(
      g,
      format,
      d.euFileType,
      vocabulary('file-type', 'File type'),
      dct('MediaTypeOrExtent'),
    );
    const media = ianaUri(d.mediaType);
    g.iri(dist, dcat('mediaType'), media);
    g.type(media, dct('MediaType'));
    g.typed(dist, dcat('byteSize'), String(d.bytes), xsd('nonNegativeInteger'));
    const checksum = site.node(meta.name, `${d.key}-checksum`);
    g.iri(dist, spdx('checksum'), checksum);
    g.type(checksum, spdx('Checksum'));
    g.iri(checksum, spdx('algorithm'), spdx('checksumAlgorithm_sha256'));
    g.type(spdx('checksumAlgorithm_sha256'), spdx('ChecksumAlgorithm'));
    g.typed(checksum, spdx('checksumValue'), d.sha256, xsd('hexBinary'));
    g.iri(dist, dct('license'), info.license.euUri);
    g.typed(dist, dct('issued'), meta.issued, xsd('dateTime'));
    g.typed(dist, dct('modified'), meta.modified, xsd('dateTime'));
    g.iri(dist, dcatap('availability'), stable);
    if (d.key === 'datapackage') {
      g.iri(dist, dct('conformsTo'), DATA_PACKAGE_STANDARD);
      g.type(DATA_PACKAGE_STANDARD, dct('Standard'));
      g.en(DATA_PACKAGE_STANDARD, dct('title'), 'Frictionless Data Package v2');
    }
  }
};

/**
 * The DCAT-AP 3.0.1 catalogue of every dataset and distribution, as triples:
 * publisher, contact point, licence, themes (the portal's domains matched to
 * EU data themes), temporal and spatial coverage, frequency, sizes and
 * checksums. Vocabulary terms carry their type, label and scheme so the
 * DCAT-AP range and vocabulary shapes can check them without fetching.
 */
const catalogTriples = (
  info: PublisherInfo,
  datasets: readonly DatasetMetadata[],
): Triple[] => {
  const g = graph();
  const site = iris(info.siteUrl);
  const cat = site.catalog;
  g.type(cat, dcat('Catalog'));
  g.text(cat, dct('title'), info.catalog.title);
  g.text(cat, dct('description'), info.catalog.description);
  g.iri(cat, dct('publisher'), site.publisher);
  g.iri(cat, foaf('homepage'), `${info.siteUrl}index.html`);
  g.type(`${info.siteUrl}index.html`, foaf('Document'));
  for (const language of ['vi', 'en']) {
    g.iri(
      cat,
      dct('language'),
      euUri('language', LANGUAGES[language]?.code ?? ''),
    );
  }
  g.iri(cat, dct('license'), info.license.euUri);
  const issued = datasets.map((d) => d.issued).sort()[0];
  const modified = datasets
    .map((d) => d.modified)
    .sort()
    .reverse()[0];
  if (issued) g.typed(cat, dct('issued'), issued, xsd('dateTime'));
  if (modified) g.typed(cat, dct('modified'), modified, xsd('dateTime'));
  g.iri(cat, dct('spatial'), site.spatial);
  g.iri(cat, dcat('themeTaxonomy'), euUri('data-theme'));
  g.iri(cat, dcat('themeTaxonomy'), site.domains);
  g.type(site.domains, skos('ConceptScheme'));
  g.text(site.domains, dct('title'), {
    vi: 'Lĩnh vực của Cổng dữ liệu mở tỉnh Thanh Hóa',
    en: 'Domains of the Thanh Hóa open data portal',
  });
  for (const d of datasets) g.iri(cat, dcat('dataset'), site.dataset(d.name));
  describeSharedNodes(g, info);
  for (const d of datasets) describeDataset(g, d);
  return g.triples;
};

/** `catalog.jsonld` and `catalog.ttl`: the same DCAT-AP graph in two syntaxes. */
const buildCatalogFiles = (
  info: PublisherInfo,
  datasets: readonly DatasetMetadata[],
): PublishedFile[] => {
  const triples = catalogTriples(info, datasets);
  return [
    {
      path: 'catalog.jsonld',
      body: Buffer.from(
        `${JSON.stringify(toJsonLd(triples), null, 2)}\n`,
        'utf8',
      ),
      contentType: 'application/ld+json; charset=utf-8',
    },
    {
      path: 'catalog.ttl',
      body: Buffer.from(toTurtle(triples), 'utf8'),
      contentType: 'text/turtle; charset=utf-8',
    },
  ];
};

export { buildCatalogFiles, catalogTriples };
