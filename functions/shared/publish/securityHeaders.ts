/**
 * The Content-Security-Policy of the open-data site. Its pages load their
 * scripts (`assets/site.js`, the language switch; `nop-bao-cao/`'s bundle)
 * and one stylesheet from the site itself, draw charts as inline SVG, carry
 * JSON-LD in a data block (not executed, so not a script for CSP) and use
 * `data:,` as their icon. Nothing else may load, no page may be framed,
 * forms and `<base>` are not used. The submission page calls the upload API
 * and posts the file to S3: deployed, those are other origins, named in
 * `connect` (locally they share the site's origin).
 */
const siteContentSecurityPolicy = (connect: readonly string[] = []): string =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    ["connect-src 'self'", ...connect].join(' '),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

/** The policy of the site served from one origin (the local server). */
const SITE_CONTENT_SECURITY_POLICY = siteContentSecurityPolicy();

/** HSTS max-age: two years, as hstspreload.org asks. */
const HSTS_MAX_AGE_SECONDS = 2 * 365 * 24 * 3600;

/**
 * The security headers every response of the site carries: CloudFront adds
 * them with a response-headers policy, and the local server sends the same,
 * so the page tests in Chromium see the site as citizens do.
 */
const SITE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': SITE_CONTENT_SECURITY_POLICY,
  'strict-transport-security': `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains`,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

export {
  HSTS_MAX_AGE_SECONDS,
  SITE_CONTENT_SECURITY_POLICY,
  SITE_SECURITY_HEADERS,
  siteContentSecurityPolicy,
};
