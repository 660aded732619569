import type { DatasetMetadata, PublisherInfo } from './types.js';

const organization = (info: PublisherInfo) => ({
  '@type': 'GovernmentOrganization',
  name: info.publisher.title.vi,
  alternateName: info.publisher.title.en,
  url: info.publisher.homepage,
  email: info.publisher.email,
  parentOrganization: {
    '@type': 'GovernmentOrganization',
    name: info.publisher.parent.vi,
    alternateName: info.publisher.parent.en,
  },
  contactPoint: {
    '@type': 'ContactPoint',
    name: info.contact.name.vi,
    email: info.contact.email,
    url: info.contact.url,
    contactType: 'customer support',
  },
});

const catalogRef = (info: PublisherInfo) => ({
  '@type': 'DataCatalog',
  name: info.catalog.title.vi,
  alternateName: info.catalog.title.en,
  url: `${info.siteUrl}index.html`,
});

/**
 * The schema.org `Dataset` of a dataset for Google Dataset Search: names and
 * description in Vietnamese and English, licence, creator, coverage in space
 * and time, measured variables and one `DataDownload` per data file.
 */
const schemaOrgDataset = (meta: DatasetMetadata): Record<string, unknown> => {
  const info = meta.publisher;
  return {
    '@context': 'https://schema.org/',
    '@type': 'Dataset',
    '@id': `${info.siteUrl}datasets/${meta.name}/#dataset`,
    name: meta.title.vi,
    alternateName: meta.title.en,
    description: `${meta.description.vi}\n\n${meta.description.en}`,
    url: meta.landingPage,
    identifier: meta.name,
    version: meta.version,
    keywords: [...meta.keywords.vi, ...meta.keywords.en],
    inLanguage: info.languages,
    license: info.license.url,
    isAccessibleForFree: true,
    creator: organization(info),
    publisher: organization(info),
    datePublished: meta.issued,
    dateModified: meta.modified,
    ...(meta.temporal && {
      temporalCoverage: `${meta.temporal.start}/${meta.temporal.end}`,
    }),
    spatialCoverage: {
      '@type': 'AdministrativeArea',
      name: `${info.spatial.name.vi}, Việt Nam`,
      identifier: info.spatial.code,
    },
    variableMeasured: meta.schema.fields.map((f) => ({
      '@type': 'PropertyValue',
      name: f.name,
      alternateName: f.title,
      description: f.description,
    })),
    includedInDataCatalog: catalogRef(info),
    distribution: meta.distributions
      .filter((d) => d.key !== 'datapackage')
      .map((d) => ({
        '@type': 'DataDownload',
        name: d.title.vi,
        encodingFormat: d.mediaType,
        contentUrl: d.url,
        contentSize: `${d.bytes} B`,
      })),
  };
};

/** The schema.org `DataCatalog` of the whole site, listing every dataset. */
const schemaOrgCatalog = (
  info: PublisherInfo,
  datasets: readonly DatasetMetadata[],
): Record<string, unknown> => ({
  '@context': 'https://schema.org/',
  ...catalogRef(info),
  description: `${info.catalog.description.vi}\n\n${info.catalog.description.en}`,
  inLanguage: info.languages,
  license: info.license.url,
  publisher: organization(info),
  dataset: datasets.map((d) => ({
    '@type': 'Dataset',
    '@id': `${info.siteUrl}datasets/${d.name}/#dataset`,
    name: d.title.vi,
    description: `${d.description.vi}\n\n${d.description.en}`,
    url: d.landingPage,
    license: info.license.url,
    creator: organization(info),
  })),
});

export { schemaOrgCatalog, schemaOrgDataset };
