import { esc } from './html.js';
import { describeChanges } from './releases.js';
import type {
  DatasetMetadata,
  PublishedFile,
  PublisherInfo,
  Release,
} from './types.js';

/** Media type of the feeds. */
const ATOM_TYPE = 'application/atom+xml';

/** Path of a dataset's feed, and of the site's. */
const datasetFeedPath = (name: string): string => `datasets/${name}/feed.atom`;
const SITE_FEED = 'feed.atom';

interface FeedEntry {
  readonly meta: DatasetMetadata;
  readonly release: Release;
}

const entryXml = ({ meta, release }: FeedEntry): string => {
  const base = `${meta.publisher.siteUrl}datasets/${meta.name}/`;
  const changes = describeChanges(release.changes)
    .map((line) => line.replace(/^- /, ''))
    .join('\n');
  return `<entry>
<id>${esc(`${base}releases/${release.version}/`)}</id>
<title>${esc(`${meta.title.vi} ${release.version}`)}</title>
<updated>${esc(release.published)}</updated>
<link rel="alternate" type="text/html" href="${esc(`${base}index.html`)}"/>
<link rel="enclosure" type="text/csv" href="${esc(`${base}releases/${release.version}/${meta.name}.csv`)}"/>
<link rel="describedby" type="application/json" href="${esc(`${base}releases/${release.version}/datapackage.json`)}"/>
<summary>${esc(`${release.rows} dòng / rows · ${release.periods.join(', ') || '—'}\n${changes}`)}</summary>
</entry>`;
};

/** Newest first; the same time orders by dataset name, then version. */
const newestFirst = (a: FeedEntry, b: FeedEntry): number =>
  a.release.published < b.release.published
    ? 1
    : a.release.published > b.release.published
      ? -1
      : a.meta.name < b.meta.name
        ? -1
        : a.meta.name > b.meta.name
          ? 1
          : 0;

const feedXml = (
  info: PublisherInfo,
  feed: {
    readonly path: string;
    readonly page: string;
    readonly title: string;
    readonly subtitle: string;
    readonly entries: readonly FeedEntry[];
  },
): string => {
  const entries = [...feed.entries].sort(newestFirst);
  const updated = entries[0]?.release.published ?? '2000-01-01T00:00:00Z';
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">
<id>${esc(`${info.siteUrl}${feed.path}`)}</id>
<title>${esc(feed.title)}</title>
<subtitle>${esc(feed.subtitle)}</subtitle>
<updated>${esc(updated)}</updated>
<author><name>${esc(info.publisher.title.vi)}</name><email>${esc(info.publisher.email)}</email><uri>${esc(info.publisher.homepage)}</uri></author>
<link rel="self" type="${ATOM_TYPE}" href="${esc(`${info.siteUrl}${feed.path}`)}"/>
<link rel="alternate" type="text/html" href="${esc(`${info.siteUrl}${feed.page}`)}"/>
<rights>${esc(info.license.title)}</rights>
${entries.map(entryXml).join('\n')}
</feed>
`;
};

const file = (path: string, xml: string): PublishedFile => ({
  path,
  body: Buffer.from(xml, 'utf8'),
  contentType: `${ATOM_TYPE}; charset=utf-8`,
});

/**
 * `datasets/<name>/feed.atom`: one Atom entry per release of the dataset,
 * newest first, each saying what changed (rows added, removed and changed
 * per quarter, columns added or removed), from the releases manifest.
 */
const datasetFeed = (meta: DatasetMetadata): PublishedFile => {
  const path = datasetFeedPath(meta.name);
  return file(
    path,
    feedXml(meta.publisher, {
      path,
      page: `datasets/${meta.name}/index.html`,
      title: `${meta.title.vi} / ${meta.title.en}`,
      subtitle: "Các phiên bản của bộ dữ liệu / The dataset's releases",
      entries: meta.releases.map((release) => ({ meta, release })),
    }),
  );
};

/** `feed.atom`: every release of every dataset, newest first. */
const siteFeed = (
  info: PublisherInfo,
  metas: readonly DatasetMetadata[],
): PublishedFile =>
  file(
    SITE_FEED,
    feedXml(info, {
      path: SITE_FEED,
      page: 'index.html',
      title: `${info.catalog.title.vi} / ${info.catalog.title.en}`,
      subtitle:
        'Các phiên bản mới của mọi bộ dữ liệu / New releases of every dataset',
      entries: metas.flatMap((meta) =>
        meta.releases.map((release) => ({ meta, release })),
      ),
    }),
  );

/** The `<link rel="alternate">` of a feed, for a page `root` levels below the site. */
const feedLink = (path: string, title: string, root: string): string =>
  `<link rel="alternate" type="${ATOM_TYPE}" title="${esc(title)}" href="${esc(`${root}${path}`)}">\n`;

export {
  ATOM_TYPE,
  datasetFeed,
  datasetFeedPath,
  feedLink,
  SITE_FEED,
  siteFeed,
};
