import type { Bilingual, DatasetSchema } from '../schema/types.js';

/** One file of the published site, by its key from the bucket's root. */
export interface PublishedFile {
  readonly path: string;
  readonly body: Buffer;
  readonly contentType: string;
}

/** A domain (lĩnh vực) of the portal: a CKAN group, mapped to an EU data theme. */
export interface Domain {
  /** CKAN group name. */
  readonly name: string;
  readonly title: Bilingual;
  /** Code in the EU data-theme vocabulary, e.g. `TECH`. */
  readonly euTheme: string;
}

/** The dataset licence, with its ids in the vocabularies each format uses. */
export interface LicenseInfo {
  /** SPDX id, used by Frictionless. */
  readonly id: string;
  readonly title: string;
  readonly url: string;
  /** Id in CKAN's licence register. */
  readonly ckanId: string;
  /** URI in the EU licence vocabulary. */
  readonly euUri: string;
  /** Whether the licence is open (CKAN's `isopen`). */
  readonly open: boolean;
}

/** Catalogue-wide metadata, read from `schemas/reference/publisher.json`. */
export interface PublisherInfo {
  /** Absolute URL the public bucket is served at, ending in `/`. */
  readonly siteUrl: string;
  readonly catalog: {
    readonly title: Bilingual;
    readonly description: Bilingual;
  };
  readonly publisher: {
    /** CKAN organization name. */
    readonly name: string;
    readonly title: Bilingual;
    readonly description: Bilingual;
    readonly parent: Bilingual;
    /** Code in the ADMS publisher-type vocabulary, e.g. `RegionalAuthority`. */
    readonly type: string;
    readonly homepage: string;
    readonly email: string;
  };
  readonly contact: {
    readonly name: Bilingual;
    readonly email: string;
    readonly url: string;
  };
  readonly license: LicenseInfo;
  readonly spatial: {
    /** GSO code of the province. */
    readonly code: string;
    readonly name: Bilingual;
    /** ISO 3166-1 alpha-3 code, as in the EU country vocabulary. */
    readonly country: string;
  };
  /** Languages of the data, ISO 639-1. */
  readonly languages: readonly string[];
  readonly domains: readonly Domain[];
}

/** A chart a dataset page draws, declared in `x-dataset.charts`. */
export type ChartSpec =
  | { readonly kind: 'trend'; readonly fields: readonly string[] }
  | { readonly kind: 'by-locality'; readonly field: string }
  | { readonly kind: 'count-by'; readonly field: string }
  | {
      readonly kind: 'targets';
      readonly field: string;
      readonly target: string;
      readonly label: string;
      /** Only rows whose fields have these values. */
      readonly where?: Readonly<Record<string, string>>;
      /**
       * A row meets its target when its fields have these values (the
       * dataset's own assessment, made on unrounded figures). Without it the
       * chart compares the published value with the target.
       */
      readonly met?: Readonly<Record<string, string>>;
    };

/** The open-data part of `x-dataset`: themes, keywords, frequency and charts. */
export interface OpenDataMeta {
  /** Names of the portal's domains the dataset belongs to. */
  readonly theme?: readonly string[];
  readonly keywords?: {
    readonly vi: readonly string[];
    readonly en: readonly string[];
  };
  readonly frequency?: string;
  readonly charts?: readonly ChartSpec[];
}

/** One file of a release, as listed in the manifest and in datapackage.json. */
export interface ReleaseFile {
  readonly path: string;
  readonly bytes: number;
  /** `sha256:<hex>`. */
  readonly hash: string;
}

/** Row changes in one period between two releases. */
export interface PeriodChange {
  readonly period: string;
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
}

/** What changed from the previous release. */
export interface ReleaseChanges {
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  readonly columnsAdded: readonly string[];
  readonly columnsRemoved: readonly string[];
  readonly periods: readonly PeriodChange[];
}

/** One release of a dataset. */
export interface Release {
  readonly version: string;
  /** When it was published, ISO 8601 UTC to the second. */
  readonly published: string;
  /** Hash over the data files and the version-free descriptor. */
  readonly contentHash: string;
  readonly rows: number;
  readonly periods: readonly string[];
  readonly files: readonly ReleaseFile[];
  /** Absent for the first release. */
  readonly changes?: ReleaseChanges;
}

/** `datasets/<name>/releases/index.json`: every release, newest first. */
export interface ReleaseManifest {
  readonly name: string;
  readonly latest: string;
  readonly releases: readonly Release[];
}

/** One downloadable file of a dataset, as every catalogue format describes it. */
export interface Distribution {
  /** Short key: `csv`, `json`, `xlsx` or `datapackage`. */
  readonly key: string;
  readonly path: string;
  readonly url: string;
  readonly title: Bilingual;
  readonly description: Bilingual;
  /** CKAN's canonical format name, e.g. `CSV`. */
  readonly format: string;
  readonly mediaType: string;
  /** Code in the EU file-type vocabulary, e.g. `CSV`. */
  readonly euFileType: string;
  readonly bytes: number;
  /** Lowercase hex SHA-256. */
  readonly sha256: string;
}

/**
 * Everything the catalogue formats say about a dataset, built once from the
 * schema's `x-dataset` block, `publisher.json`, the rows and the releases;
 * datapackage.json, DCAT, CKAN, schema.org and the pages all derive from it.
 */
export interface DatasetMetadata {
  /** Dataset id: Frictionless name and CKAN name. */
  readonly name: string;
  readonly kind: 'submission' | 'derived' | 'ledger' | 'codelist';
  readonly title: Bilingual;
  readonly description: Bilingual;
  readonly keywords: {
    readonly vi: readonly string[];
    readonly en: readonly string[];
  };
  readonly themes: readonly Domain[];
  readonly frequency: {
    readonly code: string;
    readonly euUri: string;
    readonly title: Bilingual;
  };
  readonly temporal?: { readonly start: string; readonly end: string };
  readonly periods: readonly string[];
  readonly rows: number;
  readonly version: string;
  /** First release's publication time. */
  readonly issued: string;
  /** Latest release's publication time: when the content last changed. */
  readonly modified: string;
  readonly landingPage: string;
  readonly distributions: readonly Distribution[];
  readonly derivedFrom: readonly string[];
  readonly releases: readonly Release[];
  readonly schema: DatasetSchema;
  readonly publisher: PublisherInfo;
}
