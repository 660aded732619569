import { ConfigError } from '../errors.js';
import type { DatasetSchema } from '../schema/types.js';
import { isCkanName, isCkanTag } from './ckanName.js';
import type { OpenDataMeta, PublisherInfo } from './types.js';
import {
  EU_THEMES,
  FREQUENCIES,
  LANGUAGES,
  PUBLISHER_TYPES,
} from './vocabularies.js';

const CHART_KINDS = new Set(['trend', 'by-locality', 'count-by', 'targets']);

const fail = (message: string): never => {
  throw new ConfigError(`publisher.json: ${message}`);
};

const text = (value: unknown, path: string): string =>
  typeof value === 'string' && value.trim() !== ''
    ? value
    : fail(`${path} must be a non-empty string`);

const bilingual = (value: unknown, path: string) => {
  const v = (value ?? {}) as Record<string, unknown>;
  return { vi: text(v.vi, `${path}.vi`), en: text(v.en, `${path}.en`) };
};

const absoluteUrl = (value: unknown, path: string): string => {
  const url = text(value, path);
  return /^https?:\/\/[^/]+/.test(url)
    ? url
    : fail(`${path} must be an absolute http(s) URL`);
};

/**
 * Reads and checks `publisher.json`; `siteUrl` overrides the file's site URL
 * (a deployment sets it to its CloudFront or custom domain).
 */
const parsePublisherInfo = (json: unknown, siteUrl?: string): PublisherInfo => {
  const raw = (json ?? {}) as Record<string, Record<string, unknown>>;
  const base = absoluteUrl(siteUrl ?? raw.siteUrl, 'siteUrl');
  const publisher = raw.publisher ?? {};
  const contact = raw.contact ?? {};
  const license = raw.license ?? {};
  const spatial = raw.spatial ?? {};
  const info: PublisherInfo = {
    siteUrl: base.endsWith('/') ? base : `${base}/`,
    catalog: {
      title: bilingual(raw.catalog?.title, 'catalog.title'),
      description: bilingual(raw.catalog?.description, 'catalog.description'),
    },
    publisher: {
      name: text(publisher.name, 'publisher.name'),
      title: bilingual(publisher.title, 'publisher.title'),
      description: bilingual(publisher.description, 'publisher.description'),
      parent: bilingual(publisher.parent, 'publisher.parent'),
      type: text(publisher.type, 'publisher.type'),
      homepage: absoluteUrl(publisher.homepage, 'publisher.homepage'),
      email: text(publisher.email, 'publisher.email'),
    },
    contact: {
      name: bilingual(contact.name, 'contact.name'),
      email: text(contact.email, 'contact.email'),
      url: absoluteUrl(contact.url, 'contact.url'),
    },
    license: {
      id: text(license.id, 'license.id'),
      title: text(license.title, 'license.title'),
      url: absoluteUrl(license.url, 'license.url'),
      ckanId: text(license.ckanId, 'license.ckanId'),
      euUri: absoluteUrl(license.euUri, 'license.euUri'),
      open: license.open === true,
    },
    spatial: {
      code: text(spatial.code, 'spatial.code'),
      name: bilingual(spatial.name, 'spatial.name'),
      country: text(spatial.country, 'spatial.country'),
    },
    languages: Array.isArray(raw.languages)
      ? raw.languages.map((l, i) => text(l, `languages[${i}]`))
      : fail('languages must be a list'),
    domains: Array.isArray(raw.domains)
      ? raw.domains.map((d: Record<string, unknown>, i) => ({
          name: text(d.name, `domains[${i}].name`),
          title: bilingual(d.title, `domains[${i}].title`),
          euTheme: text(d.euTheme, `domains[${i}].euTheme`),
        }))
      : fail('domains must be a list'),
  };
  for (const name of [
    info.publisher.name,
    ...info.domains.map((d) => d.name),
  ]) {
    if (!isCkanName(name)) fail(`"${name}" is not a valid CKAN name`);
  }
  for (const domain of info.domains) {
    if (!EU_THEMES[domain.euTheme]) {
      fail(`domain ${domain.name}: unknown EU theme ${domain.euTheme}`);
    }
  }
  if (!PUBLISHER_TYPES[info.publisher.type]) {
    fail(`unknown publisher type ${info.publisher.type}`);
  }
  for (const language of info.languages) {
    if (!LANGUAGES[language]) fail(`unknown language ${language}`);
  }
  return info;
};

/**
 * The open-data metadata of a schema's `x-dataset` block, checked against the
 * publisher's domains and the vocabularies; throws ConfigError on a mistake.
 */
const openDataMetaOf = (
  schema: DatasetSchema,
  info: PublisherInfo,
): OpenDataMeta => {
  const meta = schema['x-dataset'] as DatasetSchema['x-dataset'] & OpenDataMeta;
  const where = `schemas/${meta.id}.json x-dataset`;
  const bad = (message: string): never => {
    throw new ConfigError(`${where}: ${message}`);
  };
  if (!isCkanName(meta.id)) bad(`id "${meta.id}" is not a valid CKAN name`);
  for (const theme of meta.theme ?? []) {
    if (!info.domains.some((d) => d.name === theme)) {
      bad(`theme "${theme}" is not a domain of publisher.json`);
    }
  }
  for (const tag of [
    ...(meta.keywords?.vi ?? []),
    ...(meta.keywords?.en ?? []),
  ]) {
    if (!isCkanTag(tag)) bad(`keyword "${tag}" is not a valid CKAN tag`);
  }
  if (meta.frequency !== undefined && !FREQUENCIES[meta.frequency]) {
    bad(`unknown frequency "${meta.frequency}"`);
  }
  const fields = new Set(schema.fields.map((f) => f.name));
  for (const chart of meta.charts ?? []) {
    if (!CHART_KINDS.has(chart.kind)) bad(`unknown chart kind ${chart.kind}`);
    const used =
      chart.kind === 'trend'
        ? chart.fields
        : chart.kind === 'targets'
          ? [
              chart.field,
              chart.target,
              chart.label,
              ...Object.keys(chart.where ?? {}),
              ...Object.keys(chart.met ?? {}),
            ]
          : [chart.field];
    for (const field of used) {
      if (!fields.has(field))
        bad(`chart field "${field}" is not in the schema`);
    }
  }
  return {
    theme: meta.theme ?? [],
    keywords: meta.keywords ?? { vi: [], en: [] },
    frequency: meta.frequency ?? 'quarterly',
    charts: meta.charts ?? [],
  };
};

export { openDataMetaOf, parsePublisherInfo };
