/** Files of a dataset's numbered release, which never change once written. */
const RELEASE_FILE = /^datasets\/[^/]+\/releases\/[^/]+\/[^/]+$/;

/** Browsers and CloudFront keep a release file for a year and never revalidate it. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The latest files, manifests, catalogues and pages: five minutes at most. */
const SHORT_LIVED = 'public, max-age=300';

/** Whether a published path is a file of a numbered release (`datasets/<name>/releases/<version>/…`). */
const isReleaseFile = (path: string): boolean => RELEASE_FILE.test(path);

/**
 * The `Cache-Control` a published file is served with: a numbered release is
 * immutable for a year; everything that a new publication replaces in place
 * (latest data files, datapackage.json, manifests, CHANGELOG, catalogues, the
 * CKAN mirror, pages) lives five minutes, so a stale copy never outlives a
 * publication by long even where an invalidation is missed.
 */
const cacheControlOf = (path: string): string =>
  isReleaseFile(path) ? IMMUTABLE : SHORT_LIVED;

export { cacheControlOf, IMMUTABLE, isReleaseFile, SHORT_LIVED };
